// Notifications, newest activity first; opening one marks it read; "Mark all read".
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '../api';
import { Alert, Avatar, PageHeading } from '../components';
import { describeNotification, timeAgo, type Notification } from '../content';
import { navigate } from '../router';

interface NotificationPage {
  items: Notification[];
  next_cursor: string | null;
  unread: number;
}

export function NotificationsPage(props: { onUnread: (n: number) => void }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (from: string | null) => {
    try {
      const page = await api<NotificationPage>('GET', `/api/v1/notifications?limit=30${from ? `&cursor=${encodeURIComponent(from)}` : ''}`);
      setItems((old) => (from ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor);
      props.onUnread(page.unread);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    load(null);
  }, []);
  const markAll = async () => {
    const r = await api<{ unread: number }>('POST', '/api/v1/notifications/read', { all: true });
    setItems(items.map((n) => ({ ...n, read: true })));
    props.onUnread(r.unread);
  };
  const open = async (n: Notification) => {
    if (!n.read) {
      const r = await api<{ unread: number }>('POST', '/api/v1/notifications/read', { ids: [n.id] });
      props.onUnread(r.unread);
    }
    // A comment (a mention in it, a reply, a reaction to it) opens its post scrolled to it.
    const at = n.comment_id ? `#comment-${n.comment_id}` : '';
    navigate(n.content_id ? `/posts/${n.content_id}${at}` : n.community_id ? `/communities/${n.community_id}` : `/people/${n.actor.handle}`);
  };
  return (
    <section>
      <PageHeading>Notifications</PageHeading>
      <button type="button" class="secondary" onClick={markAll}>Mark all read</button>
      <Alert message={error} />
      {items.length === 0 && <p class="muted">No notifications yet.</p>}
      <ul class="notifications">
        {items.map((n) => (
          <li key={n.id} class={n.read ? 'read' : 'unread'}>
            <button type="button" class="notification" onClick={() => open(n)}>
              <Avatar name={n.actor.display_name} photo={n.actor.photo} size={32} />
              <span>
                {!n.read && <span class="visually-hidden">Unread: </span>}
                {describeNotification(n)}
                <span class="muted small"> · {timeAgo(n.updated_at)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" class="secondary" onClick={() => load(cursor)}>Show more</button>}
    </section>
  );
}

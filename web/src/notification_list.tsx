// Notifications as a list, for the Notifications page and the shell's drop-down: who did
// what, the line of text it is about, when; opening one marks it read and goes there.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Schemas, type Answer } from './api';
import { Alert, Avatar } from './components';
import { describeNotification, notificationTarget, timeAgo, type Notification } from './content';
import { navigate } from './router';
import { t } from './i18n/i18n';

type NotificationPage = Schemas['NotificationPage'];

export function NotificationList(props: { limit: number; onUnread: (n: number) => void; onOpened?: () => void; more?: boolean; markAll?: boolean }) {
  const [items, setItems] = useState<Notification[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (from: string | null) => {
    try {
      const page = await api<NotificationPage>('GET', `/api/v1/notifications?limit=${props.limit}${from ? `&cursor=${encodeURIComponent(from)}` : ''}`);
      setItems((old) => (from ? [...(old ?? []), ...page.items] : page.items));
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
    try {
      const r = await api<Answer<'/api/v1/notifications/read', 'post'>>('POST', '/api/v1/notifications/read', { all: true });
      setItems((items ?? []).map((n) => ({ ...n, read: true })));
      props.onUnread(r.unread);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const open = async (n: Notification) => {
    if (!n.read) {
      const r = await api<Answer<'/api/v1/notifications/read', 'post'>>('POST', '/api/v1/notifications/read', { ids: [n.id] }).catch(() => null);
      if (r) props.onUnread(r.unread);
    }
    props.onOpened?.();
    navigate(notificationTarget(n));
  };
  return (
    <>
      {props.markAll !== false && items && items.some((n) => !n.read) && (
        <button type="button" class="secondary" onClick={markAll}>{t('notifications.mark_all_read')}</button>
      )}
      <Alert message={error} />
      {!items && !error && <p class="muted" role="status">{t('notifications.loading')}</p>}
      {items && items.length === 0 && <p class="muted">{t('notifications.empty')}</p>}
      <ul class="notifications">
        {(items ?? []).map((n) => (
          <li key={n.id} class={n.read ? 'read' : 'unread'}>
            <button type="button" class="notification" onClick={() => open(n)}>
              <Avatar name={n.actor.display_name} photo={n.actor.photo} size={32} />
              <span class="notification-text">
                {!n.read && <span class="visually-hidden">{t('notifications.unread_prefix')} </span>}
                {describeNotification(n)}
                <span class="muted small"> · {timeAgo(n.updated_at)}</span>
                {n.snippet && <span class="snippet muted small">“{n.snippet}”</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {props.more !== false && cursor && <button type="button" class="secondary" onClick={() => load(cursor)}>{t('common.show_more')}</button>}
    </>
  );
}

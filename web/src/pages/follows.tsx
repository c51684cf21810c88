// Who follows a person, and whom they follow: /people/{handle}/followers and /following,
// cards a page at a time.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Page } from '../api';
import { Alert, Avatar, PageHeading } from '../components';
import { setTitle } from '../title';
import type { Card, Profile } from './profile';
import { t } from '../i18n/i18n';

export function FollowsPage(props: { handle: string; which: 'followers' | 'following' }) {
  const [person, setPerson] = useState<Profile | null>(null);
  const [items, setItems] = useState<Card[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (p: Profile, from: string | null) => {
    try {
      const page = await api<Page<Card>>('GET', `/api/v1/people/${p.id}/${props.which}?limit=50${from ? `&cursor=${encodeURIComponent(from)}` : ''}`);
      setItems((old) => (from ? [...(old ?? []), ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    api<Profile>('GET', `/api/v1/people/${encodeURIComponent(props.handle)}`).then((p) => {
      setPerson(p);
      setTitle(props.which === 'followers' ? t('follows.followers_of', { name: p.display_name }) : t('follows.followed_by', { name: p.display_name }));
      load(p, null);
    }, (e) => setError(describeError(e)));
  }, [props.handle, props.which]);
  const heading = person ? (props.which === 'followers' ? t('follows.followers_of', { name: person.display_name }) : t('follows.follows', { name: person.display_name })) : t('nav.people');
  return (
    <section>
      {person && <nav aria-label={t('common.breadcrumb')} class="breadcrumb"><a href={`/people/${person.handle}`}>{person.display_name}</a></nav>}
      <PageHeading>{heading}</PageHeading>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{props.which === 'followers' ? t('follows.no_followers') : t('follows.no_following')}</p>}
      <ul class="people">
        {(items ?? []).map((p) => (
          <li key={p.id}>
            <Avatar name={p.display_name} photo={p.photo} size={32} />
            <a href={`/people/${p.handle}`}>{p.display_name}</a>
            {p.title && <span class="muted"> · {p.title}</span>}
          </li>
        ))}
      </ul>
      {cursor && person && <button type="button" class="secondary" onClick={() => load(person, cursor)}>{t('common.show_more')}</button>}
    </section>
  );
}

// What a person could do next, beside the home feed on wide screens (and in its place while
// the feed is empty on a phone): people to follow, with why; communities to join; trending
// hashtags. A guest sees the communities they were invited to instead: they browse no one.
import { useEffect, useState } from 'preact/hooks';
import { api, type User, type Schemas } from './api';
import { Avatar } from './components';
import { whenIdle } from './lazy';
import { t } from './i18n/i18n';
import type { Card } from './pages/profile';

type Suggested = Card & { reason: 'manager' | 'team' | 'report' | 'department' | 'office' };
type CommunityCard = Schemas['Community'];
type Trend = Schemas['Trend'];

// A list the rail shows, asked for once the page's own requests have gone (whenIdle); [] on
// failure (a suggestion that does not load is simply not offered).
function useIdleList<T>(url: string): T[] | null {
  const [items, setItems] = useState<T[] | null>(null);
  useEffect(() => whenIdle(() => {
    api<{ items: T[] }>('GET', url).then((a) => setItems(a.items), () => setItems([]));
  }), [url]);
  return items;
}

function reasonText(p: Suggested): string {
  switch (p.reason) {
    case 'manager': return t('rail.reason_manager');
    case 'team': return t('rail.reason_team');
    case 'report': return t('rail.reason_report');
    case 'department': return t('rail.reason_department', { department: p.department });
    case 'office': return t('rail.reason_office');
  }
}

function PeopleToFollow(props: { id: string }) {
  const items = useIdleList<Suggested>('/api/v1/suggestions/people?limit=5');
  const [followed, setFollowed] = useState<Set<string>>(new Set());
  if (!items || items.length === 0) return null;
  const follow = async (p: Suggested) => {
    await api('POST', `/api/v1/people/${p.id}/follow`).catch(() => undefined);
    setFollowed(new Set([...followed, p.id]));
  };
  return (
    <section class="rail-card" aria-labelledby={`${props.id}-people`}>
      <h2 id={`${props.id}-people`}>{t('rail.people_to_follow')}</h2>
      <ul class="rail-list">
        {items.map((p) => (
          <li key={p.id}>
            <Avatar name={p.display_name} photo={p.photo} size={36} />
            <div class="rail-text">
              <a href={`/people/${p.handle}`}>{p.display_name}</a>
              <div class="muted small">{reasonText(p)}</div>
            </div>
            {followed.has(p.id) ? (
              <span class="muted small">{t('follow.following')}</span>
            ) : (
              <button type="button" class="secondary small-button" aria-label={t('follow.follow_person', { name: p.display_name })} onClick={() => follow(p)}>{t('follow.follow')}</button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CommunitiesToJoin(props: { id: string }) {
  const items = useIdleList<CommunityCard>('/api/v1/suggestions/communities?limit=4');
  if (!items || items.length === 0) return null;
  return (
    <section class="rail-card" aria-labelledby={`${props.id}-communities`}>
      <h2 id={`${props.id}-communities`}>{t('rail.communities_to_join')}</h2>
      <ul class="rail-list">
        {items.map((c) => (
          <li key={c.id}>
            <div class="rail-text">
              <a href={`/communities/${c.handle}`}>{c.name}</a>
              <div class="muted small">{t('community.members_count', { count: c.member_count })}</div>
            </div>
          </li>
        ))}
      </ul>
      <a href="/communities" class="small">{t('rail.all_communities')}</a>
    </section>
  );
}

function Trending(props: { id: string }) {
  const items = useIdleList<Trend>('/api/v1/trends/hashtags?limit=6');
  if (!items || items.length === 0) return null;
  return (
    <section class="rail-card" aria-labelledby={`${props.id}-trending`}>
      <h2 id={`${props.id}-trending`}>{t('rail.trending')}</h2>
      <ul class="rail-list">
        {items.map((trend) => (
          <li key={trend.tag}>
            <div class="rail-text">
              <a href={`/tags/${encodeURIComponent(trend.tag)}`}>#{trend.tag}</a>
              <div class="muted small">{t('rail.posts_count', { count: trend.posts })}</div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MyCommunities(props: { id: string }) {
  const items = useIdleList<CommunityCard>('/api/v1/communities?mine=true&limit=10');
  if (!items) return null;
  return (
    <section class="rail-card" aria-labelledby={`${props.id}-mine`}>
      <h2 id={`${props.id}-mine`}>{t('rail.your_communities')}</h2>
      {items.length === 0 ? <p class="muted">{t('rail.no_community')}</p> : (
        <ul class="rail-list">
          {items.map((c) => <li key={c.id}><a href={`/communities/${c.handle}`}>{c.name}</a></li>)}
        </ul>
      )}
    </section>
  );
}

// `id` keeps headings' ids apart when the rail appears twice in a document.
export function Suggestions(props: { user: User; id: string }) {
  if (props.user.role === 'guest') return <MyCommunities id={props.id} />;
  if (props.user.role === 'alumnus') return null;
  return (
    <>
      <PeopleToFollow id={props.id} />
      <CommunitiesToJoin id={props.id} />
      <Trending id={props.id} />
    </>
  );
}

// What a person could do next, beside the home feed on wide screens (and in its place while
// the feed is empty on a phone): people to follow, with why; communities to join; trending
// hashtags. A guest sees the communities they were invited to instead: they browse no one.
import { useEffect, useState } from 'preact/hooks';
import { api, type User } from './api';
import { Avatar } from './components';
import { whenIdle } from './lazy';
import type { Card } from './pages/profile';

type Suggested = Card & { reason: 'manager' | 'team' | 'report' | 'department' | 'office' };
interface CommunityCard {
  id: string;
  handle: string;
  name: string;
  member_count: number;
  type: string;
}
interface Trend {
  tag: string;
  posts: number;
}

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
    case 'manager': return 'Your manager';
    case 'team': return 'In your team';
    case 'report': return 'Reports to you';
    case 'department': return `Also in ${p.department}`;
    case 'office': return 'Works in your office';
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
      <h2 id={`${props.id}-people`}>People to follow</h2>
      <ul class="rail-list">
        {items.map((p) => (
          <li key={p.id}>
            <Avatar name={p.display_name} photo={p.photo} size={36} />
            <div class="rail-text">
              <a href={`/people/${p.handle}`}>{p.display_name}</a>
              <div class="muted small">{reasonText(p)}</div>
            </div>
            {followed.has(p.id) ? (
              <span class="muted small">Following</span>
            ) : (
              <button type="button" class="secondary small-button" aria-label={`Follow ${p.display_name}`} onClick={() => follow(p)}>Follow</button>
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
      <h2 id={`${props.id}-communities`}>Communities to join</h2>
      <ul class="rail-list">
        {items.map((c) => (
          <li key={c.id}>
            <div class="rail-text">
              <a href={`/communities/${c.handle}`}>{c.name}</a>
              <div class="muted small">{c.member_count === 1 ? '1 member' : `${c.member_count} members`}</div>
            </div>
          </li>
        ))}
      </ul>
      <a href="/communities" class="small">All communities</a>
    </section>
  );
}

function Trending(props: { id: string }) {
  const items = useIdleList<Trend>('/api/v1/trends/hashtags?limit=6');
  if (!items || items.length === 0) return null;
  return (
    <section class="rail-card" aria-labelledby={`${props.id}-trending`}>
      <h2 id={`${props.id}-trending`}>Trending this week</h2>
      <ul class="rail-list">
        {items.map((t) => (
          <li key={t.tag}>
            <div class="rail-text">
              <a href={`/tags/${encodeURIComponent(t.tag)}`}>#{t.tag}</a>
              <div class="muted small">{t.posts === 1 ? '1 post' : `${t.posts} posts`}</div>
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
      <h2 id={`${props.id}-mine`}>Your communities</h2>
      {items.length === 0 ? <p class="muted">You are in no community yet.</p> : (
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

// A list of posts from /api/v1/feed (home, a person's timeline, a hashtag) with "Show more";
// at home, the entries of followed blogs and the changes of followed wiki spaces among them.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Page } from './api';
import { Alert } from './components';
import { takeEarly } from './early';
import { t } from './i18n/i18n';
import type { Post } from './content';
import { PostCard } from './post_card';
import { EntryCard, type BlogEntry } from './entry_card';
import { WikiChangeCard, type WikiChange } from './wiki_change_card';

import { subscribe, watch } from './stream';

// What a feed shows: posts, and at home followed blogs' entries and followed wiki spaces' changes.
type FeedItem = Post | BlogEntry | WikiChange;

// Grey shapes where posts will be while the first page loads (not announced: the status
// line says "Loading posts").
function FeedSkeleton() {
  return (
    <div class="skeleton-list" data-testid="feed-loading">
      <p class="visually-hidden" role="status">
        {t('feed.loading')}
      </p>
      {[0, 1, 2].map((i) => (
        <div class="post skeleton" aria-hidden="true" key={i}>
          <div class="skeleton-line short" />
          <div class="skeleton-line" />
          <div class="skeleton-line" />
        </div>
      ))}
    </div>
  );
}

// `hide`: posts shown elsewhere on the page (a community's pinned posts), left out here.
export function FeedView(props: { source?: string; prepend?: Post[]; empty: ComponentChildren; actions?: (p: Post) => ComponentChildren; hide?: string[] }) {
  const [items, setItems] = useState<FeedItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (from: string | null) => {
    const params = new URLSearchParams({ limit: '20' });
    if (props.source) params.set('source', props.source);
    if (from) params.set('cursor', from);
    try {
      const path = `/api/v1/feed?${params}`;
      const page = await (takeEarly<Page<FeedItem>>(path) ?? api<Page<FeedItem>>('GET', path));
      setItems((old) => (from ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor);
      setLoaded(true);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const [fresh, setFresh] = useState<Post[]>([]);
  useEffect(() => {
    load(null);
    setFresh([]);
  }, [props.source]);

  // The home feed grows live: new posts wait behind a button, so nothing jumps under the
  // reader's eyes. Any feed drops deleted posts, and reloads when the stream says resync.
  useEffect(() => {
    const offs = [
      subscribe<{ id: string }>('post.deleted', (e) => {
        setItems((old) => old.filter((i) => i.id !== e.data.id));
        setFresh((old) => old.filter((i) => i.id !== e.data.id));
      }),
      subscribe('resync', () => load(null)),
    ];
    if (!props.source) offs.push(subscribe<Post>('post', (e) => setFresh((old) => (old.some((p) => p.id === e.data.id) ? old : [e.data, ...old]))));
    return () => offs.forEach((off) => off());
  }, [props.source]);

  const shown = [...(props.prepend ?? []).filter((p) => !items.some((i) => i.id === p.id)), ...items].filter(
    (p) => !props.hide?.includes(p.id),
  );
  const waiting = fresh.filter((p) => !shown.some((i) => i.id === p.id));
  const ids = shown.map((p) => p.id).join(',');
  useEffect(() => (ids ? watch(ids.split(',')) : undefined), [ids]);
  const replace = (id: string, p: Post | null) => setItems((old) => (p ? old.map((i) => (i.id === id ? p : i)) : old.filter((i) => i.id !== id)));
  const card = (p: FeedItem) =>
    p.kind === 'blog_entry' ? <EntryCard key={p.id} entry={p} />
      : p.kind === 'wiki_change' ? <WikiChangeCard key={p.id} change={p} />
      : <PostCard key={p.id} post={p} onChange={(np) => replace(p.id, np)} actions={props.actions} />;
  return (
    <div class="feed">
      <Alert message={error} />
      <div role="status" aria-live="polite">
        {waiting.length > 0 && (
          <button type="button" class="new-posts" onClick={() => { setItems((old) => [...waiting, ...old]); setFresh([]); }}>
            {t('feed.show_new', { count: waiting.length })}
          </button>
        )}
      </div>
      {!loaded && !error && <FeedSkeleton />}
      {loaded && shown.length === 0 && waiting.length === 0 && (typeof props.empty === "string" ? <p class="muted">{props.empty}</p> : props.empty)}
      {shown.map(card)}
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(cursor)}>
          {t('common.show_more')}
        </button>
      )}
    </div>
  );
}

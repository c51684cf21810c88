// A list of posts from /api/v1/feed (home, a person's timeline, a hashtag) with "Show more".
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, type Page } from './api';
import { Alert } from './components';
import type { Post } from './content';
import { PostCard } from './post_card';

export function FeedView(props: { source?: string; prepend?: Post[]; empty: string }) {
  const [items, setItems] = useState<Post[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (from: string | null) => {
    const params = new URLSearchParams({ limit: '20' });
    if (props.source) params.set('source', props.source);
    if (from) params.set('cursor', from);
    try {
      const page = await api<Page<Post>>('GET', `/api/v1/feed?${params}`);
      setItems((old) => (from ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor);
      setLoaded(true);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    load(null);
  }, [props.source]);

  const shown = [...(props.prepend ?? []).filter((p) => !items.some((i) => i.id === p.id)), ...items];
  const replace = (id: string, p: Post | null) => setItems((old) => (p ? old.map((i) => (i.id === id ? p : i)) : old.filter((i) => i.id !== id)));
  return (
    <div class="feed">
      <Alert message={error} />
      {loaded && shown.length === 0 && <p class="muted">{props.empty}</p>}
      {shown.map((p) => <PostCard key={p.id} post={p} onChange={(np) => replace(p.id, np)} />)}
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(cursor)}>
          Show more
        </button>
      )}
    </div>
  );
}

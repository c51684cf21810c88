// Home: share an update, then the home feed (people and hashtags one follows, posts shared
// with one by name, one's own), newest first.
import { useState } from 'preact/hooks';
import { api, ApiError, describeError, type User } from '../api';
import { Alert, PageHeading } from '../components';
import type { Post } from '../content';
import { FeedView } from '../feed_view';

export function HomePage(props: { user: User }) {
  const [posted, setPosted] = useState<Post[]>([]);
  const canPost = props.user.role !== 'alumnus';
  return (
    <section>
      <PageHeading>Welcome, {props.user.display_name}</PageHeading>
      {canPost && <Composer guest={props.user.role === 'guest'} onPosted={(p) => setPosted([p, ...posted])} />}
      <h2>Your feed</h2>
      <FeedView prepend={posted} empty="Nothing here yet. Follow people or hashtags to fill your feed." />
    </section>
  );
}

function Composer(props: { guest: boolean; onPosted: (p: Post) => void }) {
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState(props.guest ? 'restricted' : 'organization');
  const [people, setPeople] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const ids: string[] = [];
      if (audience === 'restricted') {
        for (const handle of people.split(/[\s,]+/).map((h) => h.replace(/^@/, '')).filter(Boolean)) {
          try {
            ids.push((await api<{ id: string }>('GET', `/api/v1/people/${encodeURIComponent(handle)}`)).id);
          } catch {
            throw new ApiError(422, 'about:blank', `No one has the handle @${handle}.`, 'people');
          }
        }
      }
      const post = await api<Post>('POST', '/api/v1/posts', audience === 'restricted' ? { body, audience, people: ids } : { body, audience });
      props.onPosted(post);
      setBody('');
      setPeople('');
      setError(null);
      setField(undefined);
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="composer" onSubmit={submit}>
      <label for="composer-body">Share an update</label>
      <textarea id="composer-body" rows={3} value={body} aria-invalid={field === 'body' ? 'true' : undefined}
        aria-describedby="composer-hint" onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
      <p class="hint" id="composer-hint">Markdown works. Mention people with @handle and tag topics with #hashtag.</p>
      <div class="row">
        <div class="field">
          <label for="composer-audience">Who can see it</label>
          <select id="composer-audience" value={audience} onChange={(e) => setAudience((e.target as HTMLSelectElement).value)}>
            {!props.guest && <option value="organization">Everyone in the organization</option>}
            {!props.guest && <option value="public">Public</option>}
            <option value="restricted">Only people I name</option>
          </select>
        </div>
        {audience === 'restricted' && (
          <div class="field">
            <label for="composer-people">People (handles)</label>
            <input id="composer-people" value={people} aria-invalid={field?.startsWith('people') ? 'true' : undefined}
              onInput={(e) => setPeople((e.target as HTMLInputElement).value)} placeholder="@ana, @bo" />
          </div>
        )}
      </div>
      <Alert message={error} />
      <button type="submit" disabled={busy || !body.trim()}>Post</button>
    </form>
  );
}

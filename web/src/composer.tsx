// The composer: a status update in Markdown, its audience (or a community's), named readers,
// and up to four described pictures.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError } from './api';
import { Alert } from './components';
import type { Post, PostImage } from './content';

const MAX_IMAGES = 4;
const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';

// A picture chosen for the next post, with its preview and the text that describes it.
interface Picked {
  file: File;
  preview: string; // object URL
  alt: string;
}

// With `community`, the post goes to that community's members (audience `community`).
export function Composer(props: { guest: boolean; onPosted: (p: Post) => void; community?: { id: string; name: string } }) {
  const [body, setBody] = useState('');
  const [picked, setPicked] = useState<Picked[]>([]);
  const [audience, setAudience] = useState(props.community ? 'community' : props.guest ? 'restricted' : 'organization');
  const [people, setPeople] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  // Previews are object URLs: released when they leave the list or the page.
  const current = useRef<Picked[]>([]);
  current.current = picked;
  useEffect(() => () => current.current.forEach((p) => URL.revokeObjectURL(p.preview)), []);
  const pick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = '';
    const room = MAX_IMAGES - picked.length;
    if (files.length > room) {
      setError(`A post has at most ${MAX_IMAGES} images.`);
      setField('image_ids');
    }
    setPicked([...picked, ...files.slice(0, Math.max(0, room)).map((file) => ({ file, preview: URL.createObjectURL(file), alt: '' }))]);
  };
  const unpick = (i: number) => {
    URL.revokeObjectURL(picked[i].preview);
    setPicked(picked.filter((_, j) => j !== i));
  };
  const describe = (i: number, alt: string) => setPicked(picked.map((p, j) => (j === i ? { ...p, alt } : p)));

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      // Pictures go up first (the server re-encodes them), then the post names them.
      const imageIds: string[] = [];
      for (const [i, p] of picked.entries()) {
        try {
          imageIds.push((await api<PostImage>('POST', `/api/v1/images?alt=${encodeURIComponent(p.alt)}`, p.file)).id);
        } catch (err) {
          if (err instanceof ApiError) throw new ApiError(err.status, err.type, `Image ${i + 1} (${p.file.name}): ${err.message}`, err.field === 'alt' ? `alt-${i}` : 'images');
          throw err;
        }
      }
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
      const post = await api<Post>('POST', '/api/v1/posts', {
        body, audience, ...(audience === 'restricted' ? { people: ids } : {}), ...(imageIds.length ? { image_ids: imageIds } : {}),
        ...(props.community ? { community_id: props.community.id } : {}),
      });
      props.onPosted(post);
      setBody('');
      picked.forEach((p) => URL.revokeObjectURL(p.preview));
      setPicked([]);
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
      <label for="composer-body">{props.community ? `Post to ${props.community.name}` : 'Share an update'}</label>
      <textarea id="composer-body" rows={3} value={body} aria-invalid={field === 'body' ? 'true' : undefined}
        aria-describedby="composer-hint" onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
      <p class="hint" id="composer-hint">Markdown works. Mention people with @handle and tag topics with #hashtag.</p>
      {props.community ? (
        <p class="hint">Only the community's members see it.</p>
      ) : (
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
      )}
      <div class="field">
        <label for="composer-images">Add images (up to {MAX_IMAGES})</label>
        <input id="composer-images" type="file" multiple accept={IMAGE_TYPES} disabled={picked.length >= MAX_IMAGES}
          aria-describedby="composer-images-hint" aria-invalid={field === 'images' || field?.startsWith('image_ids') ? 'true' : undefined}
          onChange={pick} />
        <p class="hint" id="composer-images-hint">JPEG, PNG, WebP or HEIC, up to 20 MB each. Location and camera details are removed.</p>
      </div>
      {picked.length > 0 && (
        <ul class="picked" aria-label="Images to post">
          {picked.map((p, i) => (
            <li key={p.preview}>
              <img src={p.preview} alt="" />
              <label for={`composer-alt-${i}`}>Describe image {i + 1}</label>
              <input id={`composer-alt-${i}`} value={p.alt} maxLength={1000} aria-invalid={field === `alt-${i}` ? 'true' : undefined}
                onInput={(e) => describe(i, (e.target as HTMLInputElement).value)} />
              <button type="button" class="secondary" onClick={() => unpick(i)}>Remove image {i + 1}</button>
            </li>
          ))}
        </ul>
      )}
      <Alert message={error} />
      <button type="submit" disabled={busy || !body.trim()}>{busy ? 'Posting…' : 'Post'}</button>
    </form>
  );
}

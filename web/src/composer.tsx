// The composer: a status update in Markdown, its audience (or a community's), named readers
// (chosen by name), @mentions suggested as one types, and up to four described pictures (by
// button, paste or drop). Compact until used: the box alone, the rest once it has focus or
// content.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ImagePlus } from 'lucide-preact';
import { api, ApiError, describeError } from './api';
import { Alert } from './components';
import type { Post, PostImage } from './content';
import type { Card } from './pages/profile';
import { PersonPicker, useMentions } from './person_picker';
import { t } from './i18n/i18n';

const MAX_IMAGES = 4;
export const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
// The server's limits (posts/service.h kMaxBody, images/service.h), checked here first so
// that nothing too long or too large is sent only to be refused.
export const MAX_CHARS = 5000;
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const count = (text: string) => [...text].length; // code points, as the server counts

// Why a chosen file cannot be posted, as a sentence; null when it can.
export function imageProblem(file: { name: string; type: string; size: number }): string | null {
  if (!IMAGE_TYPES.split(',').includes(file.type.toLowerCase()))
    return t('composer.wrong_type', { name: file.name });
  if (file.size > MAX_IMAGE_BYTES)
    return t('composer.too_big', { name: file.name, size: file.size / 1024 / 1024, max: 20 });
  return null;
}

// A picture chosen for the next post, with its preview and the text that describes it.
interface Picked {
  file: File;
  preview: string; // object URL
  alt: string;
}

// With `community`, the post goes to that community's members (audience `community`).
export function Composer(props: { guest: boolean; onPosted: (p: Post) => void; community?: { id: string; name: string } }) {
  // The text waits in this tab while the person looks at something else (sessionStorage).
  const draftKey = `agora.draft.${props.community?.id ?? 'home'}`;
  const [body, setBodyState] = useState(() => {
    try {
      return sessionStorage.getItem(draftKey) ?? '';
    } catch {
      return '';
    }
  });
  const setBody = (text: string) => {
    setBodyState(text);
    try {
      if (text) sessionStorage.setItem(draftKey, text);
      else sessionStorage.removeItem(draftKey);
    } catch {
      // storage refused: the draft lasts as long as the page
    }
  };
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [picked, setPicked] = useState<Picked[]>([]);
  const [audience, setAudience] = useState(props.community ? 'community' : props.guest ? 'restricted' : 'organization');
  const [people, setPeople] = useState<Card[]>([]);
  const [expanded, setExpanded] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const mentions = useMentions(body, setBody, textarea, 'composer');
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
    add(files);
  };
  // Pictures chosen, pasted or dropped: checked here first (type, size, how many).
  const add = (files: File[]) => {
    if (files.length === 0) return;
    setExpanded(true);
    const problems = files.map(imageProblem).filter((p): p is string => p !== null);
    const fine = files.filter((f) => imageProblem(f) === null);
    const room = MAX_IMAGES - picked.length;
    if (fine.length > room) problems.push(t('composer.too_many', { max: MAX_IMAGES }));
    if (problems.length > 0) {
      setError(problems.join(' '));
      setField('images');
    } else if (field === 'images' || field?.startsWith('image_ids')) {
      setError(null);
      setField(undefined);
    }
    setPicked([...picked, ...fine.slice(0, Math.max(0, room)).map((file) => ({ file, preview: URL.createObjectURL(file), alt: '' }))]);
  };
  // A file whose preview the browser cannot open (a text file renamed .png) goes at once,
  // with a sentence, instead of a broken picture and a server error later. HEIC stays: most
  // browsers cannot show it, and the server converts it.
  const unreadable = (i: number) => {
    const p = picked[i];
    if (!p || /hei[cf]/i.test(p.file.type)) return;
    unpick(i);
    setError(t('composer.unreadable', { name: p.file.name }));
    setField('images');
  };
  const unpick = (i: number) => {
    URL.revokeObjectURL(picked[i].preview);
    setPicked(picked.filter((_, j) => j !== i));
    if (field === 'images' || field?.startsWith('image_ids') || field?.startsWith('alt-')) {
      setError(null);
      setField(undefined);
    }
  };
  // An error goes once its cause does: the text, the audience or the people it was about.
  const clearIf = (matches: (f: string | undefined) => boolean) => {
    if (error && matches(field)) {
      setError(null);
      setField(undefined);
    }
  };
  const used = count(body);
  const over = used > MAX_CHARS;
  const describe = (i: number, alt: string) => setPicked(picked.map((p, j) => (j === i ? { ...p, alt } : p)));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (over) {
      setError(t('composer.too_long', { over: used - MAX_CHARS, max: MAX_CHARS }));
      setField('body');
      return;
    }
    setBusy(true);
    try {
      // Pictures go up first (the server re-encodes them), then the post names them.
      const imageIds: string[] = [];
      for (const [i, p] of picked.entries()) {
        try {
          imageIds.push((await api<PostImage>('POST', `/api/v1/images?alt=${encodeURIComponent(p.alt)}`, p.file)).id);
        } catch (err) {
          if (err instanceof ApiError) throw new ApiError(err.status, err.type, t('composer.image_failed', { n: i + 1, name: p.file.name, problem: describeError(err) }), err.field === 'alt' ? `alt-${i}` : 'images');
          throw err;
        }
      }
      const ids = people.map((p) => p.id);
      if (audience === 'restricted' && ids.length === 0)
        throw new ApiError(422, 'about:blank', t('composer.choose_people'), 'people');
      const post = await api<Post>('POST', '/api/v1/posts', {
        body, audience, ...(audience === 'restricted' ? { people: ids } : {}), ...(imageIds.length ? { image_ids: imageIds } : {}),
        ...(props.community ? { community_id: props.community.id } : {}),
      });
      props.onPosted(post);
      setBody('');
      textarea.current?.focus();  // ready for the next one (focus was on the button, now disabled)
      picked.forEach((p) => URL.revokeObjectURL(p.preview));
      setPicked([]);
      setPeople([]);
      setError(null);
      setField(undefined);
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    } finally {
      setBusy(false);
    }
  };
  const open = expanded || body !== '' || picked.length > 0;
  const { onTyped, ...boxProps } = mentions.boxProps;
  const onPaste = (e: ClipboardEvent) => {
    const files = Array.from(e.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
    if (files.length) {
      e.preventDefault();
      add(files);
    }
  };
  const onDrop = (e: DragEvent) => {
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) {
      e.preventDefault();
      add(files);
    }
  };
  return (
    <form class={`composer${open ? ' open' : ''}`} onSubmit={submit} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <label for="composer-body">{props.community ? t('composer.post_to', { community: props.community.name }) : t('composer.share_update')}</label>
      <div class="suggest-anchor">
        <textarea id="composer-body" ref={textarea} rows={open ? 4 : 2} value={body} aria-invalid={field === 'body' ? 'true' : undefined}
          placeholder={open ? undefined : t('composer.box_prompt')}
          aria-describedby="composer-hint composer-count" {...boxProps} onFocus={() => setExpanded(true)} onPaste={onPaste}
          onInput={(e) => {
            onTyped(e);
            setBody((e.target as HTMLTextAreaElement).value);
            clearIf((f) => f === 'body');
          }} />
        {mentions.list}
      </div>
      <p class={open ? 'hint' : 'visually-hidden'} id="composer-hint">{t('composer.hint')}</p>
      <p class={`hint counter${over ? ' over' : ''}${open ? '' : ' visually-hidden'}`} id="composer-count" aria-live={used > MAX_CHARS - 200 ? 'polite' : 'off'}>
        {over ? t('composer.over', { over: used - MAX_CHARS, max: MAX_CHARS }) : t('composer.count', { used, max: MAX_CHARS })}
      </p>
      {open && (
        <>
          {props.community ? (
            <p class="hint">{t('composer.community_only')}</p>
          ) : (
            <div class="row">
              <div class="field">
                <label for="composer-audience">{t('composer.audience')}</label>
                <select id="composer-audience" value={audience} onChange={(e) => {
                  setAudience((e.target as HTMLSelectElement).value);
                  clearIf((f) => f?.startsWith('people') ?? false);
                }}>
                  {!props.guest && <option value="organization">{t('audience.organization')}</option>}
                  {!props.guest && <option value="public">{t('audience.public')}</option>}
                  <option value="restricted">{t('composer.audience_named')}</option>
                </select>
              </div>
              {audience === 'restricted' && (
                <PersonPicker id="composer-people" label={t('composer.people')} chosen={people}
                  onChange={(p) => { setPeople(p); clearIf((f) => f?.startsWith('people') ?? false); }}
                  error={field?.startsWith('people') ? error ?? undefined : undefined} hint={t('picker.hint')} />
              )}
            </div>
          )}
          <div class="field">
            <input id="composer-images" ref={fileInput} class="visually-hidden" type="file" multiple accept={IMAGE_TYPES}
              disabled={picked.length >= MAX_IMAGES} tabIndex={-1} aria-hidden="true" onChange={pick} />
            <button type="button" class="secondary with-icon" disabled={picked.length >= MAX_IMAGES}
              aria-describedby="composer-images-hint" onClick={() => fileInput.current?.click()}>
              <ImagePlus size={18} aria-hidden="true" /> {t('composer.add_pictures')}
            </button>
            <p class="hint" id="composer-images-hint">
              {t('composer.pictures_hint', { max: MAX_IMAGES, size: 20 })}
            </p>
          </div>
          {picked.length > 0 && (
            <ul class="picked" aria-label={t('composer.images_to_post')}>
              {picked.map((p, i) => (
                <li key={p.preview}>
                  <img src={p.preview} alt="" onError={() => unreadable(i)} />
                  <label for={`composer-alt-${i}`}>{t('composer.describe_image', { n: i + 1 })}</label>
                  <input id={`composer-alt-${i}`} value={p.alt} maxLength={1000} aria-invalid={field === `alt-${i}` ? 'true' : undefined}
                    onInput={(e) => describe(i, (e.target as HTMLInputElement).value)} />
                  <button type="button" class="secondary" onClick={() => unpick(i)}>{t('composer.remove_image', { n: i + 1 })}</button>
                </li>
              ))}
            </ul>
          )}
          <Alert message={field?.startsWith('people') ? null : error} />
          <div class="actions">
            <button type="submit" disabled={busy || !body.trim() || over}>{busy ? t('composer.posting') : t('composer.post')}</button>
          </div>
        </>
      )}
    </form>
  );
}

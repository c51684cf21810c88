// The blog entry editor's pictures and preview: a cover picture, pictures put into the text
// (uploaded, then named in the Markdown by their address, which the server attaches to the
// entry on saving), and the text as it will show, rendered by the server.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ImagePlus } from 'lucide-preact';
import { api, describeError } from '../api';
import { Alert, Field } from '../components';
import { IMAGE_TYPES, imageProblem } from '../composer';
import type { PostImage } from '../content';
import { t } from '../i18n/i18n';

async function upload(file: File, alt: string): Promise<PostImage> {
  const problem = imageProblem(file);
  if (problem) throw new Error(problem);
  return api<PostImage>('POST', `/api/v1/images?alt=${encodeURIComponent(alt)}`, file);
}

// A hidden file input opened by a real button: the button is what keyboards and screen
// readers meet.
function PickButton(props: { id: string; label: string; busy: boolean; onFile: (f: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input id={props.id} ref={input} class="visually-hidden" type="file" accept={IMAGE_TYPES} tabIndex={-1} aria-hidden="true"
        onChange={(e) => {
          const f = (e.target as HTMLInputElement).files?.[0];
          (e.target as HTMLInputElement).value = '';
          if (f) props.onFile(f);
        }} />
      <button type="button" class="secondary with-icon" disabled={props.busy} onClick={() => input.current?.click()}>
        <ImagePlus size={18} aria-hidden="true" /> {props.busy ? t('editor.uploading') : props.label}
      </button>
    </>
  );
}

export function CoverPicker(props: { cover: PostImage | null; onChange: (c: PostImage | null) => void }) {
  const [alt, setAlt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pick = async (file: File) => {
    setBusy(true);
    try {
      props.onChange(await upload(file, alt));
      setError(null);
      setAlt('');
    } catch (e) {
      setError(describeError(e));
    }
    setBusy(false);
  };
  return (
    <fieldset class="cover-picker">
      <legend>{t('editor.cover')}</legend>
      {props.cover ? (
        <div class="cover-chosen">
          <img src={props.cover.preview_url} alt={props.cover.alt} width={props.cover.preview_width} height={props.cover.preview_height} />
          <p class="muted small">{props.cover.alt ? t('editor.cover_described', { alt: props.cover.alt }) : t('editor.cover_undescribed')}</p>
          <button type="button" class="secondary" onClick={() => props.onChange(null)}>{t('editor.cover_remove')}</button>
        </div>
      ) : (
        <>
          <Field id="entry-cover-alt" label={t('editor.describe_picture')} hint={t('editor.describe_hint')} value={alt} onInput={setAlt} />
          <PickButton id="entry-cover-file" label={t('editor.cover_choose')} busy={busy} onFile={pick} />
        </>
      )}
      <Alert message={error} />
    </fieldset>
  );
}

// Uploads a picture and gives back the Markdown that shows it, to put into the text.
export function InsertPicture(props: { onInsert: (markdown: string) => void }) {
  const [alt, setAlt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const pick = async (file: File) => {
    setBusy(true);
    try {
      const image = await upload(file, alt);
      // Square brackets would end the Markdown's alternative text early.
      props.onInsert(`![${alt.replace(/[[\]]/g, '')}](${image.url})`);
      setAlt('');
      setError(null);
      setOpen(false);
    } catch (e) {
      setError(describeError(e));
    }
    setBusy(false);
  };
  if (!open) return <button type="button" class="secondary with-icon" onClick={() => setOpen(true)}><ImagePlus size={18} aria-hidden="true" /> {t('editor.insert_picture')}</button>;
  return (
    <div class="insert-picture">
      <Field id="entry-picture-alt" label={t('editor.describe_picture')} hint={t('editor.describe_hint')} value={alt} onInput={setAlt} />
      <div class="actions">
        <PickButton id="entry-picture-file" label={t('editor.choose_picture')} busy={busy} onFile={pick} />
        <button type="button" class="secondary" onClick={() => { setOpen(false); setError(null); }}>{t('common.cancel')}</button>
      </div>
      <Alert message={error} />
    </div>
  );
}

// The text as it will show: asked of the server, which renders it as it renders the saved entry.
export function Preview(props: { body: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ html: string }>('POST', '/api/v1/markdown', { body: props.body }).then((r) => setHtml(r.html), (e) => setError(describeError(e)));
  }, [props.body]);
  return (
    <section class="card entry-preview" aria-label={t('editor.preview')} aria-busy={html === null && !error}>
      <Alert message={error} />
      {html !== null && (html ? <div class="post-body entry-body" dangerouslySetInnerHTML={{ __html: html }} /> : <p class="muted">{t('editor.preview_empty')}</p>)}
    </section>
  );
}

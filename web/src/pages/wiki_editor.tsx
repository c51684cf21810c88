// Writing a wiki page: a new one (its title, where it goes) or the next revision of one.
// A save names the revision the edit began from; when someone saved in between the server
// merges both edits, and where both changed the same passage it answers with the passages,
// shown here side by side ("Saved meanwhile" and "Yours") to choose or rewrite each before
// saving again. Nothing typed is lost on the way. While the editor is open, the page says who
// else is editing it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError, type Schemas } from '../api';
import { Alert, Field, PageHeading } from '../components';
import { navigate } from '../router';
import { setTitle } from '../title';
import { toast } from '../toast';
import { pagePath } from './wiki';
import type { WikiPage } from './wiki_page';
import { EditingNotice, useEditingMark, useEditors } from './wiki_watch';
import { InsertPicture } from './entry_media';
import { AttachFile } from './wiki_files';
import { t } from '../i18n/i18n';

type Saved = Schemas['WikiSaved'];
type Conflict = { current_revision: number; current_body: string; passages: { conflict: boolean; text?: string; theirs?: string; yours?: string }[] };

function WikiPreview(props: { space: string; body: string }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ html: string }>('POST', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/preview`, { body: props.body }).then(
      (r) => setHtml(r.html), (e) => setError(describeError(e)));
  }, [props.space, props.body]);
  return (
    <section class="card entry-preview" aria-label={t('editor.preview')} aria-busy={html === null && !error}>
      <Alert message={error} />
      {html !== null && (html ? <div class="post-body entry-body wiki-body" dangerouslySetInnerHTML={{ __html: html }} /> : <p class="muted">{t('editor.preview_empty')}</p>)}
    </section>
  );
}

// Each conflicting passage: what was saved meanwhile and what the writer wrote, side by side,
// and the text that will stand there (the writer's to begin with), to choose or rewrite.
function ConflictScreen(props: { conflict: Conflict; onResolved: (text: string) => void; onCancel: () => void }) {
  const { passages } = props.conflict;
  const [chosen, setChosen] = useState<string[]>(() => passages.map((p) => (p.conflict ? p.yours ?? '' : p.text ?? '')));
  const count = passages.filter((p) => p.conflict).length;
  let n = 0;
  const set = (i: number, v: string) => setChosen(chosen.map((c, k) => (k === i ? v : c)));
  return (
    <section class="wiki-conflict" aria-labelledby="conflict-title" data-testid="wiki-conflict">
      <h2 id="conflict-title">{t('wiki.conflict_title')}</h2>
      <p role="alert">{t('wiki.conflict_intro', { count })}</p>
      {passages.map((p, i) => {
        if (!p.conflict) return null;
        n += 1;
        const id = `passage-${i}`;
        return (
          <fieldset key={i} class="conflict-passage card">
            <legend>{t('wiki.conflict_passage', { n, count })}</legend>
            <div class="side-by-side">
              <div>
                <h3 class="small">{t('wiki.conflict_theirs')}</h3>
                <pre class="passage">{p.theirs}</pre>
                <button type="button" class="secondary" onClick={() => set(i, p.theirs ?? '')}>{t('wiki.conflict_take_theirs')}</button>
              </div>
              <div>
                <h3 class="small">{t('wiki.conflict_yours')}</h3>
                <pre class="passage">{p.yours}</pre>
                <button type="button" class="secondary" onClick={() => set(i, p.yours ?? '')}>{t('wiki.conflict_take_yours')}</button>
              </div>
            </div>
            <div class="field">
              <label for={id}>{t('wiki.conflict_result')}</label>
              <textarea id={id} rows={Math.min(12, Math.max(3, chosen[i].split('\n').length + 1))} value={chosen[i]}
                onInput={(e) => set(i, (e.target as HTMLTextAreaElement).value)} />
            </div>
          </fieldset>
        );
      })}
      <div class="actions">
        <button type="button" onClick={() => props.onResolved(chosen.join(''))}>{t('wiki.conflict_save')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>{t('wiki.conflict_back')}</button>
      </div>
    </section>
  );
}

// `slug`: the page to edit; otherwise a new page titled `title` (maybe empty), below `parent`.
export function WikiEditor(props: { space: string; slug?: string; title?: string; parent?: string; me?: string }) {
  const [page, setPage] = useState<WikiPage | null>(null);
  const [title, setTitleText] = useState(props.title ?? '');
  const [body, setBody] = useState('');
  const [summary, setSummary] = useState('');
  const [base, setBase] = useState(0);
  const [preview, setPreview] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // Others editing it now, told to the writer; and this writer, told to them.
  const editors = useEditors(page?.id, props.me ?? '');
  useEditingMark(page?.id);
  useEffect(() => {
    if (!props.slug) {
      setTitle(t('wiki.new_page'));
      return;
    }
    api<WikiPage>('GET', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages/${encodeURIComponent(props.slug)}`).then(
      (p) => { setPage(p); setBody(p.body); setBase(p.revision); setTitle(t('wiki.editing', { title: p.title })); },
      (e) => setError(describeError(e)),
    );
  }, [props.space, props.slug]);
  const fail = (e: unknown) => {
    setError(describeError(e));
    setField(e instanceof ApiError ? e.field : undefined);
  };
  const save = async (text: string, from: number) => {
    setBusy(true);
    try {
      if (!page) {
        const made = await api<WikiPage>('POST', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages`,
          { title, body: text, summary, ...(props.parent ? { parent: props.parent } : {}) });
        navigate(pagePath(made.space.handle, made.slug));
        return;
      }
      const saved = await api<Saved>('POST', `/api/v1/wiki/pages/${page.id}/revisions`, { body: text, base_revision: from, summary });
      if (saved.merged) toast(t('wiki.merged'));
      else if (saved.changed) toast(t('wiki.saved'));
      navigate(pagePath(saved.page.space.handle, saved.page.slug));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.problem.conflict) {
        // Nothing was saved: the passages to resolve, from the revision saved meanwhile.
        setConflict(e.problem.conflict as Conflict);
        setError(null);
      } else fail(e);
    } finally {
      setBusy(false);
    }
  };
  if (props.slug && !page) return <section><PageHeading>{t('wiki.edit')}</PageHeading><Alert message={error} /></section>;
  const errorOf = (f: string) => (field === f ? error ?? undefined : undefined);
  if (conflict)
    return (
      <section>
        <PageHeading>{t('wiki.editing', { title: page?.title ?? title })}</PageHeading>
        <ConflictScreen conflict={conflict} onCancel={() => setConflict(null)} onResolved={(text) => {
          setBody(text);
          setBase(conflict.current_revision);
          setConflict(null);
          save(text, conflict.current_revision);
        }} />
        <Alert message={error} />
      </section>
    );
  return (
    <section>
      <PageHeading>{page ? t('wiki.editing', { title: page.title }) : t('wiki.new_page')}</PageHeading>
      {page && <EditingNotice editors={editors} inEditor />}
      <form class="composer wiki-editor" onSubmit={(e) => { e.preventDefault(); save(body, base); }}>
        {!page && <Field id="wiki-title" label={t('wiki.title')} value={title} error={errorOf('title')} onInput={setTitleText} required />}
        <div class="body-head">
          <label for="wiki-body">{t('editor.body')}</label>
          <div class="actions">
            <button type="button" class="secondary" aria-pressed={!preview} onClick={() => setPreview(false)}>{t('editor.write_tab')}</button>
            <button type="button" class="secondary" aria-pressed={preview} onClick={() => setPreview(true)}>{t('editor.preview')}</button>
          </div>
        </div>
        {preview ? <WikiPreview space={props.space} body={body} /> : (
          <>
            <textarea id="wiki-body" ref={textarea} rows={18} value={body} aria-describedby="wiki-body-hint"
              aria-invalid={field === 'body' ? 'true' : undefined} onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
            <p class="hint" id="wiki-body-hint">{t('wiki.body_hint')}</p>
            {/* A picture goes where the cursor was, as its own paragraph. */}
            <div class="actions">
              <InsertPicture onInsert={(md) => {
                const at = textarea.current?.selectionStart ?? body.length;
                setBody(`${body.slice(0, at)}${at > 0 ? '\n\n' : ''}${md}\n\n${body.slice(at)}`);
              }} />
              {/* A file's link goes where the cursor was, within the line. */}
              <AttachFile onInsert={(md) => {
                const at = textarea.current?.selectionStart ?? body.length;
                setBody(`${body.slice(0, at)}${md}${body.slice(at)}`);
              }} />
            </div>
          </>
        )}
        <Field id="wiki-summary" label={t('wiki.summary')} value={summary} error={errorOf('summary')} onInput={setSummary} hint={t('wiki.summary_hint')} />
        {field !== 'title' && field !== 'summary' && <Alert message={error} />}
        <div class="actions">
          <button type="submit" disabled={busy || (!page && !title.trim())}>{page ? t('wiki.save') : t('wiki.create_page')}</button>
          <a class="button" href={page ? pagePath(page.space.handle, page.slug) : `/wiki/${props.space}`}>{t('common.cancel')}</a>
        </div>
      </form>
    </section>
  );
}

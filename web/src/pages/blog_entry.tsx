// A blog entry's page (its text, its author, reading time, publishing for those who may,
// comments) and the editor that writes a new entry or changes one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ThumbsUp } from 'lucide-preact';
import { api, ApiError, describeError } from '../api';
import { Alert, Avatar, Field, PageHeading } from '../components';
import { confirmAction } from '../confirm';
import { Comments } from '../post_card';
import { navigate } from '../router';
import { setTitle } from '../title';
import { toast } from '../toast';
import type { Blog, BlogEntry } from './blogs';
import { mergeText } from '../merge';
import { TextDiff } from '../text_diff';
import { AuthorCards } from '../author_cards';
import { SelectField } from '../components';
import { formatDate, formatList, t, tx } from '../i18n/i18n';
import { PersonPicker } from '../person_picker';
import type { Card } from './profile';
import type { PostImage, ReactionSummary } from '../content';
import { Reactions } from '../reactions';
import { CoverPicker, InsertPicture, Preview } from './entry_media';

// The author and co-authors, each a link to their profile, joined as the language joins a list
// ("Ana, Bo and Cy").
function Authors(props: { people: { handle: string; display_name: string }[] }) {
  const names = props.people.map((p) => p.display_name);
  const joined = formatList(names);
  // Split the joined text at the names, so each name becomes its link.
  const parts: preact.ComponentChildren[] = [];
  let rest = joined;
  props.people.forEach((p, i) => {
    const at = rest.indexOf(p.display_name);
    if (at < 0) return;
    parts.push(rest.slice(0, at), <a key={i} href={`/people/${p.handle}`}>{p.display_name}</a>);
    rest = rest.slice(at + p.display_name.length);
  });
  parts.push(rest);
  return <>{parts}</>;
}

// Minutes to read, at 200 words a minute (what readers of a second language manage too).
export function readingMinutes(markdown: string): number {
  const words = markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return Math.max(1, Math.round(words / 200));
}

export function BlogEntryPage(props: { blog: string; id: string; me: string }) {
  const [entry, setEntry] = useState<BlogEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Reactions (like, celebrate…) as on a post: their summary is read with the entry's page only.
  const [reactions, setReactions] = useState<ReactionSummary | null>(null);
  useEffect(() => {
    api<{ summary: ReactionSummary }>('GET', `/api/v1/content/${encodeURIComponent(props.id)}/reactions?limit=1`).then(
      (r) => setReactions(r.summary),
      () => setReactions(null),
    );
  }, [props.id]);
  useEffect(() => {
    api<BlogEntry>('GET', `/api/v1/blog-entries/${encodeURIComponent(props.id)}`)
      .then((e) => {
        setEntry(e);
        setTitle(e.title);
        // Reached by its id alone (a notification's link): the address becomes its blog's.
        if (location.pathname.startsWith('/blog-entries/'))
          history.replaceState(history.state, '', `/blogs/${e.blog.handle}/entries/${e.id}${location.hash}`);
        // Counted once a day per reader, however often the page is opened.
        if (e.state === 'published') api('POST', `/api/v1/blog-entries/${e.id}/views`).catch(() => undefined);
      })
      .catch((e) => setError(describeError(e)));
  }, [props.id]);
  if (!entry) return <section><PageHeading>{t('title.blog_entry')}</PageHeading><Alert message={error} /></section>;
  const blogPath = `/blogs/${entry.blog.handle}`;
  const publish = async (on: boolean) => {
    try {
      setEntry(await api<BlogEntry>(on ? 'POST' : 'DELETE', `/api/v1/blog-entries/${entry.id}/publication`));
      setError(null);
      toast(on ? t('entry.published_now') : t('entry.unpublished_now'));
    } catch (e) {
      setError(describeError(e));
    }
  };
  const remove = async () => {
    if (!(await confirmAction({ title: t('entry.delete_title'), body: t('entry.delete_body'), confirm: t('common.delete'), danger: true }))) return;
    try {
      await api('DELETE', `/api/v1/blog-entries/${entry.id}`);
      navigate(blogPath);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const recommend = async () => {
    try {
      setEntry(await api<BlogEntry>(entry.recommended ? 'DELETE' : 'PUT', `/api/v1/blog-entries/${entry.id}/recommendation`));
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const author = entry.author;
  const own = entry.author.id === props.me;  // one does not recommend one's own
  return (
    <article class="blog-entry">
      <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
        <a href="/blogs">{t('nav.blogs')}</a> › <a href={blogPath}>{entry.blog.name}</a>
      </nav>
      {entry.state === 'draft' && <p class="badge-draft">{t('entry.draft')}</p>}
      {entry.state === 'scheduled' && entry.scheduled_at && (
        <p class="badge-draft">{t('entry.scheduled', { when: formatDate(entry.scheduled_at, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      )}
      <PageHeading>{entry.title}</PageHeading>
      <div class="post-head">
        <Avatar name={author.display_name} photo={author.photo} size={40} />
        <p class="muted">
          {tx('entry.by', { author: <Authors people={[author, ...entry.coauthors]} /> })}
          {author.title && ` · ${author.title}`}
          <br />
          {entry.published_at && <><time dateTime={entry.published_at}>{formatDate(entry.published_at)}</time> · </>}
          {t('entry.reading_time', { minutes: readingMinutes(entry.body) })}
          {entry.edited_at && ` · ${t('entry.edited')}`}
          {entry.public_path && <> · <a href={entry.public_path} target="_blank" rel="noopener">{t('entry.public_page')}</a></>}
        </p>
      </div>
      {entry.cover && (
        <figure class="entry-cover">
          <img src={entry.cover.url} alt={entry.cover.alt} width={entry.cover.width} height={entry.cover.height} />
        </figure>
      )}
      <div class="post-body entry-body" dangerouslySetInnerHTML={{ __html: entry.body_html }} />
      {entry.state === 'published' && (
        <div class="entry-counts">
          {!own && (
            <button type="button" class="secondary" aria-pressed={entry.recommended} onClick={recommend}>
              <ThumbsUp size={18} aria-hidden="true" /> {t('entry.recommend')}
            </button>
          )}
          <span class="muted">{t('entry.recommend_count', { count: entry.recommend_count })} · {t('entry.views', { count: entry.view_count })}</span>
          {reactions && <Reactions targetId={entry.id} summary={reactions} what="blog_entry" onChange={setReactions} />}
        </div>
      )}
      {(entry.can_edit || entry.can_publish) && (
        <div class="actions">
          {entry.can_edit && <a class="button" href={`${blogPath}/write/${entry.id}`}>{t('entry.edit')}</a>}
          {entry.can_publish && (
            <button type="button" class="secondary" onClick={() => publish(entry.state !== 'published')}>
              {entry.state !== 'published' ? t('entry.publish') : t('entry.unpublish')}
            </button>
          )}
          {entry.can_edit && <button type="button" class="secondary danger" onClick={remove}>{t('entry.delete')}</button>}
        </div>
      )}
      <Alert message={error} />
      <AuthorCards handles={[entry.author.handle, ...entry.coauthors.map((a) => a.handle)]} me={props.me} />
      {entry.can_edit && <History entry={entry} onRestored={setEntry} />}
      <h2>{t('entry.comments')}</h2>
      <Comments contentId={entry.id} onCount={(n) => setEntry({ ...entry, comment_count: n })}
        closed={entry.blog.comment_policy === 'closed' ? t('comments.closed_blog') : undefined}
        hint={entry.blog.comment_policy === 'hold_first' || entry.blog.comment_policy === 'hold_all' ? t('comments.moderated_hint') : undefined}
        highlight={location.hash.startsWith('#comment-') ? location.hash.slice(9) : undefined} />
    </article>
  );
}

// Writes a new entry in a blog (`id` absent) or changes one. Those who may publish choose
// between saving a draft and publishing; contributors save drafts an editor publishes.
export function BlogEntryEditor(props: { blog: string; id?: string; me: string }) {
  const [blog, setBlog] = useState<Blog | null>(null);
  const [entry, setEntry] = useState<BlogEntry | null>(null);
  const [title, setTitleText] = useState('');
  const [excerpt, setExcerpt] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  // What this editor began from (the entry as loaded or last saved), and the version saved by
  // someone else meanwhile when the texts could not be merged line by line.
  const [base, setBase] = useState<BlogEntry | null>(null);
  const [theirs, setTheirs] = useState<BlogEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [cover, setCover] = useState<PostImage | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const bodyInput = useRef<HTMLTextAreaElement>(null);
  // Puts Markdown (a picture) where the cursor is, on a line of its own.
  const insert = (md: string) => {
    const el = bodyInput.current;
    const at = el ? el.selectionStart : body.length;
    const before = body.slice(0, at);
    const after = body.slice(at);
    const text = `${before}${before && !before.endsWith('\n\n') ? (before.endsWith('\n') ? '\n' : '\n\n') : ''}${md}\n\n${after.replace(/^\n+/, '')}`;
    setBody(text);
    requestAnimationFrame(() => el?.focus());
  };
  useEffect(() => {
    api<Blog>('GET', `/api/v1/blogs/${encodeURIComponent(props.blog)}`).then(setBlog, (e) => setError(describeError(e)));
    if (props.id)
      api<BlogEntry>('GET', `/api/v1/blog-entries/${encodeURIComponent(props.id)}`).then((e) => {
        setEntry(e);
        setBase(e);
        setCoauthors(e.coauthors as Card[]);
        setTitleText(e.title);
        setExcerpt(e.excerpt);
        setBody(e.body);
        setCover(e.cover);
      }, (e) => setError(describeError(e)));
  }, [props.blog, props.id]);
  useEffect(() => setTitle(props.id ? t('editor.edit_title') : t('editor.new_title')), [props.id]);
  const role = blog?.my_role;
  // A new entry's writer publishes it if they edit the blog or author their own entries.
  const mayPublish = entry ? entry.can_publish : role === 'owner' || role === 'editor' || role === 'author';
  const [later, setLater] = useState('');  // datetime-local: the person's own time
  const [coauthors, setCoauthors] = useState<Card[]>([]);
  const save = async (publish: boolean, at?: string) => {
    setBusy(true);
    try {
      let saved: BlogEntry;
      if (entry) {
        // Saved over the version this editor began from only: another save in between is 412.
        const from = (theirs ?? base ?? entry).version;
        const change: Record<string, unknown> = { title, excerpt, body, coauthors: coauthors.map((p) => p.id) };
        if ((cover?.id ?? null) !== (entry.cover?.id ?? null)) change.cover_image = cover?.id ?? null;
        saved = await api<BlogEntry>('PATCH', `/api/v1/blog-entries/${entry.id}`, change, { 'If-Match': `"${from}"` });
        if (publish && saved.state !== 'published') saved = await api<BlogEntry>('POST', `/api/v1/blog-entries/${entry.id}/publication`);
      } else {
        saved = await api<BlogEntry>('POST', `/api/v1/blogs/${encodeURIComponent(props.blog)}/entries`,
          { title, excerpt, body, publish, coauthors: coauthors.map((p) => p.id), cover_image: cover?.id ?? null });
      }
      if (at) saved = await api<BlogEntry>('POST', `/api/v1/blog-entries/${saved.id}/publication`, { at });
      toast(saved.state === 'published' ? t('entry.saved_published') : saved.state === 'scheduled' && saved.scheduled_at
        ? t('entry.saved_scheduled', { when: formatDate(saved.scheduled_at, { dateStyle: 'medium', timeStyle: 'short' }) })
        : t('entry.saved_draft'));
      navigate(`/blogs/${saved.blog.handle}/entries/${saved.id}`);
    } catch (err) {
      const current = err instanceof ApiError && err.status === 412 ? (err.problem.current as BlogEntry | undefined) : undefined;
      if (current && base) {
        // Someone saved meanwhile: their changes and these are merged line by line when they
        // touch different lines; otherwise both stay on screen for the writer to choose.
        const merged = mergeText(base.body, body, current.body);
        const mergedTitle = title === base.title ? current.title : title;
        const mergedExcerpt = excerpt === base.excerpt ? current.excerpt : excerpt;
        setBase(current);
        setError(null);
        setField(undefined);
        if (merged !== null) {
          setBody(merged);
          setTitleText(mergedTitle);
          setExcerpt(mergedExcerpt);
          setTheirs(null);
          setNotice(t('editor.merged', { name: current.author.display_name }));
        } else {
          setTheirs(current);
          setNotice(null);
        }
        setBusy(false);
        return;
      }
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
      setBusy(false);
    }
  };
  const errorOf = (f: string) => (field === f ? error ?? undefined : undefined);
  // A problem with a field is said at the field; any other above the buttons.
  const shownAtField = !!field && (['title', 'excerpt', 'body'].includes(field) || field.startsWith('coauthors'));
  // (cover_image problems, rarer, are said above the buttons with the others.)
  const heading = entry ? t('editor.edit_heading', { title: entry.title }) : t('editor.new_heading', { blog: blog?.name ?? '' });
  const published = entry?.state === 'published';
  // Someone with no role in the blog (a link sent to them) is told so, not given a form the
  // server would refuse.
  if (blog && !blog.my_role && !(entry?.can_edit))
    return (
      <section>
        <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
          <a href="/blogs">{t('nav.blogs')}</a> › <a href={`/blogs/${blog.handle}`}>{blog.name}</a>
        </nav>
        <PageHeading>{heading}</PageHeading>
        <p>{t('editor.not_a_writer')}</p>
      </section>
    );
  return (
    <section>
      <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
        <a href="/blogs">{t('nav.blogs')}</a> › <a href={`/blogs/${props.blog}`}>{blog?.name ?? props.blog}</a>
      </nav>
      <PageHeading>{heading}</PageHeading>
      {notice && <p class="notice" role="status">{notice}</p>}
      {theirs && (
        <section class="card conflict" role="alert" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">{t('editor.conflict_heading')}</h2>
          <p>{t('editor.conflict_explained')}</p>
          <label for="entry-theirs">{t('editor.theirs')}</label>
          <textarea id="entry-theirs" rows={8} readOnly value={theirs.body} />
          <div class="actions">
            <button type="button" class="secondary" onClick={() => {
              setTitleText(theirs.title);
              setExcerpt(theirs.excerpt);
              setBody(theirs.body);
              setTheirs(null);
            }}>{t('editor.take_theirs')}</button>
          </div>
          <p class="hint">{t('editor.keep_mine_hint')}</p>
        </section>
      )}
      <form class="composer entry-editor" onSubmit={(e) => { e.preventDefault(); save(false); }}>
        <Field id="entry-title" label={t('editor.title')} value={title} error={errorOf('title')} onInput={setTitleText} />
        <Field id="entry-excerpt" label={t('editor.excerpt')} hint={t('editor.excerpt_hint')} value={excerpt} error={errorOf('excerpt')} onInput={setExcerpt} />
        <CoverPicker cover={cover} onChange={setCover} />
        <div class="body-head">
          <label for="entry-body">{t('editor.body')}</label>
          <div class="actions">
            <button type="button" class="secondary" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>{t('editor.write_tab')}</button>
            <button type="button" class="secondary" aria-pressed={previewing} onClick={() => setPreviewing(true)}>{t('editor.preview')}</button>
          </div>
        </div>
        {previewing ? <Preview body={body} /> : (
          <>
            <textarea id="entry-body" ref={bodyInput} rows={16} value={body} aria-invalid={field === 'body' ? 'true' : undefined}
              aria-describedby={field === 'body' ? 'entry-body-error' : undefined}
              onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)} />
            <InsertPicture onInsert={insert} />
          </>
        )}
        {field === 'body' && <p class="field-error" id="entry-body-error">{error}</p>}
        <PersonPicker id="entry-coauthors" label={t('editor.coauthors')} chosen={coauthors} onChange={setCoauthors} hint={t('editor.coauthors_hint')}
          exclude={[entry?.author.id ?? props.me]} />
        {field?.startsWith('coauthors') && <p class="field-error">{error}</p>}
        {!shownAtField && <Alert message={error} />}
        {!mayPublish && <p class="hint">{t('editor.contributor_hint')}</p>}
        <div class="actions">
          {published ? (
            <button type="submit" disabled={busy || !title.trim() || !body.trim()}>{t('editor.save')}</button>
          ) : (
            <>
              <button type="submit" class={mayPublish ? 'secondary' : undefined} disabled={busy || !title.trim() || !body.trim()}>{t('editor.save_draft')}</button>
              {mayPublish && (
                <button type="button" disabled={busy || !title.trim() || !body.trim()} onClick={() => save(true)}>{t('entry.publish')}</button>
              )}
            </>
          )}
          <button type="button" class="secondary" onClick={() => history.back()}>{t('common.cancel')}</button>
        </div>
        {mayPublish && !published && (
          <div class="row schedule">
            <div class="field">
              <label for="entry-later">{t('editor.publish_later')}</label>
              <input id="entry-later" type="datetime-local" value={later} onInput={(e) => setLater((e.target as HTMLInputElement).value)} />
            </div>
            <button type="button" class="secondary" disabled={busy || !later || !title.trim() || !body.trim()}
              onClick={() => save(false, new Date(later).toISOString())}>{t('editor.schedule')}</button>
          </div>
        )}
      </form>
    </section>
  );
}

type Revision = { revision: number; body: string; created_at: string };

// An entry's history for its writers: any two of its texts compared, and an earlier one
// restored (saved as the newest, so nothing is lost).
function History(props: { entry: BlogEntry; onRestored: (e: BlogEntry) => void }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Revision[] | null>(null);
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      const r = await api<{ items: Revision[] }>('GET', `/api/v1/blog-entries/${props.entry.id}/revisions`);
      setItems(r.items);
      setTo(r.items.length - 1);
      setFrom(Math.max(0, r.items.length - 2));
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    if (open) load();
  }, [open, props.entry.version]);
  const label = (r: Revision, i: number, n: number) =>
    i === n - 1 ? t('history.current', { when: formatDate(r.created_at, { dateStyle: 'medium', timeStyle: 'short' }) })
      : t('history.revision', { number: r.revision, when: formatDate(r.created_at, { dateStyle: 'medium', timeStyle: 'short' }) });
  const restore = async () => {
    if (!items) return;
    try {
      const saved = await api<BlogEntry>('PATCH', `/api/v1/blog-entries/${props.entry.id}`, { body: items[from].body },
        { 'If-Match': `"${props.entry.version}"` });
      toast(t('history.restored', { number: items[from].revision }));
      props.onRestored(saved);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section class="entry-history" aria-labelledby="history-heading">
      <h2 id="history-heading">
        <button type="button" class="link" aria-expanded={open} onClick={() => setOpen(!open)}>{t('history.heading')}</button>
      </h2>
      {open && items && items.length < 2 && <p class="muted">{t('history.none')}</p>}
      {open && items && items.length >= 2 && (
        <>
          <div class="revision-pickers">
            <SelectField id="history-from" label={t('history.from')} value={String(from)} onChange={(v) => setFrom(Number(v))}
              options={items.map((r, i) => ({ value: String(i), label: label(r, i, items.length) }))} />
            <SelectField id="history-to" label={t('history.to')} value={String(to)} onChange={(v) => setTo(Number(v))}
              options={items.map((r, i) => ({ value: String(i), label: label(r, i, items.length) }))} />
          </div>
          <TextDiff before={items[from].body} after={items[to].body} />
          {from !== items.length - 1 && (
            <div class="actions">
              <button type="button" class="secondary" onClick={restore}>{t('history.restore', { number: items[from].revision })}</button>
            </div>
          )}
        </>
      )}
      {open && <Alert message={error} />}
    </section>
  );
}

// A wiki page: breadcrumbs, its table of contents, its text, who changed it last, how many
// pages link here; for its editors Edit; for everyone History and "What links here". An
// address by an old title says the page was renamed; one by a title that has no page yet
// (a missing link's) offers to write it.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, type Schemas } from '../api';
import { Alert, PageHeading } from '../components';
import { confirmAction } from '../confirm';
import { navigate } from '../router';
import { setTitle } from '../title';
import { toast } from '../toast';
import { usePaged } from '../paged';
import { Comments } from '../post_card';
import { pagePath, type WikiPageRef } from './wiki';
import { WikiEditor } from './wiki_editor';
import { EditingNotice, PageWatch, useEditors } from './wiki_watch';
import { BookExport } from './wiki_export';
import { Attachments } from './wiki_files';
import { formatDate, t, timeAgo } from '../i18n/i18n';

export type WikiPage = Schemas['WikiPage'];

function Breadcrumbs(props: { page: WikiPage }) {
  const { page } = props;
  return (
    <nav class="breadcrumbs" aria-label={t('wiki.breadcrumbs')}>
      <a href="/wiki">{t('nav.wiki')}</a>
      {' / '}<a href={`/wiki/${page.space.handle}`}>{page.space.name}</a>
      {page.breadcrumbs.map((b) => <span key={b.id}>{' / '}<a href={pagePath(page.space.handle, b.slug)}>{b.title}</a></span>)}
    </nav>
  );
}

function Contents(props: { page: WikiPage }) {
  if (props.page.toc.length < 2) return null;
  const top = Math.min(...props.page.toc.map((h) => h.level));
  return (
    <nav class="wiki-toc card" aria-label={t('wiki.contents')}>
      <h2 class="small">{t('wiki.contents')}</h2>
      <ol>
        {props.page.toc.map((h) => (
          <li key={h.id} style={{ marginInlineStart: `${(h.level - top) * 1}rem` }}><a href={`#${h.id}`}>{h.text}</a></li>
        ))}
      </ol>
    </nav>
  );
}

export function WikiPageView(props: { space: string; slug: string; me: string }) {
  const [page, setPage] = useState<WikiPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const create = new URLSearchParams(location.search).get('create');
  const editors = useEditors(page?.id, props.me);
  useEffect(() => {
    api<WikiPage>('GET', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages/${encodeURIComponent(props.slug)}`).then(
      (p) => {
        setPage(p);
        setTitle(p.title);
        // Reached by an old title (or a link's ?create=): the address becomes the page's own.
        if (p.slug !== props.slug || create !== null) history.replaceState(history.state, '', `${pagePath(p.space.handle, p.slug)}${location.hash}`);
        if (location.hash) setTimeout(() => document.getElementById(location.hash.slice(1))?.scrollIntoView(), 0);
        // Counted once a day per reader, however often the page is opened.
        api('POST', `/api/v1/wiki/pages/${p.id}/views`).catch(() => undefined);
      },
      (e) => {
        if (e instanceof ApiError && e.status === 404 && create !== null) setMissing(true);
        else setError(describeError(e));
      },
    );
  }, [props.space, props.slug]);
  if (missing) return <WikiEditor space={props.space} title={create ?? props.slug} />;
  if (!page) return <section><PageHeading>{t('nav.wiki')}</PageHeading><Alert message={error} /></section>;
  const base = pagePath(page.space.handle, page.slug);
  const remove = async () => {
    if (!(await confirmAction({ title: t('wiki.delete'), body: t('wiki.delete_confirm', { title: page.title }), confirm: t('wiki.delete'), danger: true }))) return;
    try {
      await api('DELETE', `/api/v1/wiki/pages/${page.id}`);
      toast(t('wiki.deleted'));
      navigate(`/wiki/${page.space.handle}`);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <article class="wiki-page">
      <Breadcrumbs page={page} />
      <PageHeading>{page.title}</PageHeading>
      {page.redirected_from && <p class="muted small" role="status">{t('wiki.redirected', { from: page.redirected_from })}</p>}
      <p class="muted small">
        {t('wiki.last_changed', { who: page.updated_by.display_name, when: timeAgo(page.updated_at) })}
        {' · '}<a href={`${base}/links`}>{t('wiki.links_here', { count: page.backlink_count })}</a>
      </p>
      <EditingNotice editors={editors} />
      <div class="actions">
        {page.space.can_edit && <a class="button" href={`${base}/edit`}>{t('wiki.edit')}</a>}
        <a class="button" href={`${base}/history`}>{t('wiki.history')}</a>
        {page.space.can_edit && <a class="button" href={`/wiki/${page.space.handle}/_new?parent=${page.id}`}>{t('wiki.new_child')}</a>}
        {(page.space.can_manage || page.author_id === props.me) && page.space.home_page !== page.id && (
          <button type="button" class="secondary danger" onClick={remove}>{t('wiki.delete')}</button>
        )}
        <PageWatch page={page} onChange={(watching) => setPage({ ...page, watching })} />
      </div>
      <Alert message={error} />
      <Contents page={page} />
      <div class="post-body entry-body wiki-body" dangerouslySetInnerHTML={{ __html: page.html }} />
      <Attachments page={page.id} key={`${page.id}-${page.revision}`} />
      <BookExport page={page.id} space={page.space.handle} />
      {page.space.can_edit && <ReviewDate page={page} onChange={setPage} />}
      <h2>{t('wiki.comments')}</h2>
      <Comments contentId={page.id} onCount={() => undefined} />
    </article>
  );
}

// When the page should be looked at again (its owner, who wrote it first, answers for it):
// the space's "Needs review" list shows it once the date has come.
function ReviewDate(props: { page: WikiPage; onChange: (p: WikiPage) => void }) {
  const [date, setDate] = useState(props.page.review_by ? props.page.review_by.slice(0, 10) : '');
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      const changed = await api<WikiPage>('PATCH', `/api/v1/wiki/pages/${props.page.id}`,
        { review_by: date ? new Date(`${date}T09:00:00`).toISOString() : null });
      props.onChange({ ...props.page, review_by: changed.review_by, owner_id: changed.owner_id });
      toast(date ? t('wiki.review_set', { when: formatDate(changed.review_by ?? date) }) : t('wiki.review_cleared'));
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <form class="wiki-review card" onSubmit={save} aria-labelledby="review-title">
      <h2 id="review-title" class="small">{t('wiki.review_title')}</h2>
      <div class="row">
        <div class="field">
          <label for="review-date">{t('wiki.review_date')}</label>
          <input id="review-date" type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
        </div>
        <div class="actions"><button type="submit" class="secondary">{t('wiki.review_save')}</button></div>
      </div>
      <Alert message={error} />
    </form>
  );
}

// "What links here": the pages the reader may read that link to this one.
export function WikiLinksHere(props: { space: string; slug: string }) {
  const [page, setPage] = useState<WikiPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<WikiPage>('GET', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages/${encodeURIComponent(props.slug)}`).then(
      (p) => { setPage(p); setTitle(t('wiki.links_here_title', { title: p.title })); },
      (e) => setError(describeError(e)),
    );
  }, [props.space, props.slug]);
  if (!page) return <section><PageHeading>{t('nav.wiki')}</PageHeading><Alert message={error} /></section>;
  return (
    <section>
      <Breadcrumbs page={page} />
      <PageHeading>{t('wiki.links_here_title', { title: page.title })}</PageHeading>
      <p><a href={pagePath(page.space.handle, page.slug)}>{t('wiki.back_to_page')}</a></p>
      <LinkingPages page={page} />
    </section>
  );
}

function LinkingPages(props: { page: WikiPage }) {
  const { items, more, error } = usePaged<WikiPageRef>(`/api/v1/wiki/pages/${props.page.id}/backlinks?limit=50`);
  return (
    <>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{t('wiki.no_links_here')}</p>}
      {items && items.length > 0 && (
        <ul class="plain-list" aria-label={t('wiki.links_here', { count: props.page.backlink_count })}>
          {/* A linking page of another space: its link goes through its id. */}
          {items.map((r) => <li key={r.id}><a href={`/wiki-pages/${r.id}`}>{r.title}</a></li>)}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>{t('common.show_more')}</button>}
    </>
  );
}

// A page reached by its id (a notification, a page of another space): its own address.
export function WikiPageById(props: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<WikiPage>('GET', `/api/v1/wiki/pages/${encodeURIComponent(props.id)}`).then(
      (p) => {
        history.replaceState(null, '', pagePath(p.space.handle, p.slug) + location.hash);
        dispatchEvent(new PopStateEvent('popstate'));
      },
      (e) => setError(describeError(e)),
    );
  }, [props.id]);
  return <section><PageHeading>{t('nav.wiki')}</PageHeading><Alert message={error} /></section>;
}

// The wiki: the spaces the reader may see (the most recently changed first) with the way to
// a new one, and a space's page: its home page, its page tree (each level opened on demand),
// its recently changed pages and its broken links.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, type Schemas } from '../api';
import { usePaged } from '../paged';
import { Alert, Field, PageHeading, SelectField } from '../components';
import { navigate } from '../router';
import { setTitle } from '../title';
import { Tabs } from '../tabs';
import { handleFromName } from './communities';
import { formatDate, t, timeAgo, type MessageId } from '../i18n/i18n';
import { SpaceFollow } from './wiki_watch';
import { BookExport } from './wiki_export';
import { WikiImport } from './wiki_import';

export type WikiSpace = Schemas['WikiSpace'];
export type WikiPageRef = Schemas['WikiPageRef'];
type Kind = WikiSpace['kind'];

const KINDS: Record<Kind, MessageId> = {
  organization: 'wiki.kind_organization',
  community: 'wiki.kind_community',
  people: 'wiki.kind_people',
};

// A page's address in the web client.
export function pagePath(space: string, slug: string): string {
  return `/wiki/${encodeURIComponent(space)}/${encodeURIComponent(slug)}`;
}

export function WikiSpacesPage(props: { role: string }) {
  const { items, more, error } = usePaged<WikiSpace>('/api/v1/wiki/spaces?limit=30');
  useEffect(() => setTitle(t('nav.wiki')), []);
  return (
    <section>
      <PageHeading>{t('nav.wiki')}</PageHeading>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{t('wiki.no_spaces')}</p>}
      {items && items.length > 0 && (
        <ul class="cards" aria-label={t('wiki.spaces')}>
          {items.map((s) => (
            <li key={s.id} class="card" data-testid="wiki-space">
              <a href={`/wiki/${s.handle}`} class="author">{s.name}</a>
              <div class="muted small">
                {t(KINDS[s.kind])}{' · '}{t('wiki.pages_count', { count: s.page_count })}{' · '}{t('wiki.changed', { when: timeAgo(s.updated_at) })}
              </div>
              {s.description && <p class="small">{s.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>{t('common.show_more')}</button>}
      {(props.role === 'member' || props.role === 'admin') && <CreateSpace />}
    </section>
  );
}

// A space for the organization or for named people (a community's is made from its Wiki tab).
function CreateSpace() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [handle, setHandle] = useState('');
  const [handleEdited, setHandleEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<'organization' | 'people'>('organization');
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const made = await api<WikiSpace>('POST', '/api/v1/wiki/spaces', { name, handle, description, kind });
      navigate(`/wiki/${made.handle}`);
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    }
  };
  if (!open)
    return (
      <p>
        <button type="button" class="secondary" onClick={() => { setOpen(true); setTimeout(() => document.getElementById('space-name')?.focus(), 0); }}>
          {t('wiki.create_space')}
        </button>
      </p>
    );
  const errorOf = (f: string) => (field === f ? error ?? undefined : undefined);
  return (
    <form class="composer" onSubmit={submit} aria-labelledby="create-space">
      <h2 id="create-space">{t('wiki.create_space')}</h2>
      <div class="row">
        <Field id="space-name" label={t('directory.name')} value={name} error={errorOf('name')}
          onInput={(v) => { setName(v); if (!handleEdited) setHandle(handleFromName(v)); }} />
        <Field id="space-handle" label={t('communities.handle')} value={handle} error={errorOf('handle')} hint={t('wiki.handle_hint')}
          onInput={(v) => { setHandle(v); setHandleEdited(true); }} />
        <SelectField id="space-kind" label={t('wiki.kind')} value={kind} onChange={(v) => setKind(v as typeof kind)}
          options={(['organization', 'people'] as const).map((k) => ({ value: k, label: t(KINDS[k]) }))} />
      </div>
      <Field id="space-description" label={t('blogs.description')} value={description} error={errorOf('description')} onInput={setDescription} />
      {!field && <Alert message={error} />}
      <div class="actions">
        <button type="submit" disabled={!name.trim() || !handle.trim()}>{t('wiki.create_space_button')}</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

// One level of the tree; a page with children opens its own level when asked.
function TreeLevel(props: { space: string; parent: string | null }) {
  const [items, setItems] = useState<WikiPageRef[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Record<string, boolean>>({});
  useEffect(() => {
    const below = props.parent ? `?parent=${props.parent}` : '';
    api<{ items: WikiPageRef[] }>('GET', `/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages${below}`).then(
      (r) => setItems(r.items),
      (e) => setError(describeError(e)),
    );
  }, [props.space, props.parent]);
  if (error) return <Alert message={error} />;
  if (!items) return null;
  return (
    <ul class="wiki-tree" role={props.parent ? 'group' : undefined}>
      {items.map((p) => (
        <li key={p.id}>
          {p.has_children ? (
            <button type="button" class="tree-toggle" aria-expanded={!!open[p.id]} onClick={() => setOpen({ ...open, [p.id]: !open[p.id] })}
              aria-label={t(open[p.id] ? 'wiki.collapse' : 'wiki.expand', { title: p.title })}>
              {open[p.id] ? '▾' : '▸'}
            </button>
          ) : <span class="tree-leaf" aria-hidden="true" />}
          <a href={pagePath(props.space, p.slug)}>{p.title}</a>
          {open[p.id] && <TreeLevel space={props.space} parent={p.id} />}
        </li>
      ))}
    </ul>
  );
}

// The space's pages in an order: the most recently saved, the most read, or due for review.
function PageList(props: { space: string; order: 'recent' | 'most_read' | 'review'; label: string; empty?: string }) {
  const { items, more, error } = usePaged<WikiPageRef>(`/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/pages?order=${props.order}&limit=20`);
  return (
    <>
      <Alert message={error} />
      {items && items.length === 0 && props.empty && <p class="muted">{props.empty}</p>}
      {items && items.length > 0 && (
        <ul class="plain-list" aria-label={props.label}>
          {items.map((p) => (
            <li key={p.id}>
              <a href={pagePath(props.space, p.slug)}>{p.title}</a>{' '}
              <span class="muted small">
                {props.order === 'recent' && timeAgo(p.updated_at)}
                {props.order === 'most_read' && t('wiki.views', { count: p.view_count })}
                {props.order === 'review' && p.review_by && t('wiki.review_due', { when: formatDate(p.review_by) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>{t('common.show_more')}</button>}
    </>
  );
}

function BrokenLinks(props: { space: string }) {
  const { items, more, error } = usePaged<{ from: WikiPageRef; space: string; target: string }>(`/api/v1/wiki/spaces/${encodeURIComponent(props.space)}/broken-links?limit=50`);
  return (
    <>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{t('wiki.no_broken_links')}</p>}
      {items && items.length > 0 && (
        <ul class="plain-list" aria-label={t('wiki.broken_links')}>
          {items.map((b, i) => (
            <li key={i}>
              <a href={pagePath(props.space, b.from.slug)}>{b.from.title}</a>
              {' → '}
              <a class="missing" href={`${pagePath(b.space, b.target)}?create=${encodeURIComponent(b.target)}`}>{b.space === props.space ? b.target : `${b.space}:${b.target}`}</a>
            </li>
          ))}
        </ul>
      )}
      {more && <button type="button" class="secondary" onClick={more}>{t('common.show_more')}</button>}
    </>
  );
}

export function WikiSpacePage(props: { handle: string }) {
  const [space, setSpace] = useState<WikiSpace | null>(null);
  const [refresh, setRefresh] = useState(0);  // an import made pages: the space and its lists again
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<WikiSpace>('GET', `/api/v1/wiki/spaces/${encodeURIComponent(props.handle)}`).then(
      (s) => { setSpace(s); setTitle(s.name); },
      (e) => setError(describeError(e)),
    );
  }, [props.handle, refresh]);
  if (!space) return <section><PageHeading>{t('nav.wiki')}</PageHeading><Alert message={error} /></section>;
  return (
    <section>
      <nav class="breadcrumbs" aria-label={t('wiki.breadcrumbs')}><a href="/wiki">{t('nav.wiki')}</a></nav>
      <PageHeading>{space.name}</PageHeading>
      <p class="muted small">{t(KINDS[space.kind])}{' · '}{t('wiki.pages_count', { count: space.page_count })}</p>
      {space.description && <p>{space.description}</p>}
      <div class="actions">
        {space.can_edit && <a class="button" href={`/wiki/${space.handle}/_new`}>{t('wiki.new_page')}</a>}
        <SpaceFollow space={space} onChange={(watching) => setSpace({ ...space, watching })} />
      </div>
      <BookExport space={space.handle} />
      {space.my_role === 'owner' && <WikiImport space={space.handle} onDone={() => setRefresh((n) => n + 1)} />}
      <Tabs key={refresh} label={space.name} tabs={[
        { id: 'pages', label: t('wiki.pages'), render: () => <TreeLevel space={space.handle} parent={null} /> },
        { id: 'recent', label: t('wiki.recent'), render: () => <PageList space={space.handle} order="recent" label={t('wiki.recent')} /> },
        { id: 'most-read', label: t('wiki.most_read'), render: () => <PageList space={space.handle} order="most_read" label={t('wiki.most_read')} /> },
        { id: 'review', label: t('wiki.needs_review'), render: () => <PageList space={space.handle} order="review" label={t('wiki.needs_review')} empty={t('wiki.none_due')} /> },
        { id: 'broken', label: t('wiki.broken_links'), render: () => <BrokenLinks space={space.handle} /> },
      ]} />
    </section>
  );
}

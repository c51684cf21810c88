// Blogs: the directory of every blog the reader may see (the most recently published first),
// the way to one's own blog and to a new shared one, and a blog's page: its published
// entries, and for its writers the drafts and "Write an entry".
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, describeError, type Schemas } from '../api';
import { usePaged } from '../paged';
import { Alert, Avatar, Field, PageHeading, SelectField } from '../components';
import { PersonPicker } from '../person_picker';
import { confirmAction } from '../confirm';
import { toast } from '../toast';
import type { Card } from './profile';
import { navigate } from '../router';
import { setTitle } from '../title';
import { Tabs } from '../tabs';
import { FeedAddress } from '../feed_address';
import { BlogSettings, HeldComments } from './blog_moderation';
import { handleFromName } from './communities';
import { Snippet } from './search';
import { formatDate, formatList, t, timeAgo, type MessageId } from '../i18n/i18n';

export type Blog = Schemas['Blog'];
export type BlogEntry = Schemas['BlogEntry'];
type Writer = Schemas['BlogWriter'];
type Role = Schemas['BlogRole'];
const ROLES: Role[] = ['owner', 'editor', 'author', 'contributor'];

const AUDIENCE: Record<Blog['audience'], MessageId> = {
  public: 'blogs.audience_public',
  organization: 'blogs.audience_organization',
  community: 'blogs.audience_community',
};

// Everyone but guests and alumni writes a blog of their own and starts shared ones.
function writesBlogs(role: string): boolean {
  return role === 'member' || role === 'admin';
}

type Sort = 'updated' | 'followers' | 'recommended';
const SORTS: Record<Sort, MessageId> = { updated: 'blogs.sort_updated', followers: 'blogs.sort_followers', recommended: 'blogs.sort_recommended' };

export function BlogsPage(props: { role: string }) {
  const [sort, setSort] = useState<Sort>(() => {
    const asked = new URLSearchParams(location.search).get('sort');
    return asked === 'followers' || asked === 'recommended' ? asked : 'updated';
  });
  const { items, more, error: listError } = usePaged<Blog>(`/api/v1/blogs?limit=30&sort=${sort}`);
  const [error, setError] = useState<string | null>(null);
  // What the search box asked (the directory gives way to the blogs found).
  const [query, setQuery] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
  const [typed, setTyped] = useState(query);
  // The order and the search are kept in the address, so a reload or a shared link keeps them.
  useEffect(() => {
    const asked = new URLSearchParams();
    if (query) asked.set('q', query);
    else if (sort !== 'updated') asked.set('sort', sort);
    const search = asked.toString();
    history.replaceState(history.state, '', `/blogs${search ? `?${search}` : ''}`);
  }, [sort, query]);
  // One's own blog is made the first time it is opened.
  const openMine = async () => {
    try {
      const mine = await api<Blog>('POST', '/api/v1/me/blog');
      navigate(`/blogs/${mine.handle}`);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <section>
      <PageHeading>{t('nav.blogs')}</PageHeading>
      {writesBlogs(props.role) && (
        <div class="actions">
          <button type="button" onClick={openMine}>{t('blogs.my_blog')}</button>
        </div>
      )}
      <form role="search" class="blog-search" aria-label={t('blogs.search')} onSubmit={(e) => { e.preventDefault(); setQuery(typed.trim()); }}>
        <label for="blogs-q">{t('blogs.search_label')}</label>
        <div class="row">
          <input id="blogs-q" type="search" value={typed} onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setTyped(v);
            if (!v) setQuery('');  // emptied (its clear button too): the directory again
          }} />
          <button type="submit" disabled={!typed.trim()}>{t('blogs.search')}</button>
        </div>
      </form>
      {query ? <FoundBlogs query={query} /> : (
      <>
      <SelectField id="blogs-sort" label={t('blogs.sort')} value={sort} onChange={(v) => setSort(v as Sort)}
        options={(Object.keys(SORTS) as Sort[]).map((s) => ({ value: s, label: t(SORTS[s]) }))} />
      <Alert message={listError} />
      {items && items.length === 0 && <p class="muted">{t('blogs.none')}</p>}
      {items && items.length > 0 && (
        <ul class="cards" aria-label={t('nav.blogs')}>
          {items.map((b) => (
            <li key={b.id} class="card" data-testid="blog">
              <a href={`/blogs/${b.handle}`} class="author">{b.name}</a>
              <div class="muted small">
                {b.personal ? t('blogs.personal') : t('blogs.shared')}
                {' · '}{t('blogs.entries_count', { count: b.entry_count })}
                {' · '}{t('blogs.followers_count', { count: b.follower_count })}
                {b.entry_count > 0 && ` · ${t('blogs.updated', { when: timeAgo(b.updated_at) })}`}
              </div>
              {b.description && <p class="small">{b.description}</p>}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" class="secondary" onClick={more}>
          {t('common.show_more')}
        </button>
      )}
      </>
      )}
      <Alert message={error} />
      {writesBlogs(props.role) && <CreateBlog />}
    </section>
  );
}

type Found = Schemas['SearchResult'];

// Blogs found by name, description, writer or what they write about (their entries' tags),
// as search finds them for this reader.
function FoundBlogs(props: { query: string }) {
  const [items, setItems] = useState<Found[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null);
    api<{ items: Found[] }>('GET', `/api/v1/search?kind=blog&limit=30&q=${encodeURIComponent(props.query)}`).then(
      (r) => { setItems(r.items); setError(null); },
      (e) => setError(describeError(e)),
    );
  }, [props.query]);
  return (
    <section aria-live="polite" aria-busy={items === null && !error}>
      <Alert message={error} />
      {items && <p class="muted">{t('blogs.found', { count: items.length, query: props.query })}</p>}
      {items && items.length > 0 && (
        <ul class="cards" aria-label={t('blogs.found_label')}>
          {items.map((b) => (
            <li key={b.id} class="card" data-testid="blog">
              <a href={b.url} class="author">{b.title}</a>
              <Snippet parts={b.snippet} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// A shared blog, for a team: behind a button so that the directory comes first; the handle
// follows the name until the person edits it.
function CreateBlog() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [handle, setHandle] = useState('');
  const [handleEdited, setHandleEdited] = useState(false);
  const [description, setDescription] = useState('');
  const [audience, setAudience] = useState<'organization' | 'public'>('organization');
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const made = await api<Blog>('POST', '/api/v1/blogs', { name, handle, description, audience });
      navigate(`/blogs/${made.handle}`);
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    }
  };
  if (!open)
    return (
      <p>
        <button type="button" class="secondary" onClick={() => { setOpen(true); setTimeout(() => document.getElementById('blog-name')?.focus(), 0); }}>
          {t('blogs.create')}
        </button>
      </p>
    );
  const errorOf = (f: string) => (field === f ? error ?? undefined : undefined);
  return (
    <form class="composer" onSubmit={submit} aria-labelledby="create-blog">
      <h2 id="create-blog">{t('blogs.create')}</h2>
      <div class="row">
        <Field id="blog-name" label={t('directory.name')} value={name} error={errorOf('name')}
          onInput={(v) => { setName(v); if (!handleEdited) setHandle(handleFromName(v)); }} />
        <Field id="blog-handle" label={t('communities.handle')} value={handle} error={errorOf('handle')} hint={t('blogs.handle_hint')}
          onInput={(v) => { setHandle(v); setHandleEdited(true); }} />
        <SelectField id="blog-audience" label={t('blogs.audience')} value={audience} onChange={(v) => setAudience(v as typeof audience)}
          options={(['organization', 'public'] as const).map((a) => ({ value: a, label: t(AUDIENCE[a]) }))} />
      </div>
      <Field id="blog-description" label={t('blogs.description')} value={description} error={errorOf('description')} onInput={setDescription} />
      {!field && <Alert message={error} />}
      <div class="actions">
        <button type="submit" disabled={!name.trim() || !handle.trim()}>{t('blogs.create_button')}</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

// A list of entries: published ones by publication, drafts by when they were begun.
// A list of entries from `url` (a blog's, an archive's), paged; `showBlog` names each one's blog.
export function EntryList(props: { url: string; label: string; empty: string; showBlog?: boolean }) {
  const { items, more, error } = usePaged<BlogEntry>(props.url);
  return (
    <>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{props.empty}</p>}
      {items && items.length > 0 && (
        <ul class="cards entries" aria-label={props.label}>
          {items.map((e) => (
            <li key={e.id} class={`card${e.cover ? ' with-cover' : ''}`} data-testid="blog-entry">
              {/* The title says where the link goes: the picture is decoration here. */}
              {e.cover && <img class="entry-thumb" src={e.cover.preview_url} alt="" width={e.cover.preview_width} height={e.cover.preview_height} loading="lazy" />}
              <a href={`/blogs/${e.blog.handle}/entries/${e.id}`} class="entry-title">{e.title}</a>
              <div class="muted small">
                {props.showBlog && <>{e.blog.name} · </>}
                {formatList([e.author, ...e.coauthors].map((a) => a.display_name))} · {formatDate(e.published_at ?? e.created_at)}
                {e.comment_count > 0 && ` · ${t('post.comments_count', { count: e.comment_count })}`}
              </div>
              {e.excerpt && <p>{e.excerpt}</p>}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" class="secondary" onClick={more}>
          {t('common.show_more')}
        </button>
      )}
    </>
  );
}

// A blog's commonest tags, each a link to its entries with that tag.
function BlogTags(props: { blog: Blog }) {
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  useEffect(() => {
    api<{ items: { tag: string; count: number }[] }>('GET', `/api/v1/blogs/${props.blog.handle}/tags`).then((r) => setTags(r.items), () => setTags([]));
  }, [props.blog.id]);
  if (tags.length === 0) return null;
  return (
    <nav class="blog-tags" aria-label={t('blog.tags')}>
      <ul class="inline-list">
        {tags.map((x) => (
          <li key={x.tag}><a href={`/blogs/${props.blog.handle}?tag=${encodeURIComponent(x.tag)}`}>#{x.tag}</a> <span class="muted small">{x.count}</span></li>
        ))}
      </ul>
    </nav>
  );
}

// The blog's published entries, or its archive of a tag or an author when the address asks.
function Published(props: { blog: Blog }) {
  const asked = new URLSearchParams(location.search);
  const tag = asked.get('tag') ?? '';
  const author = asked.get('author') ?? '';
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (author) api<Card>('GET', `/api/v1/people/${encodeURIComponent(author)}`).then((c) => setName(c.display_name), () => setName(author));
  }, [author]);
  const base = `/api/v1/blogs/${props.blog.handle}/entries?state=published&limit=20`;
  if (!tag && !author) return <EntryList url={base} label={t('blog.entries')} empty={t('blog.no_entries')} />;
  const heading = tag ? t('blog.tagged', { tag }) : t('blog.by_author', { name: name ?? '' });
  const query = `${tag ? `&tag=${encodeURIComponent(tag)}` : ''}${author ? `&author=${encodeURIComponent(author)}` : ''}`;
  return (
    <>
      <h2>{heading}</h2>
      <p><a href={`/blogs/${props.blog.handle}`}>{t('blog.all_entries')}</a></p>
      <EntryList url={base + query} label={heading} empty={t('blog.archive_empty')} />
    </>
  );
}

// Who writes the blog and with what role; its owners give and take roles here.
function Writers(props: { blog: Blog; onChanged: (b: Blog) => void }) {
  const [items, setItems] = useState<Writer[] | null>(null);
  const [adding, setAdding] = useState<Card[]>([]);
  const [role, setRole] = useState<Role>('author');
  const [error, setError] = useState<string | null>(null);
  const owner = props.blog.my_role === 'owner';
  const base = `/api/v1/blogs/${props.blog.handle}`;
  const load = () => api<{ items: Writer[] }>('GET', `${base}/writers`).then((r) => setItems(r.items), (e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, [props.blog.id]);
  const give = async (person: { id: string; display_name: string }, to: Role | null) => {
    try {
      const b = await api<Blog>(to ? 'PUT' : 'DELETE', `${base}/roles/${person.id}`, to ? { role: to } : undefined);
      setError(null);
      toast(to ? t('blog.role_given', { name: person.display_name, role: to }) : t('blog.role_taken', { name: person.display_name }));
      props.onChanged(b);
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const add = async (e: Event) => {
    e.preventDefault();
    for (const p of adding) await give(p, role);
    setAdding([]);
  };
  return (
    <>
      <Alert message={error} />
      {items && (
        <ul class="cards" aria-label={t('blog.writers')}>
          {items.map((w) => (
            <li key={w.person.id} class="card writer">
              <Avatar name={w.person.display_name} photo={w.person.photo} size={36} />
              <div class="writer-name">
                <a href={`/people/${w.person.handle}`}>{w.person.display_name}</a>
                {w.person.title && <div class="muted small">{w.person.title}</div>}
                <div class="small"><a href={`/blogs/${props.blog.handle}?author=${encodeURIComponent(w.person.handle)}`}
                  aria-label={t('blog.entries_by', { name: w.person.display_name })}>{t('blog.their_entries')}</a></div>
              </div>
              {owner ? (
                <>
                  <select aria-label={t('blog.role_of', { name: w.person.display_name })} value={w.role}
                    onChange={(e) => give(w.person, (e.target as HTMLSelectElement).value as Role)}>
                    {ROLES.map((r) => <option key={r} value={r}>{t('blog.role', { role: r })}</option>)}
                  </select>
                  <button type="button" class="secondary" onClick={async () => {
                    if (await confirmAction({ title: t('blog.remove_writer_title', { name: w.person.display_name }), body: t('blog.remove_writer_body'), confirm: t('blog.remove_writer') }))
                      give(w.person, null);
                  }} aria-label={t('blog.remove_writer_named', { name: w.person.display_name })}>{t('blog.remove_writer')}</button>
                </>
              ) : (
                <span class="muted">{t('blog.role', { role: w.role })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {owner && !props.blog.personal && (
        <form class="composer" onSubmit={add} aria-labelledby="add-writers">
          <h2 id="add-writers">{t('blog.add_writers')}</h2>
          <PersonPicker id="blog-writers" label={t('blog.add_people')} chosen={adding} onChange={setAdding} hint={t('picker.hint')} />
          <SelectField id="blog-writer-role" label={t('blog.with_role')} value={role} onChange={(v) => setRole(v as Role)}
            options={ROLES.map((r) => ({ value: r, label: t('blog.role_explained', { role: r }) }))} />
          <div class="actions">
            <button type="submit" disabled={adding.length === 0}>{t('blog.add')}</button>
          </div>
        </form>
      )}
    </>
  );
}

export function BlogPage(props: { handle: string }) {
  const [blog, setBlog] = useState<Blog | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Blog>('GET', `/api/v1/blogs/${encodeURIComponent(props.handle)}`)
      .then((b) => {
        setBlog(b);
        setTitle(b.name);
      })
      .catch((e) => setError(describeError(e)));
  }, [props.handle]);
  if (!blog) return <section><PageHeading>{t('title.blog')}</PageHeading><Alert message={error} /></section>;
  const published = <Published blog={blog} />;
  return (
    <section>
      <nav aria-label={t('common.breadcrumb')} class="breadcrumb">
        <a href="/blogs">{t('nav.blogs')}</a>
      </nav>
      <PageHeading>{blog.name}</PageHeading>
      {blog.description && <p>{blog.description}</p>}
      <p class="muted small">
        {t(AUDIENCE[blog.audience])} · {t('blogs.entries_count', { count: blog.entry_count })}
        {blog.my_role && ` · ${t('blog.your_role', { role: blog.my_role })}`}
      </p>
      {blog.my_role && (
        <div class="actions">
          <a class="button" href={`/blogs/${blog.handle}/write`}>{t('blog.write')}</a>
        </div>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={async () => {
          try {
            setBlog(await api<Blog>(blog.following ? 'DELETE' : 'PUT', `/api/v1/blogs/${blog.handle}/follow`));
          } catch (e) {
            setError(describeError(e));
          }
        }}>{blog.following ? t('blog.unfollow') : t('blog.follow')}</button>
        <span class="muted">{t('blogs.followers_count', { count: blog.follower_count })}</span>
      </div>
      <Alert message={error} />
      <FeedAddress path={`blogs/${blog.handle}`} world={blog.audience === 'public'} />
      <BlogTags blog={blog} />
      <Tabs label={t('blog.entries')} tabs={[
        { id: 'published', label: t('blog.published'), render: () => published },
        ...(blog.my_role ? [{ id: 'drafts', label: t('blog.drafts'), render: () => <EntryList url={`/api/v1/blogs/${blog.handle}/entries?state=draft&limit=20`} label={t('blog.drafts')} empty={t('blog.no_drafts')} /> }] : []),
        { id: 'writers', label: t('blog.writers'), render: () => <Writers blog={blog} onChanged={setBlog} /> },
        ...(blog.my_role === 'owner' || blog.my_role === 'editor' ? [{ id: 'held', label: t('blog.held'), render: () => <HeldComments blog={blog} /> }] : []),
        ...(blog.my_role === 'owner' ? [{ id: 'settings', label: t('blog.settings'), render: () => <BlogSettings blog={blog} onChanged={setBlog} /> }] : []),
      ]} />
    </section>
  );
}

// Communities: the directory (search, "mine"), creating one, and a community's page (about,
// joining or asking, invitations and requests for its moderators, members, and its stream).
import { useEffect, useState } from 'preact/hooks';
import { takeEarly } from '../early';
import { api, ApiError, describeError, type Page, type User, type Schemas, type Answer } from '../api';
import { Composer } from '../composer';
import { Alert, Avatar, CopyButton, Field, PageHeading } from '../components';
import { Menu } from '../menu';
import { toast } from '../toast';
import type { Post } from '../content';
import { FeedView } from '../feed_view';
import { PostCard } from '../post_card';
import { navigate } from '../router';
import { setTitle } from '../title';
import { Forum } from './topic';
import { confirmAction } from '../confirm';
import { Tabs, type Tab } from '../tabs';
import { CommunityBlog } from './community_blog';
import { CommunityWiki } from './community_wiki';
import { membershipsChanged } from '../my_communities';
import { PersonPicker } from '../person_picker';
import type { Card } from './profile';
import { formatList, t, type MessageId } from '../i18n/i18n';

export type Membership = Schemas['Membership'];

export type Community = Schemas['Community'];

const typeText: Record<Community['type'], MessageId> = { open: 'community.type_open', moderated: 'community.type_moderated', restricted: 'community.type_restricted' };

function describeType(c: Community): string {
  if (c.type === 'restricted' && !c.listed) return t('community.type_secret');
  return t(typeText[c.type]);
}

// "Open community · 12 members"
function typeAndSize(c: Community): string {
  return t('community.type_and_size', { type: describeType(c), count: c.member_count });
}

export function CommunitiesPage(props: { user: User }) {
  const [q, setQ] = useState('');
  const [mine, setMine] = useState(new URLSearchParams(location.search).get('mine') === 'true');
  const [items, setItems] = useState<Community[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (from: string | null) => {
    const params = new URLSearchParams({ limit: '30' });
    if (q.trim()) params.set('q', q.trim());
    if (mine) params.set('mine', 'true');
    if (from) params.set('cursor', from);
    try {
      const page = await api<Page<Community>>('GET', `/api/v1/communities?${params}`);
      setItems((old) => (from && old ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => load(null), 200);
    return () => clearTimeout(timer);
  }, [q, mine]);
  const canCreate = props.user.role === 'member' || props.user.role === 'admin';
  return (
    <section>
      <PageHeading>{t('nav.communities')}</PageHeading>
      <div class="row" role="search">
        <div class="field">
          <label for="communities-q">{t('communities.find')}</label>
          <input id="communities-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            placeholder={t('communities.find_prompt')} />
        </div>
        <label class="check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine((e.target as HTMLInputElement).checked)} /> {t('communities.only_mine')}
        </label>
      </div>
      <Alert message={error} />
      {items && items.length === 0 && <p class="muted">{t('communities.none')}</p>}
      {items && (
        <ul class="cards" aria-label={t('nav.communities')}>
          {items.map((c) => (
            <li key={c.id} class="card">
              <a href={`/communities/${c.handle}`} class="author">{c.name}</a>
              <div class="muted small">
                {typeAndSize(c)}
                {c.membership && ` · ${c.membership.state === 'active' ? t('community.you_are', { role: c.membership.role }) : t('community.state', { state: c.membership.state })}`}
              </div>
              {c.tags.length > 0 && <div class="small">{c.tags.map((tag) => `#${tag}`).join(' ')}</div>}
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(cursor)}>
          {t('common.show_more')}
        </button>
      )}
      {canCreate && <CreateCommunity />}
    </section>
  );
}

// A handle from a name: "Kubernetes Guild" -> "kubernetes-guild" (accents dropped).
export function handleFromName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

// Behind a button, so that the list comes first; the handle follows the name until the
// person edits it.
function CreateCommunity() {
  const [open, setOpen] = useState(false);
  const [name, setNameState] = useState('');
  const [handle, setHandleState] = useState('');
  const [handleEdited, setHandleEdited] = useState(false);
  const setName = (v: string) => {
    setNameState(v);
    if (!handleEdited) setHandleState(handleFromName(v));
  };
  const setHandle = (v: string) => {
    setHandleState(v);
    setHandleEdited(true);
  };
  const [type, setType] = useState<'open' | 'moderated' | 'restricted'>('open');
  const [secret, setSecret] = useState(false);
  const [guests, setGuests] = useState(false);
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [field, setField] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      const c = await api<Community>('POST', '/api/v1/communities', {
        name, handle, type, description, allow_guests: guests, listed: !(type === 'restricted' && secret),
      });
      navigate(`/communities/${c.handle}`);
    } catch (err) {
      setError(describeError(err));
      setField(err instanceof ApiError ? err.field : undefined);
    }
  };
  const invalid = (f: string) => (field === f ? 'true' : undefined);
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => { setOpen(true); setTimeout(() => document.getElementById('cc-name')?.focus(), 0); }}>
          {t('communities.create')}
        </button>
      </p>
    );
  return (
    <form class="composer" onSubmit={submit} aria-labelledby="create-community">
      <h2 id="create-community">{t('communities.create')}</h2>
      <div class="row">
        <div class="field">
          <label for="cc-name">{t('directory.name')}</label>
          <input id="cc-name" value={name} aria-invalid={invalid('name')} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="cc-handle">{t('communities.handle')}</label>
          <input id="cc-handle" value={handle} aria-invalid={invalid('handle')} aria-describedby="cc-handle-hint"
            onInput={(e) => setHandle((e.target as HTMLInputElement).value)} />
          <p class="hint" id="cc-handle-hint">{t('communities.handle_hint')}</p>
        </div>
        <div class="field">
          <label for="cc-type">{t('communities.who_may_join')}</label>
          <select id="cc-type" value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value as typeof type)}>
            <option value="open">{t('communities.type_open_explained')}</option>
            <option value="moderated">{t('communities.type_moderated_explained')}</option>
            <option value="restricted">{t('communities.type_restricted_explained')}</option>
          </select>
        </div>
      </div>
      {type === 'restricted' && (
        <label class="check">
          <input type="checkbox" checked={secret} onChange={(e) => setSecret((e.target as HTMLInputElement).checked)} /> {t('communities.secret_explained')}
        </label>
      )}
      <label class="check">
        <input type="checkbox" checked={guests} onChange={(e) => setGuests((e.target as HTMLInputElement).checked)} /> {t('communities.guests_allowed')}
      </label>
      <label for="cc-description">{t('communities.description')}</label>
      <textarea id="cc-description" rows={3} value={description} aria-invalid={invalid('description')}
        onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
      <Alert message={error} />
      <div class="actions">
        <button type="submit" disabled={!name.trim() || !handle.trim()}>{t('communities.create_button')}</button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

interface PersonRef {
  id: string;
  handle: string;
  display_name: string;
}

export function CommunityPage(props: { handle: string; user: User }) {
  const [community, setCommunity] = useState<Community | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState<Post[]>([]);
  const [pinVersion, setPinVersion] = useState(0);
  const [pinnedIds, setPinnedIds] = useState<string[]>([]);
  const load = async () => {
    try {
      const path = `/api/v1/communities/${encodeURIComponent(props.handle)}`;
      const loaded = await (takeEarly<Community>(path) ?? api<Community>('GET', path));
      setCommunity(loaded);
      setTitle(loaded.name);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    load();
  }, [props.handle]);
  if (!community) return <section><PageHeading>{t('title.community')}</PageHeading><Alert message={error} /></section>;
  const m = community.membership;
  const active = m?.state === 'active';
  const manages = active && (m.role === 'owner' || m.role === 'moderator');
  // What a person may read here changes with their membership: the parts that load it are
  // keyed by it, so joining shows the stream and the forum at once (no reload).
  const era = `${community.id}:${m?.state ?? 'none'}:${m?.role ?? ''}`;
  const act = async (method: string, path: string, body?: unknown) => {
    try {
      await api(method, `/api/v1/communities/${community.id}${path}`, body);
      await load();
      membershipsChanged();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const pin = async (post: string, on: boolean) => {
    try {
      await api(on ? 'PUT' : 'DELETE', `/api/v1/communities/${community.id}/pins/${post}`);
      setPinVersion(pinVersion + 1);
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  // Open communities are read before joining (the audience rule); taking part needs joining.
  const reads = active || community.type === 'open';
  const joinHint = !active && community.type === 'open' ? <p class="notice-line">{t('community.join_hint')}</p> : null;
  const tabs: Tab[] = [
    {
      id: 'stream',
      label: t('community.tab_stream'),
      render: () => (
        <>
          {joinHint}
          <Pinned key={`pinned-${era}`} communityId={community.id} manages={manages} version={pinVersion} onChange={() => setPinVersion(pinVersion + 1)} onLoaded={setPinnedIds} />
          {active && <Composer guest={props.user.role === 'guest'} community={{ id: community.id, name: community.name }}
            onPosted={(p) => setPosted([p, ...posted])} />}
          <h2 class="visually-hidden">{t('community.tab_stream')}</h2>
          <FeedView key={`stream-${era}`} source={`community:${community.id}`} prepend={posted} hide={pinnedIds}
            empty={reads ? t('community.empty_stream') : t('community.members_only')}
            actions={manages ? (p) => <button type="button" class="link" onClick={() => pin(p.id, true)}>{t('community.pin')}</button> : undefined} />
        </>
      ),
    },
    { id: 'forum', label: t('community.tab_forum'), render: () => <>{joinHint}<Forum key={`forum-${era}`} communityId={community.id} member={active} reads={reads} /></> },
    { id: 'blog', label: t('community.tab_blog'), render: () => <>{joinHint}<CommunityBlog key={`blog-${era}`} community={community} manages={manages} /></> },
    { id: 'wiki', label: t('community.tab_wiki'), render: () => <>{joinHint}<CommunityWiki key={`wiki-${era}`} community={community} manages={manages} /></> },
    { id: 'members', label: t('community.tab_members', { count: community.member_count }), render: () => <Members key={`members-${era}`} community={community} owner={active && m.role === 'owner'} manages={manages} me={props.user.id} /> },
    {
      id: 'about',
      label: t('community.tab_about'),
      render: () => (
        <>
          <h2 class="visually-hidden">{t('community.tab_about')}</h2>
          <p>{typeAndSize(community)}</p>
          <ActivityLine key={`activity-${era}`} communityId={community.id} memberCount={community.member_count} />
          {community.tags.length > 0 && <p class="muted">{t('community.tags', { tags: formatList(community.tags) })}</p>}
        </>
      ),
    },
  ];
  if (manages)
    tabs.push({
      id: 'manage',
      label: t('community.tab_manage'),
      render: () => (
        <>
          <Moderation community={community} onChange={load} />
          {m.role === 'owner' && <Settings community={community} onSaved={load} />}
        </>
      ),
    });
  return (
    <section>
      {community.banner && <img class="banner" src={community.banner.large} alt="" />}
      <div class="community-head">
        {community.avatar && <img class="community-avatar" src={community.avatar.large} alt="" width={64} height={64} />}
        <div class="profile-title">
          <PageHeading>{community.name}</PageHeading>
          <div class="actions">
            {!m && community.type === 'open' && <button type="button" onClick={() => act('POST', '/join')}>{t('community.join')}</button>}
            {!m && community.type === 'moderated' && <button type="button" onClick={() => act('POST', '/join')}>{t('community.ask_to_join')}</button>}
            {m?.state === 'invited' && <button type="button" onClick={() => act('POST', '/join')}>{t('community.accept_invitation')}</button>}
            {m && m.state !== 'banned' && (
              <button type="button" class="secondary" onClick={() => act('POST', '/leave')}>
                {m.state === 'active' ? t('community.leave') : m.state === 'pending' ? t('community.withdraw_request') : t('community.decline')}
              </button>
            )}
            {active && (
              <button type="button" class="secondary" aria-pressed={m.muted} onClick={() => act(m.muted ? 'DELETE' : 'PUT', '/mute')}>
                {m.muted ? t('community.muted') : t('community.mute')}
              </button>
            )}
          </div>
        </div>
      </div>
      <p class="muted">
        {typeAndSize(community)}
        {active && ` · ${t('community.you_are', { role: m.role })}`}
      </p>
      <div class="post-body" dangerouslySetInnerHTML={{ __html: community.description_html }} />
      {m?.state === 'pending' && <p class="muted">{t('community.pending')}</p>}
      <Alert message={error} />
      <Tabs key={era} label={t('community.sections', { name: community.name })} tabs={tabs} />
    </section>
  );
}

// Posts pinned to the top of the community's stream.
// `onLoaded` tells the page which posts are pinned, so that the stream shows each once.
function Pinned(props: { communityId: string; manages: boolean; version: number; onChange: () => void; onLoaded: (ids: string[]) => void }) {
  const [items, setItems] = useState<Post[]>([]);
  useEffect(() => {
    api<Page<Post>>('GET', `/api/v1/communities/${props.communityId}/pins`)
      .then((p) => {
        setItems(p.items);
        props.onLoaded(p.items.map((i) => i.id));
      })
      .catch(() => setItems([]));
  }, [props.communityId, props.version]);
  if (items.length === 0) return null;
  const unpin = async (id: string) => {
    await api('DELETE', `/api/v1/communities/${props.communityId}/pins/${id}`).catch(() => undefined);
    props.onChange();
  };
  return (
    <section aria-labelledby="pinned-heading">
      <h2 id="pinned-heading">{t('community.pinned')}</h2>
      {items.map((p) => (
        <PostCard key={p.id} post={p}
          actions={props.manages ? () => <button type="button" class="link" onClick={() => unpin(p.id)}>{t('community.unpin')}</button> : undefined} />
      ))}
    </section>
  );
}

type Activity = Schemas['CommunityActivity'];

// What happened lately: counts for members, and how many joined.
function ActivityLine(props: { communityId: string; memberCount: number }) {
  const [a, setA] = useState<Activity | null>(null);
  useEffect(() => {
    api<Activity>('GET', `/api/v1/communities/${props.communityId}/activity`).then(setA).catch(() => setA(null));
  }, [props.communityId, props.memberCount]);
  if (!a) return null;
  const parts: string[] = [];
  if (a.posts_30d !== null) parts.push(t('rail.posts_count', { count: a.posts_30d }));
  if (a.topics_30d !== null) parts.push(t('community.topics_count', { count: a.topics_30d }));
  const joined = a.new_members.filter((m) => Date.parse(m.created_at) > Date.now() - 30 * 24 * 3600 * 1000).length;
  return (
    <p class="muted small" data-testid="activity">
      {parts.length > 0 && `${t('community.activity', { what: formatList(parts) })} `}
      {joined > 0 && (joined >= 10 ? t('community.new_members_many', { count: 10 }) : t('community.new_members', { count: joined }))}
    </p>
  );
}

const roleText: Record<'owner' | 'moderator' | 'member', MessageId> = { owner: 'community.role_owner', moderator: 'community.role_moderator', member: 'community.role_member' };

// Active members with their roles; owners change the others' roles here.
// Members, searchable by name, with avatars, a page at a time. Owners set roles; owners and
// moderators remove or ban someone from a menu beside them.
function Members(props: { community: Community; owner: boolean; manages: boolean; me: string }) {
  // Each page of members comes with their cards (one request a page, not one a person).
  type Row = Membership & { person: (PersonRef & { photo: string | null; title?: string }) | null };
  const [rows, setRows] = useState<Row[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const load = async (from: string | null) => {
    try {
      const query = q.trim() ? `&q=${encodeURIComponent(q.trim())}` : '';
      const page = await api<Page<Row>>(
        'GET',
        `/api/v1/communities/${props.community.id}/members?limit=50${query}${from ? `&cursor=${encodeURIComponent(from)}` : ''}`,
      );
      setRows((old) => (from && old ? [...old, ...page.items] : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => load(null), q ? 200 : 0);
    return () => clearTimeout(timer);
  }, [props.community.id, props.community.member_count, q]);
  const remove = async (person: PersonRef, ban: boolean) => {
    const ok = await confirmAction({
      title: ban ? t('community.ban_title', { name: person.display_name, community: props.community.name }) : t('community.remove_title', { name: person.display_name, community: props.community.name }),
      body: ban ? t('community.ban_body') : t('community.remove_body'),
      confirm: ban ? t('community.ban_button') : t('community.remove_button'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api('DELETE', `/api/v1/communities/${props.community.id}/members/${person.id}`, ban ? { ban: true } : undefined);
      toast(ban ? t('community.banned', { name: person.display_name }) : t('community.removed', { name: person.display_name }));
      setError(null);
      await load(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const setRole = async (person: PersonRef, role: string) => {
    const ok = await confirmAction({
      title: t('community.role_title', { name: person.display_name, role }),
      body: t('community.role_body', { role }),
      confirm: t('community.change_role'),
    });
    if (!ok) {
      await load(null);  // the menu goes back to the role they have
      return;
    }
    try {
      await api('PATCH', `/api/v1/communities/${props.community.id}/members/${person.id}`, { role });
      setError(null);
      await load(null);
    } catch (e) {
      setError(describeError(e));
    }
  };
  if (!rows) return null;
  const shown = rows.filter((r): r is Row & { person: NonNullable<Row['person']> } => r.person !== null);
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('community.tab_members', { count: props.community.member_count })}</h2>
      <Field id="member-search" label={t('community.find_member')} value={q} onInput={setQ} hint={t('community.find_member_hint')} />
      {q && shown.length === 0 && <p class="muted" role="status">{t('community.no_member')}</p>}
      <ul class="member-list" aria-label={t('community.members')}>
        {shown.map(({ person, role }) => (
          <li key={person.id}>
            <Avatar name={person.display_name} photo={person.photo} size={32} />
            <a href={`/people/${person.handle}`}>{person.display_name}</a>
            {role !== 'member' && <span class="muted small"> ({t(roleText[role])})</span>}
            {props.owner && person.id !== props.me && (
              <>
                {' '}
                <label class="visually-hidden" for={`role-${person.id}`}>{t('community.role_of', { name: person.display_name })}</label>
                <select id={`role-${person.id}`} value={role} onChange={(e) => setRole(person, (e.target as HTMLSelectElement).value)}>
                  <option value="member">{t('community.role_member')}</option>
                  <option value="moderator">{t('community.role_moderator')}</option>
                  <option value="owner">{t('community.role_owner')}</option>
                </select>
              </>
            )}
            {props.manages && person.id !== props.me && role !== 'owner' && (
              <Menu label={t('community.manage_membership', { name: person.display_name })} items={[
                { label: t('community.remove'), onSelect: () => remove(person, false), danger: true },
                { label: t('community.ban'), onSelect: () => remove(person, true), danger: true },
              ]} />
            )}
          </li>
        ))}
      </ul>
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(cursor)}>
          {t('community.more_members')}
        </button>
      )}
      <Alert message={error} />
    </section>
  );
}

// The owner's settings: name, description and tags.
function Settings(props: { community: Community; onSaved: () => void }) {
  const [name, setName] = useState(props.community.name);
  const [description, setDescription] = useState(props.community.description);
  const [tags, setTags] = useState(props.community.tags.join(', '));
  const [error, setError] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await api('PATCH', `/api/v1/communities/${props.community.id}`, {
        name, description, tags: tags.split(/[\s,]+/).filter(Boolean),
      });
      setError(null);
      props.onSaved();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <details class="panel">
      <summary>{t('community.settings')}</summary>
      <form class="composer" onSubmit={save}>
        <label for="cs-name">{t('directory.name')}</label>
        <input id="cs-name" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <label for="cs-description">{t('communities.description')}</label>
        <textarea id="cs-description" rows={3} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} />
        <label for="cs-tags">{t('community.tags_label')}</label>
        <input id="cs-tags" value={tags} onInput={(e) => setTags((e.target as HTMLInputElement).value)} placeholder="rust, pilot" />
        <Alert message={error} />
        <button type="submit">{t('community.save_settings')}</button>
      </form>
      {(['avatar', 'banner'] as const).map((which) => (
        <div class="field" key={which}>
          <label for={`cs-${which}`}>{which === 'avatar' ? t('community.avatar') : t('community.banner')}</label>
          <input id={`cs-${which}`} type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
            onChange={async (e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (!file) return;
              try {
                await api('PUT', `/api/v1/communities/${props.community.id}/${which}`, file);
                setError(null);
                props.onSaved();
              } catch (err) {
                setError(describeError(err));
              }
            }} />
        </div>
      ))}
    </details>
  );
}

// Inviting people by handle, and answering requests to join.
function Moderation(props: { community: Community; onChange: () => void }) {
  const [invitees, setInvitees] = useState<Card[]>([]);
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState<PersonRef[]>([]);
  const [invited, setInvited] = useState<PersonRef[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const base = `/api/v1/communities/${props.community.id}`;
  const loadPending = async () => {
    try {
      // Each membership comes with the person's card: one request, not one per person.
      const people = async (state: string) => {
        const page = await api<Page<Membership & { person: PersonRef | null }>>('GET', `${base}/members?state=${state}&limit=100`);
        return page.items.flatMap((m) => (m.person ? [m.person] : []));
      };
      const [asking, waiting] = await Promise.all([people('pending'), people('invited')]);
      setPending(asking);
      setInvited(waiting);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    loadPending();
  }, [props.community.id]);
  // People are chosen by name; someone without an account is invited by e-mail address and
  // gets a link to pass on (it makes a guest account).
  const invitePeople = async (e: Event) => {
    e.preventDefault();
    try {
      for (const who of invitees) await api('POST', `${base}/invitations`, { person_id: who.id });
      setNote(t('community.invited', { people: formatList(invitees.map((p) => p.display_name)), count: invitees.length }));
      setInvitees([]);
      loadPending();
      setLink(null);
      setError(null);
    } catch (err) {
      setError(describeError(err));
      setNote(null);
    }
  };
  const inviteByEmail = async (e: Event) => {
    e.preventDefault();
    try {
      const r = await api<Answer<'/api/v1/communities/{id}/invitations', 'post'>>('POST', `${base}/invitations`, { email: email.trim() });
      if (r.invite_url) {
        setNote(t('community.send_link', { email: email.trim() }));
        setLink(`${location.origin}${r.invite_url}`);
      } else {
        setNote(t('community.invited', { people: email.trim(), count: 1 }));
        setLink(null);
        loadPending();
      }
      setEmail('');
      setError(null);
    } catch (err) {
      setError(describeError(err));
      setNote(null);
    }
  };
  const answer = async (person: PersonRef, approve: boolean) => {
    try {
      if (approve) await api('PATCH', `${base}/members/${person.id}`, { state: 'active' });
      else await api('DELETE', `${base}/members/${person.id}`);
      await loadPending();
      props.onChange();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const withdraw = async (person: PersonRef) => {
    try {
      await api('DELETE', `${base}/members/${person.id}`);
      setNote(t('community.invitation_withdrawn', { name: person.display_name }));
      await loadPending();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <div class="panel">
      <h2>{t('community.invite_heading')}</h2>
      <form onSubmit={invitePeople}>
        <PersonPicker id="invite-people" label={t('community.invite_people')} chosen={invitees} onChange={setInvitees} hint={t('picker.hint')} />
        <button type="submit" disabled={invitees.length === 0}>{t('community.invite')}</button>
      </form>
      <form class="row" onSubmit={inviteByEmail}>
        <div class="field">
          <label for="invite-email">{t('community.invite_email')}</label>
          <input id="invite-email" type="email" value={email} aria-describedby="invite-email-hint"
            onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
          <p class="hint" id="invite-email-hint">
            {props.community.allow_guests
              ? t('community.invite_email_guests')
              : t('community.invite_email_no_guests')}
          </p>
        </div>
        <button type="submit" disabled={!email.trim()}>{t('community.invite_by_email')}</button>
      </form>
      <p role="status">
        {note}
        {link && <> <code data-testid="invite-link">{link}</code> <CopyButton text={link} label={t('community.copy_link')} /></>}
      </p>
      <Alert message={error} />
      {pending.length > 0 && (
        <>
          <h2>{t('community.asking')}</h2>
          <ul aria-label={t('community.requests')}>
            {pending.map((p) => (
              <li key={p.id}>
                {p.display_name}{' '}
                <button type="button" onClick={() => answer(p, true)}>{t('community.approve', { name: p.display_name })}</button>{' '}
                <button type="button" class="secondary" onClick={() => answer(p, false)}>{t('community.refuse', { name: p.display_name })}</button>
              </li>
            ))}
          </ul>
        </>
      )}
      {invited.length > 0 && (
        <>
          <h2>{t('community.invited_waiting')}</h2>
          <ul aria-label={t('community.invitations_waiting')}>
            {invited.map((p) => (
              <li key={p.id}>
                {p.display_name}{' '}
                <button type="button" class="secondary" onClick={() => withdraw(p)} aria-label={t('community.withdraw_invitation', { name: p.display_name })}>{t('community.withdraw')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

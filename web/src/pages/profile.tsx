import { useEffect, useState } from 'preact/hooks';
import { takeEarly } from '../early';
import { api, describeError, type Page, type Schemas } from '../api';
import { FeedView } from '../feed_view';
import { OrgChart } from '../org_chart';
import { setTitle } from '../title';
import { Alert, Avatar, Field, Notice, PageHeading, SelectField } from '../components';
import { countryName, countryOptions, deviceTimeZone, languageName, languageOptions, timeZones } from '../places';
import { formatDate, formatList, formatNumber, t, tx } from '../i18n/i18n';

export type Card = Schemas['PersonCard'];

export type Link = Profile['links'][number];

export type Profile = Schemas['Profile'];

function localTime(timezone: string): string | null {
  if (!timezone) return null;
  try {
    return formatDate(new Date(), { timeZone: timezone, hour: '2-digit', minute: '2-digit' });
  } catch {
    return null;
  }
}

// "https://blog.example.com My blog" per line <-> links
export function parseLinks(text: string): Link[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const space = line.search(/\s/);
    return space < 0 ? { url: line, title: '' } : { url: line.slice(0, space), title: line.slice(space + 1).trim() };
  });
}
export function formatLinks(links: Link[]): string {
  return links.map((l) => `${l.url} ${l.title}`.trim()).join('\n');
}

// A person's profile: /people/{handle}. The viewer's own profile has an edit form.
export function ProfilePage(props: { handle: string; myId: string }) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [reports, setReports] = useState<Card[]>([]);
  const [managers, setManagers] = useState<Card[]>([]);
  const [peers, setPeers] = useState<Card[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  const load = async () => {
    setError(null);
    try {
      const path = `/api/v1/people/${encodeURIComponent(props.handle)}`;
      const p = await (takeEarly<Profile>(path) ?? api<Profile>('GET', path));
      // An old handle redirects (fetch follows it): show the current address.
      if (p.handle !== props.handle && p.id !== props.handle) history.replaceState(null, '', `/people/${p.handle}`);
      setProfile(p);
      setTitle(p.display_name);
      const [r, m] = await Promise.all([
        api<Page<Card>>('GET', `/api/v1/people/${p.id}/reports`),
        api<Page<Card>>('GET', `/api/v1/people/${p.id}/managers`),
      ]);
      setReports(r.items);
      setManagers(m.items);
      // Peers: the manager's reports, this person among them.
      setPeers(m.items.length > 0 ? (await api<Page<Card>>('GET', `/api/v1/people/${m.items[0].id}/reports`)).items : []);
    } catch (e) {
      setError(describeError(e));
    }
  };
  useEffect(() => {
    load();
  }, [props.handle]);

  if (error) return <Alert message={error} />;
  if (!profile) return <p>{t('common.loading')}</p>;
  const mine = profile.id === props.myId;
  const time = localTime(profile.timezone);

  const toggleFollow = async () => {
    try {
      await api(profile.followed_by_me ? 'DELETE' : 'POST', `/api/v1/people/${profile.id}/follow`);
      await load();
    } catch (e) {
      setError(describeError(e));
    }
  };

  // Endorsing changes the chip in place: the list keeps its order until the page is
  // opened again, so the chip one clicked does not jump away from the pointer.
  const endorse = async (tag: string, withdraw: boolean) => {
    try {
      await api(withdraw ? 'DELETE' : 'PUT', `/api/v1/people/${profile.id}/expertise/${encodeURIComponent(tag)}/endorsement`);
      setProfile({
        ...profile,
        endorsements: profile.endorsements.map((e) =>
          e.tag === tag ? { ...e, endorsed_by_me: !withdraw, count: e.count + (withdraw ? -1 : 1) } : e),
      });
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section>
      <div class="profile-head">
        <Avatar name={profile.display_name} photo={profile.photo?.medium} large={profile.photo?.large} size={128} />
        <div class="profile-title">
          <PageHeading>{profile.display_name}</PageHeading>
          <div class="actions">
            {mine && !editing && (
              <button type="button" onClick={() => setEditing(true)}>
                {t('profile.edit')}
              </button>
            )}
            {!mine && (
              <button type="button" class={profile.followed_by_me ? 'secondary' : ''} onClick={toggleFollow}>
                {profile.followed_by_me ? t('follow.unfollow') : t('follow.follow')}
              </button>
            )}
          </div>
        </div>
      </div>
      {mine && editing && <EditPhoto profile={profile} onChanged={setProfile} />}
      {mine && editing && (
        <EditProfile profile={profile} onSaved={(p) => { setProfile(p); setEditing(false); }} onCancel={() => setEditing(false)} />
      )}
      <p class="subtitle">
        {[profile.pronouns, profile.title, profile.department, profile.office, countryName(profile.country)].filter(Boolean).join(' · ')}
        {profile.alumnus && <span class="tag">{t('profile.alumnus')}</span>}
      </p>
      {time && <p>{t('profile.local_time', { time, zone: profile.timezone })}</p>}
      {profile.languages.length > 0 && <p>{t('profile.speaks', { languages: formatList(profile.languages.map(languageName)) })}</p>}
      {profile.links.length > 0 && (
        <ul class="links" aria-label={t('profile.links')}>
          {profile.links.map((l) => (
            <li key={l.url}><a href={l.url} rel="noopener noreferrer nofollow ugc">{l.title}</a></li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/people/${profile.handle}/followers`}>
          {tx('profile.followers', { count: profile.followers, n: <span data-testid="followers">{formatNumber(profile.followers)}</span> })}
        </a>{' '}
        · <a href={`/people/${profile.handle}/following`}>{t('profile.following', { count: profile.following })}</a>
      </p>
      {profile.expertise.length > 0 && (
        <section aria-labelledby="expertise-heading">
          <h2 id="expertise-heading">{t('profile.ask_me_about')}</h2>
          <ul class="chips">
            {profile.endorsements.map((e) => (
              <li key={e.tag}>
                <a href={`/people?expertise=${encodeURIComponent(e.tag)}`}>{e.tag}</a>
                {e.count > 0 && <span class="count" aria-label={t('profile.endorsements', { count: e.count })}> {formatNumber(e.count)}</span>}
                {!mine && (
                  <button
                    type="button"
                    class="chip-action"
                    aria-pressed={e.endorsed_by_me}
                    aria-label={e.endorsed_by_me ? t('profile.withdraw_endorsement', { name: profile.display_name, tag: e.tag }) : t('profile.endorse_for', { name: profile.display_name, tag: e.tag })}
                    onClick={() => endorse(e.tag, e.endorsed_by_me)}
                  >
                    {e.endorsed_by_me ? `✓ ${t('profile.endorsed')}` : `+ ${t('profile.endorse')}`}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {profile.bio && (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{t('profile.about')}</h2>
          <div class="bio" dangerouslySetInnerHTML={{ __html: profile.bio_html }} />
        </section>
      )}
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">{t('profile.contact')}</h2>
        <dl class="contact">
          {profile.email && (<><dt>{t('profile.email')}</dt><dd><a href={`mailto:${profile.email}`}>{profile.email}</a></dd></>)}
          {profile.phone && (<><dt>{t('profile.phone')}</dt><dd>{profile.phone}</dd></>)}
          {profile.chat && (<><dt>{t('profile.chat')}</dt><dd>{profile.chat}</dd></>)}
        </dl>
      </section>
      <OrgChart person={{ ...profile, photo: profile.photo?.small ?? null }} managers={managers} peers={peers} reports={reports} own={mine} />
      <MemberOf personId={profile.id} />
      <BlogEntries personId={profile.id} handle={profile.handle} name={profile.display_name} />
      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading">{t('profile.posts')}</h2>
        <FeedView source={`person:${profile.id}`} empty={t('profile.no_posts')} />
      </section>
    </section>
  );
}

// The person's newest blog entries (co-authored ones too), as far as the reader may read them.
function BlogEntries(props: { personId: string; handle: string; name: string }) {
  const [items, setItems] = useState<Schemas['BlogEntry'][]>([]);
  useEffect(() => {
    api<{ items: Schemas['BlogEntry'][] }>('GET', `/api/v1/people/${props.personId}/blog-entries?limit=5`)
      .then((p) => setItems(p.items))
      .catch(() => setItems([]));
  }, [props.personId]);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="blog-entries-heading">
      <h2 id="blog-entries-heading">{t('profile.blog_entries')}</h2>
      <ul class="cards entries">
        {items.map((e) => (
          <li key={e.id} class="card">
            <a href={`/blogs/${e.blog.handle}/entries/${e.id}`} class="entry-title">{e.title}</a>
            <div class="muted small">{e.blog.name} · {e.published_at ? formatDate(e.published_at) : ''}</div>
          </li>
        ))}
      </ul>
      <p><a href={`/blog-entries?author=${encodeURIComponent(props.handle)}`}>{t('profile.all_blog_entries', { name: props.name })}</a></p>
    </section>
  );
}

// The communities the person belongs to, as far as the reader may see them.
function MemberOf(props: { personId: string }) {
  const [items, setItems] = useState<{ id: string; handle: string; name: string }[]>([]);
  useEffect(() => {
    api<Page<{ id: string; handle: string; name: string }>>('GET', `/api/v1/people/${props.personId}/communities?limit=50`)
      .then((p) => setItems(p.items))
      .catch(() => setItems([]));
  }, [props.personId]);
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="member-of-heading">
      <h2 id="member-of-heading">{t('profile.member_of')}</h2>
      <ul class="inline-list">
        {items.map((c) => <li key={c.id}><a href={`/communities/${c.handle}`}>{c.name}</a></li>)}
      </ul>
    </section>
  );
}

// The languages a person speaks: chips to remove, and a list to add from, by name.
function LanguagesField(props: { value: string[]; onChange: (v: string[]) => void; error?: string }) {
  const options = languageOptions().filter((o) => !props.value.includes(o.value));
  return (
    <fieldset class="field">
      <legend>{t('profile_edit.languages')}</legend>
      {props.value.length > 0 && (
        <ul class="chips" aria-label={t('profile_edit.languages_chosen')}>
          {props.value.map((tag) => (
            <li key={tag}>
              {languageName(tag)}
              <button type="button" class="chip-action" aria-label={t('profile_edit.remove_language', { language: languageName(tag) })}
                onClick={() => props.onChange(props.value.filter((t) => t !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <SelectField id="pf_languages" label={t('profile_edit.add_language')} value="" empty={t('profile_edit.choose')} options={options}
        onChange={(v) => v && props.onChange([...props.value, v])} error={props.error} />
    </fieldset>
  );
}

function EditProfile(props: { profile: Profile; onSaved: (p: Profile) => void; onCancel: () => void }) {
  const p = props.profile;
  const [fields, setFields] = useState({
    handle: p.handle, pronouns: p.pronouns, title: p.title, department: p.department, office: p.office, country: p.country,
    timezone: p.timezone, phone: p.phone ?? '', chat: p.chat ?? '', bio: p.bio, expertise: p.expertise.join(', '),
    links: formatLinks(p.links),
  });
  const [languages, setLanguages] = useState<string[]>(p.languages);
  const device = deviceTimeZone();
  const [visibility, setVisibility] = useState(p.visibility ?? { email: 'members', phone: 'members', chat: 'members' });
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof fields) => (v: string) => setFields({ ...fields, [k]: v });
  // "links[2].url" and "languages[0]" belong to the one field that edits the list.
  const errorFor = (f: string) => (error?.field === f || error?.field?.startsWith(`${f}[`) ? error.message : undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const body = {
        ...fields,
        expertise: fields.expertise.split(',').map((t) => t.trim()).filter(Boolean),
        languages,
        links: parseLinks(fields.links),
        visibility,
      };
      const updated = await api<Profile>('PATCH', '/api/v1/people/me', body);
      setSaved(true);
      if (updated.handle !== p.handle) history.replaceState(null, '', `/people/${updated.handle}`);
      props.onSaved(updated);
    } catch (err) {
      const apiErr = err as { field?: string };
      setError({ field: apiErr.field, message: describeError(err) });
    }
  };

  const visibilitySelect = (key: 'email' | 'phone' | 'chat', label: string) => (
    <div class="field">
      <label for={`vis_${key}`}>{label}</label>
      <select id={`vis_${key}`} value={visibility[key]} onChange={(e) => setVisibility({ ...visibility, [key]: (e.target as HTMLSelectElement).value as Schemas['FieldVisibility'] })}>
        <option value="members">{t('profile_edit.visible_members')}</option>
        <option value="private">{t('profile_edit.visible_private')}</option>
      </select>
    </div>
  );

  return (
    <form onSubmit={submit} class="card" aria-labelledby="edit-heading">
      <h2 id="edit-heading">{t('profile.edit')}</h2>
      <Field id="pf_handle" label={t('profile_edit.handle')} value={fields.handle} onInput={set('handle')} hint={t('profile_edit.handle_hint')} error={errorFor('handle')} />
      <Field id="pf_pronouns" label={t('profile_edit.pronouns')} value={fields.pronouns} onInput={set('pronouns')} error={errorFor('pronouns')} />
      <Field id="pf_title" label={t('profile_edit.title')} value={fields.title} onInput={set('title')} error={errorFor('title')} />
      <Field id="pf_department" label={t('profile_edit.department')} value={fields.department} onInput={set('department')} error={errorFor('department')} />
      <Field id="pf_office" label={t('profile_edit.office')} value={fields.office} onInput={set('office')} error={errorFor('office')} />
      <SelectField id="pf_country" label={t('profile_edit.country')} value={fields.country} onChange={set('country')} empty={t('profile_edit.not_set')} options={countryOptions()} error={errorFor('country')} />
      <Field id="pf_timezone" label={t('profile_edit.timezone')} value={fields.timezone} onInput={set('timezone')} list="pf_timezones"
        hint={t('profile_edit.timezone_hint', { example: device || 'Europe/Stockholm' })} error={errorFor('timezone')} />
      <datalist id="pf_timezones">{timeZones().map((z) => <option key={z} value={z} />)}</datalist>
      {device && fields.timezone !== device && (
        <button type="button" class="quiet" onClick={() => set('timezone')(device)}>{t('profile_edit.use_device_timezone', { zone: device })}</button>
      )}
      <Field id="pf_expertise" label={t('profile.ask_me_about')} value={fields.expertise} onInput={set('expertise')} hint={t('profile_edit.expertise_hint')} error={errorFor('expertise')} />
      <LanguagesField value={languages} onChange={setLanguages} error={errorFor('languages')} />
      <div class="field">
        <label for="pf_links">{t('profile.links')}</label>
        <textarea id="pf_links" rows={3} value={fields.links} aria-describedby={`pf_links-hint${errorFor('links') ? ' pf_links-error' : ''}`}
          aria-invalid={errorFor('links') ? 'true' : undefined} onInput={(e) => set('links')((e.target as HTMLTextAreaElement).value)} />
        <p id="pf_links-hint" class="hint">{t('profile_edit.links_hint')}</p>
        {errorFor('links') && <p id="pf_links-error" class="field-error">{errorFor('links')}</p>}
      </div>
      <Field id="pf_phone" label={t('profile.phone')} value={fields.phone} onInput={set('phone')} error={errorFor('phone')} />
      <Field id="pf_chat" label={t('profile_edit.chat')} value={fields.chat} onInput={set('chat')} error={errorFor('chat')} />
      <div class="field">
        <label for="pf_bio">{t('profile_edit.bio')}</label>
        <textarea id="pf_bio" rows={5} value={fields.bio} aria-describedby="pf_bio-hint" onInput={(e) => set('bio')((e.target as HTMLTextAreaElement).value)} />
        <p id="pf_bio-hint" class="hint">{t('profile_edit.bio_hint')}</p>
      </div>
      <fieldset>
        <legend>{t('profile_edit.visibility')}</legend>
        {visibilitySelect('email', t('profile_edit.email_visible'))}
        {visibilitySelect('phone', t('profile_edit.phone_visible'))}
        {visibilitySelect('chat', t('profile_edit.chat_visible'))}
      </fieldset>
      <Alert message={error && !error.field ? error.message : null} />
      {saved && <Notice>{t('profile_edit.saved')}</Notice>}
      <div class="actions">
        <button type="submit">{t('profile_edit.save')}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

// Upload or remove one's photo; the server re-encodes it, so any JPEG, PNG, WebP or HEIC
// will do. Errors (not an image, too large) are shown next to the control.
function EditPhoto(props: { profile: Profile; onChanged: (p: Profile) => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setStatus(t('photo.uploading'));
    try {
      props.onChanged(await api<Profile>('PUT', '/api/v1/people/me/photo', file));
      setStatus(t('photo.updated'));
    } catch (err) {
      setStatus(null);
      setError(describeError(err));
    }
    input.value = '';
  };
  const remove = async () => {
    setError(null);
    try {
      await api('DELETE', '/api/v1/people/me/photo');
      props.onChanged({ ...props.profile, photo: null });
      setStatus(t('photo.removed'));
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <div class="card">
      <h2>{t('photo.heading')}</h2>
      <div class="field">
        <label for="pf_photo">{t('photo.choose')}</label>
        <input id="pf_photo" type="file" accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          aria-describedby={`pf_photo-hint${error ? ' pf_photo-error' : ''}`} aria-invalid={error ? 'true' : undefined} onChange={upload} />
        <p id="pf_photo-hint" class="hint">{t('photo.hint')}</p>
        {error && <p id="pf_photo-error" class="field-error" role="alert">{error}</p>}
      </div>
      {props.profile.photo && (
        <button type="button" class="secondary" onClick={remove}>{t('photo.remove')}</button>
      )}
      <p role="status">{status ?? ''}</p>
    </div>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, formatTime, type Page, type User, type Answer } from '../api';
import { Alert, Field, Notice, PageHeading, SelectField } from '../components';
import { ImportStaff } from './import_staff';
import { AdminDirectory } from './admin_directory';
import { AdminMail } from './admin_mail';
import { AdminProvisioning } from './admin_provisioning';
import { confirmAction } from '../confirm';
import { formatNumber, t } from '../i18n/i18n';
import { SiteLanguage } from './admin_language';

const roles: User['role'][] = ['member', 'guest', 'alumnus', 'admin'];

export function AdminUsersPage(props: { me: User }) {
  const [users, setUsers] = useState<User[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [q, setQ] = useState('');
  const [roleFilter, setRoleFilter] = useState('');
  const [statusFilter, setStatusFilter] = useState('');
  const [sort, setSort] = useState('name');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = async (append: boolean, from: string | null) => {
    setError(null);
    try {
      const params = new URLSearchParams({ limit: '50', sort });
      if (q) params.set('q', q);
      if (roleFilter) params.set('role', roleFilter);
      if (statusFilter) params.set('status', statusFilter);
      if (from) params.set('cursor', from);
      const page = await api<Page<User> & { total?: number }>('GET', `/api/v1/admin/users?${params}`);
      setUsers(append ? [...users, ...page.items] : page.items);
      setCursor(page.next_cursor);
      if (!append) setTotal(page.total ?? null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  // A new filter or order shows its list at once; the search box waits for Search or Enter.
  useEffect(() => {
    load(false, null);
  }, [roleFilter, statusFilter, sort]);

  const update = async (u: User, change: Partial<Pick<User, 'role' | 'active'>>) => {
    setError(null);
    setStatus(null);
    // Deactivating signs the person out everywhere; a new role changes what they may read.
    const ask =
      change.active === false
        ? { title: t('admin_users.deactivate_title', { name: u.display_name }), body: t('admin_users.deactivate_body'), confirm: t('admin_users.deactivate'), danger: true }
        : change.role
          ? {
              title: t('admin_users.role_title', { name: u.display_name, role: change.role }),
              body: change.role === 'admin' ? t('admin_users.role_admin_body') : change.role === 'member' ? t('admin_users.role_member_body') : t('admin_users.role_guest_body'),
              confirm: t('admin_users.role_confirm'),
            }
          : null;
    if (ask && !(await confirmAction(ask))) {
      load(false, null);  // the role menu goes back to what it was
      return;
    }
    try {
      const updated = await api<User>('PATCH', `/api/v1/admin/users/${u.id}`, change);
      setUsers(users.map((x) => (x.id === u.id ? updated : x)));
      setStatus(t('admin_users.updated', { name: updated.display_name, role: updated.role, active: String(updated.active) }));
    } catch (err) {
      setError(describeError(err));
    }
  };

  // Mails a link to activate (people without a password) or to choose a new password.
  const invite = async (ids: string[] | 'all') => {
    setError(null);
    setStatus(null);
    try {
      const r = await api<Answer<'/api/v1/admin/users/invitations', 'post'>>('POST', '/api/v1/admin/users/invitations', ids === 'all' ? { not_activated: true } : { user_ids: ids });
      setStatus(t('admin_users.invitations_sent', { count: r.queued }));
      load(false, null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const resetTwoFactor = async (u: User) => {
    if (!(await confirmAction({ title: t('admin_users.two_factor_title', { name: u.display_name }), body: t('admin_users.two_factor_body'), confirm: t('admin_users.two_factor_confirm'), danger: true }))) return;
    setError(null);
    setStatus(null);
    try {
      await api('DELETE', `/api/v1/admin/users/${u.id}/two-factor`);
      setStatus(t('admin_users.two_factor_off', { name: u.display_name }));
      load(false, null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const sendReset = async (u: User) => {
    setError(null);
    setStatus(null);
    try {
      await api('POST', `/api/v1/admin/users/${u.id}/password-reset`, {});
      setStatus(t('admin_users.reset_sent', { name: u.display_name, hours: 24 }));
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section>
      <PageHeading>{t('admin_users.heading')}</PageHeading>
      {/* The people first (the page's main task), then adding and importing them, then how
          the site reaches them and where they come from. */}
      <form class="inline" role="search" onSubmit={(e) => { e.preventDefault(); load(false, null); }}>
        <Field id="user_search" label={t('admin_users.find')} value={q} onInput={setQ} hint={t('admin_users.find_hint')} />
        <SelectField id="user_role" label={t('admin_users.filter_role')} value={roleFilter} onChange={setRoleFilter} empty={t('admin_users.any_role')}
          options={roles.map((r) => ({ value: r, label: t('admin_users.role_plural', { role: r }) }))} />
        <SelectField id="user_status" label={t('admin_users.filter_status')} value={statusFilter} onChange={setStatusFilter} empty={t('admin_users.any_status')}
          options={[{ value: 'active', label: t('admin_users.status_active') }, { value: 'not_activated', label: t('admin_users.status_not_activated') }, { value: 'deactivated', label: t('admin_users.status_deactivated') }]} />
        <SelectField id="user_sort" label={t('admin_users.sort')} value={sort} onChange={setSort}
          options={[{ value: 'name', label: t('admin_users.sort_name') }, { value: 'newest', label: t('admin_users.sort_newest') }, { value: 'created', label: t('admin_users.sort_oldest') }]} />
        <button type="submit">{t('admin_users.search')}</button>
      </form>
      {total !== null && (
        <p class="muted" role="status">
          {roleFilter || statusFilter || q
            ? t('admin_users.matching', { count: total, n: formatNumber(total) })
            : t('admin_users.total', { count: total, n: formatNumber(total) })}
        </p>
      )}
      <p>
        <button type="button" class="secondary" onClick={() => invite('all')}>
          {t('admin_users.invite_all')}
        </button>
      </p>
      <Alert message={error} />
      {status && <Notice>{status}</Notice>}
      <div class="table-scroll">
      <table>
        <caption class="visually-hidden">{t('admin_users.accounts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin_users.name')}</th>
            <th scope="col">{t('profile.email')}</th>
            <th scope="col">{t('admin_users.role')}</th>
            <th scope="col">{t('admin_users.status')}</th>
            <th scope="col">{t('admin_users.created')}</th>
            <th scope="col"><span class="visually-hidden">{t('admin_users.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-${u.email}`}>
              <td>
                <a href={`/people/${u.handle}`}>{u.display_name}</a>
              </td>
              <td>{u.email}</td>
              <td>
                <select aria-label={t('admin_users.role_of', { name: u.display_name })} value={u.role} onChange={(e) => update(u, { role: (e.target as HTMLSelectElement).value as User['role'] })}>
                  {roles.map((r) => (
                    <option value={r} key={r}>
                      {t('admin_users.role_name', { role: r })}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {!u.active ? t('admin_users.state_deactivated') : u.activated ? t('admin_users.state_active') : u.invited_at ? t('admin_users.state_invited', { when: formatTime(u.invited_at) }) : t('admin_users.state_not_activated')}
              </td>
              <td>{formatTime(u.created_at)}</td>
              <td class="row-actions">
                {u.active && !u.activated && (
                  <button type="button" class="secondary" onClick={() => invite([u.id])} aria-label={u.invited_at ? t('admin_users.resend_to', { name: u.display_name }) : t('admin_users.invite_person', { name: u.display_name })}>
                    {u.invited_at ? t('admin_users.resend') : t('admin_users.send_invitation')}
                  </button>
                )}
                {u.active && u.activated && u.id !== props.me.id && (
                  <button type="button" class="secondary" onClick={() => sendReset(u)} aria-label={t('admin_users.send_reset_to', { name: u.display_name })}>
                    {t('admin_users.send_reset')}
                  </button>
                )}
                {u.two_factor && u.id !== props.me.id && (
                  <button type="button" class="secondary" onClick={() => resetTwoFactor(u)} aria-label={t('admin_users.reset_two_factor_of', { name: u.display_name })}>
                    {t('admin_users.reset_two_factor')}
                  </button>
                )}
                {u.id !== props.me.id && (
                  <button type="button" class={u.active ? 'danger' : 'secondary'} onClick={() => update(u, { active: !u.active })} aria-label={u.active ? t('admin_users.deactivate_person', { name: u.display_name }) : t('admin_users.reactivate_person', { name: u.display_name })}>
                    {u.active ? t('admin_users.deactivate') : t('admin_users.reactivate')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      {cursor && (
        <button type="button" class="secondary" onClick={() => load(true, cursor)}>
          {t('admin_users.load_more')}
        </button>
      )}
      <CreateUser onCreated={(u) => { setUsers([...users, u]); setStatus(t('admin_users.created_person', { name: u.display_name })); }} />
      <ImportStaff onImported={() => load(false, null)} />
      <SecuritySettings />
      <SiteLanguage />
      <AdminMail />
      <AdminDirectory />
      <AdminProvisioning />
    </section>
  );
}

function CreateUser(props: { onCreated: (u: User) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<User['role']>('member');
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<{ field?: string; message?: string }>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFieldError({});
    setError(null);
    try {
      const u = await api<User>('POST', '/api/v1/admin/users', { email, display_name: name, role, password: password || undefined });
      setEmail('');
      setName('');
      setPassword('');
      props.onCreated(u);
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldError({ field: err.field, message: describeError(err) });
      else setError(describeError(err));
    }
  };
  const errorFor = (f: string) => (fieldError.field === f ? fieldError.message : undefined);
  return (
    <form onSubmit={submit} class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">{t('admin_users.add_heading')}</h2>
      <Field id="new_display_name" label={t('admin_users.name')} value={name} onInput={setName} required error={errorFor('display_name')} />
      <Field id="new_email" label={t('profile.email')} type="email" value={email} onInput={setEmail} required error={errorFor('email')} />
      <div class="field">
        <label for="new_role">{t('admin_users.role')}</label>
        <select id="new_role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as User['role'])}>
          {roles.map((r) => (
            <option value={r} key={r}>
              {t('admin_users.role_name', { role: r })}
            </option>
          ))}
        </select>
      </div>
      <Field id="new_password" label={t('admin_users.initial_password')} type="password" value={password} onInput={setPassword} autocomplete="new-password" hint={t('admin_users.initial_password_hint')} error={errorFor('password')} />
      <Alert message={error} />
      <button type="submit">{t('admin_users.add')}</button>
    </form>
  );
}

// Site security: whether admins must use two-factor sign-in (an admin can require it only
// once they use it themselves).
function SecuritySettings() {
  const [settings, setSettings] = useState<{ require_two_factor_for_admins: boolean; required_by_configuration: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<typeof settings>('GET', '/api/v1/admin/security').then(setSettings).catch((e) => setError(describeError(e)));
  }, []);
  const change = async (on: boolean) => {
    setError(null);
    try {
      setSettings(await api<typeof settings>('PUT', '/api/v1/admin/security', { require_two_factor_for_admins: on }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('admin_users.two_factor_yourself_first') : describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="security-heading">
      <h2 id="security-heading">{t('admin_users.security')}</h2>
      {settings && (
        <label>
          <input
            type="checkbox"
            checked={settings.require_two_factor_for_admins}
            disabled={settings.required_by_configuration}
            onChange={(e) => change((e.target as HTMLInputElement).checked)}
          />{' '}
          {settings.required_by_configuration ? t('admin_users.require_two_factor_configured') : t('admin_users.require_two_factor')}
        </label>
      )}
      <Alert message={error} />
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, formatTime, type Page, type User } from '../api';
import { Alert, Field, Notice, PageHeading, SelectField } from '../components';
import { ImportStaff } from './import_staff';
import { AdminDirectory } from './admin_directory';
import { AdminMail } from './admin_mail';
import { AdminProvisioning } from './admin_provisioning';
import { confirmAction } from '../confirm';

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
        ? { title: `Deactivate ${u.display_name}?`, body: 'They are signed out everywhere at once and cannot sign in until an admin reactivates them. What they wrote stays.', confirm: 'Deactivate', danger: true }
        : change.role
          ? { title: `Make ${u.display_name} ${change.role === 'admin' ? 'an admin' : change.role === 'alumnus' ? 'an alumnus' : `a ${change.role}`}?`, body: change.role === 'admin' ? 'Admins manage every account and the site.' : change.role === 'member' ? 'Members read everything posted for the organization.' : 'Guests and alumni see only their communities and the people in them.', confirm: 'Change the role' }
          : null;
    if (ask && !(await confirmAction(ask))) {
      load(false, null);  // the role menu goes back to what it was
      return;
    }
    try {
      const updated = await api<User>('PATCH', `/api/v1/admin/users/${u.id}`, change);
      setUsers(users.map((x) => (x.id === u.id ? updated : x)));
      setStatus(`${updated.display_name}: ${updated.role}, ${updated.active ? 'active' : 'deactivated'}.`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  // Mails a link to activate (people without a password) or to choose a new password.
  const invite = async (ids: string[] | 'all') => {
    setError(null);
    setStatus(null);
    try {
      const r = await api<{ queued: number }>('POST', '/api/v1/admin/users/invitations', ids === 'all' ? { not_activated: true } : { user_ids: ids });
      setStatus(r.queued === 1 ? 'One invitation is on its way.' : `${r.queued} invitations are on their way.`);
      load(false, null);
    } catch (err) {
      setError(describeError(err));
    }
  };
  const resetTwoFactor = async (u: User) => {
    if (!(await confirmAction({ title: `Turn off two-factor sign-in for ${u.display_name}?`, body: 'They are signed out, and sign in with their password alone until they turn it on again.', confirm: 'Turn it off', danger: true }))) return;
    setError(null);
    setStatus(null);
    try {
      await api('DELETE', `/api/v1/admin/users/${u.id}/two-factor`);
      setStatus(`Two-factor sign-in is off for ${u.display_name}.`);
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
      setStatus(`${u.display_name} will get a link to choose a new password (valid 24 hours).`);
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section>
      <PageHeading>People admin</PageHeading>
      {/* The people first (the page's main task), then adding and importing them, then how
          the site reaches them and where they come from. */}
      <form class="inline" role="search" onSubmit={(e) => { e.preventDefault(); load(false, null); }}>
        <Field id="user_search" label="Find people" value={q} onInput={setQ} hint="Start of a name, handle or e-mail." />
        <SelectField id="user_role" label="Filter by role" value={roleFilter} onChange={setRoleFilter} empty="Any role"
          options={[{ value: 'member', label: 'Members' }, { value: 'guest', label: 'Guests' }, { value: 'alumnus', label: 'Alumni' }, { value: 'admin', label: 'Admins' }]} />
        <SelectField id="user_status" label="Filter by status" value={statusFilter} onChange={setStatusFilter} empty="Any status"
          options={[{ value: 'active', label: 'Active' }, { value: 'not_activated', label: 'Cannot sign in yet' }, { value: 'deactivated', label: 'Deactivated' }]} />
        <SelectField id="user_sort" label="Sort" value={sort} onChange={setSort}
          options={[{ value: 'name', label: 'By name' }, { value: 'newest', label: 'Newest first' }, { value: 'created', label: 'Oldest first' }]} />
        <button type="submit">Search</button>
      </form>
      {total !== null && (
        <p class="muted" role="status">
          {roleFilter || statusFilter || q
            ? total === 1 ? 'One person matches' : `${total.toLocaleString()} people match`
            : total === 1 ? 'One person' : `${total.toLocaleString()} people`}
        </p>
      )}
      <p>
        <button type="button" class="secondary" onClick={() => invite('all')}>
          Invite everyone not yet activated
        </button>
      </p>
      <Alert message={error} />
      {status && <Notice>{status}</Notice>}
      <div class="table-scroll">
      <table>
        <caption class="visually-hidden">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
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
                <select aria-label={`Role of ${u.display_name}`} value={u.role} onChange={(e) => update(u, { role: (e.target as HTMLSelectElement).value as User['role'] })}>
                  {roles.map((r) => (
                    <option value={r} key={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {!u.active ? 'deactivated' : u.activated ? 'active' : u.invited_at ? `invited ${formatTime(u.invited_at)}, not activated` : 'not activated'}
              </td>
              <td>{formatTime(u.created_at)}</td>
              <td class="row-actions">
                {u.active && !u.activated && (
                  <button type="button" class="secondary" onClick={() => invite([u.id])} aria-label={`${u.invited_at ? 'Resend the invitation to' : 'Invite'} ${u.display_name}`}>
                    {u.invited_at ? 'Resend invitation' : 'Send invitation'}
                  </button>
                )}
                {u.active && u.activated && u.id !== props.me.id && (
                  <button type="button" class="secondary" onClick={() => sendReset(u)} aria-label={`Send ${u.display_name} a password reset link`}>
                    Send reset link
                  </button>
                )}
                {u.two_factor && u.id !== props.me.id && (
                  <button type="button" class="secondary" onClick={() => resetTwoFactor(u)} aria-label={`Reset two-factor sign-in of ${u.display_name}`}>
                    Reset two-factor
                  </button>
                )}
                {u.id !== props.me.id && (
                  <button type="button" class={u.active ? 'danger' : 'secondary'} onClick={() => update(u, { active: !u.active })} aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.display_name}`}>
                    {u.active ? 'Deactivate' : 'Reactivate'}
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
          Load more
        </button>
      )}
      <CreateUser onCreated={(u) => { setUsers([...users, u]); setStatus(`Created ${u.display_name}.`); }} />
      <ImportStaff onImported={() => load(false, null)} />
      <SecuritySettings />
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
      if (err instanceof ApiError && err.field) setFieldError({ field: err.field, message: err.message });
      else setError(describeError(err));
    }
  };
  const errorFor = (f: string) => (fieldError.field === f ? fieldError.message : undefined);
  return (
    <form onSubmit={submit} class="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Add a person</h2>
      <Field id="new_display_name" label="Name" value={name} onInput={setName} required error={errorFor('display_name')} />
      <Field id="new_email" label="E-mail" type="email" value={email} onInput={setEmail} required error={errorFor('email')} />
      <div class="field">
        <label for="new_role">Role</label>
        <select id="new_role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as User['role'])}>
          {roles.map((r) => (
            <option value={r} key={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <Field id="new_password" label="Initial password" type="password" value={password} onInput={setPassword} autocomplete="new-password" hint="Optional; at least 8 characters. Without one the person cannot sign in yet." error={errorFor('password')} />
      <Alert message={error} />
      <button type="submit">Add person</button>
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
      setError(err instanceof ApiError && err.status === 409 ? 'Turn on two-factor sign-in for yourself first (Account, Two-factor sign-in).' : describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
      {settings && (
        <label>
          <input
            type="checkbox"
            checked={settings.require_two_factor_for_admins}
            disabled={settings.required_by_configuration}
            onChange={(e) => change((e.target as HTMLInputElement).checked)}
          />{' '}
          Require two-factor sign-in for admins{settings.required_by_configuration ? ' (set in the server configuration)' : ''}
        </label>
      )}
      <Alert message={error} />
    </section>
  );
}

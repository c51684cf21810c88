// Accepting an invitation link (/invite#token=...): someone without an account chooses a
// name and a password; the server creates their guest account and makes them a member.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type User, type Schemas } from '../api';
import { accountFormProblems, Alert, Field, PageHeading } from '../components';
import { useHashParam } from '../router';
import { t, tx } from '../i18n/i18n';

// Once the account exists the guest is signed in with it at once (no second form).
export function InvitePage(props: { onSignedIn: (s: { user: User; csrf_token: string }) => void }) {
  const token = useHashParam('token');
  const [info, setInfo] = useState<{ community: { name: string }; email: string } | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!token) return;
    api<Schemas['CommunityInvitation']>('GET', `/api/v1/invitations/${encodeURIComponent(token)}`)
      .then((i) => {
        setInfo(i);
        setError(null);
      })
      .catch((e) => setError(e instanceof ApiError && e.status === 404
        ? t('invite.gone')
        : describeError(e)));
  }, [token]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const problems = accountFormProblems({ name, password, confirm });
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      await api('POST', `/api/v1/invitations/${encodeURIComponent(token)}/accept`, { display_name: name, password });
      setDone(true);
      setError(null);
      // Signed in with the new account straight away (the invitation named the address).
      if (info) {
        try {
          props.onSignedIn(await api<Schemas['SignedIn']>('POST', '/api/v1/auth/login', { email: info.email, password }));
          history.replaceState(null, '', '/');
        } catch {
          // The account exists; signing in by hand (below) still works.
        }
      }
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: describeError(err) });
      else setError(describeError(err));
    }
  };
  if (done)
    return (
      <main id="main" class="narrow">
        <PageHeading>{t('invite.welcome')}</PageHeading>
        <p role="status">{tx('invite.ready', { email: info?.email ?? '', link: (chunks) => <a href="/">{chunks}</a> })}</p>
      </main>
    );
  return (
    <main id="main" class="narrow">
      <PageHeading>{info ? t('invite.join', { community: info.community.name }) : t('title.invite')}</PageHeading>
      {!token && <Alert message={t('invite.needs_link')} />}
      <Alert message={error} />
      {info && (
        <form onSubmit={submit}>
          <p>{t('invite.invited_as', { email: info.email })}</p>
          <Field id="inv-name" label={t('setup.your_name')} value={name} onInput={setName} error={fieldErrors.display_name} />
          <Field id="inv-password" label={t('signin.password')} type="password" value={password} onInput={setPassword} hint={t('setup.password_hint', { min: 8 })} error={fieldErrors.password} />
          <Field id="inv-confirm" label={t('invite.password_again')} type="password" value={confirm} onInput={setConfirm} error={fieldErrors.confirm} />
          <button type="submit">{t('invite.create')}</button>
        </form>
      )}
    </main>
  );
}

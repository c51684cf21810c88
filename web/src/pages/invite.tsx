// Accepting an invitation link (/invite#token=...): someone without an account chooses a
// name and a password; the server creates their guest account and makes them a member.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type User } from '../api';
import { accountFormProblems, Alert, Field, PageHeading } from '../components';
import { useHashParam } from '../router';

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
    api<{ community: { name: string }; email: string }>('GET', `/api/v1/invitations/${encodeURIComponent(token)}`)
      .then((i) => {
        setInfo(i);
        setError(null);
      })
      .catch((e) => setError(e instanceof ApiError && e.status === 404
        ? 'This invitation link has been used, has expired, or was withdrawn. Ask the person who invited you for a new one.'
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
          props.onSignedIn(await api<{ user: User; csrf_token: string }>('POST', '/api/v1/auth/login', { email: info.email, password }));
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
        <PageHeading>Welcome</PageHeading>
        <p role="status">Your guest account is ready. <a href="/">Sign in</a> with {info?.email}.</p>
      </main>
    );
  return (
    <main id="main" class="narrow">
      <PageHeading>{info ? `Join ${info.community.name}` : 'Invitation'}</PageHeading>
      {!token && <Alert message="This page needs the invitation link you were sent. Open that link, or paste it into the address bar." />}
      <Alert message={error} />
      {info && (
        <form onSubmit={submit}>
          <p>You were invited as {info.email}. Choose how you appear and a password.</p>
          <Field id="inv-name" label="Your name" value={name} onInput={setName} error={fieldErrors.display_name} />
          <Field id="inv-password" label="Password" type="password" value={password} onInput={setPassword} hint="At least 8 characters." error={fieldErrors.password} />
          <Field id="inv-confirm" label="Password again" type="password" value={confirm} onInput={setConfirm} error={fieldErrors.confirm} />
          <button type="submit">Create my guest account</button>
        </form>
      )}
    </main>
  );
}

// Accepting an invitation link (/invite#token=...): someone without an account chooses a
// name and a password; the server creates their guest account and makes them a member.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api';
import { Alert, Field, PageHeading } from '../components';

export function InvitePage() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [info, setInfo] = useState<{ community: { name: string }; email: string } | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  useEffect(() => {
    api<{ community: { name: string }; email: string }>('GET', `/api/v1/invitations/${encodeURIComponent(token)}`)
      .then(setInfo)
      .catch((e) => setError(describeError(e)));
  }, [token]);
  const submit = async (e: Event) => {
    e.preventDefault();
    setFieldErrors({});
    if (password !== confirm) {
      setFieldErrors({ confirm: 'The two passwords differ.' });
      return;
    }
    try {
      await api('POST', `/api/v1/invitations/${encodeURIComponent(token)}/accept`, { display_name: name, password });
      setDone(true);
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: err.message });
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
      <Alert message={error} />
      {info && (
        <form onSubmit={submit}>
          <p>You were invited as {info.email}. Choose how you appear and a password.</p>
          <Field id="inv-name" label="Your name" value={name} onInput={setName} error={fieldErrors.display_name} />
          <Field id="inv-password" label="Password" type="password" value={password} onInput={setPassword} error={fieldErrors.password} />
          <Field id="inv-confirm" label="Password again" type="password" value={confirm} onInput={setConfirm} error={fieldErrors.confirm} />
          <button type="submit">Create my guest account</button>
        </form>
      )}
    </main>
  );
}

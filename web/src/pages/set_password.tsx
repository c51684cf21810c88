// The page of a mailed link (/activate#token=... or /reset#token=...): the person chooses a
// password and is signed in. The token stays in the URL fragment, which is never sent to a
// server, and goes to the API in a request body.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type User } from '../api';
import { Alert, Field, PageHeading } from '../components';

interface LinkInfo {
  purpose: 'activate' | 'reset';
  email: string;
  display_name: string;
  expires_at: string;
}

export function SetPasswordPage(props: { onSignedIn: (s: { user: User; csrf_token: string }) => void }) {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [info, setInfo] = useState<LinkInfo | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<LinkInfo>('POST', '/api/v1/auth/links/lookup', { token })
      .then(setInfo)
      .catch((e) =>
        setError(
          e instanceof ApiError && e.status === 404
            ? 'This link has been used already or has expired. Ask for a new one below, or ask your administrator.'
            : describeError(e),
        ),
      );
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFieldErrors({});
    setError(null);
    if (password !== confirm) {
      setFieldErrors({ confirm: 'The two passwords differ. Type the same password twice.' });
      return;
    }
    setBusy(true);
    try {
      const s = await api<{ user: User; csrf_token: string }>('POST', '/api/v1/auth/links/use', { token, password });
      history.replaceState(null, '', '/');  // the link is spent: keep it out of the history
      props.onSignedIn(s);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'password')
        setFieldErrors({ password: 'Choose a password of at least 8 characters.' });
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const activating = info?.purpose === 'activate';
  return (
    <main id="main" class="narrow">
      <PageHeading>{activating ? 'Welcome to Agora' : 'Choose a new password'}</PageHeading>
      <Alert message={error} />
      {!info && error && (
        <p>
          <a href="/forgot">Get a new link</a> · <a href="/">Sign in</a>
        </p>
      )}
      {info && (
        <form onSubmit={submit}>
          <p>
            {activating
              ? `Hello ${info.display_name}. Choose the password you will sign in with, as ${info.email}.`
              : `Choose a new password for ${info.email}. You will be signed out everywhere else.`}
          </p>
          <input type="email" value={info.email} autocomplete="username" hidden readOnly />
          <Field id="link-password" label="New password" type="password" value={password} onInput={setPassword} autocomplete="new-password" required hint="At least 8 characters." error={fieldErrors.password} />
          <Field id="link-confirm" label="New password again" type="password" value={confirm} onInput={setConfirm} autocomplete="new-password" required error={fieldErrors.confirm} />
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : activating ? 'Set my password and sign in' : 'Save and sign in'}
          </button>
        </form>
      )}
    </main>
  );
}

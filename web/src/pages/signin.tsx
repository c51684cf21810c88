import { useState } from 'preact/hooks';
import { api, describeError, type User } from '../api';
import { Alert, Field, PageHeading } from '../components';

export function SignInPage(props: { onSignedIn: (s: { user: User; csrf_token: string }) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await api('POST', '/api/v1/auth/login', { email, password }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="narrow">
      <PageHeading>Sign in to Agora</PageHeading>
      <form onSubmit={submit}>
        <Field id="email" label="E-mail" type="email" value={email} onInput={setEmail} autocomplete="username" required />
        <Field id="password" label="Password" type="password" value={password} onInput={setPassword} autocomplete="current-password" required />
        <Alert message={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          <a href="/forgot">Forgot password?</a>
        </p>
      </form>
    </main>
  );
}

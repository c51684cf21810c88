import { useState } from 'preact/hooks';
import { ApiError, api, describeError, type User } from '../api';
import { Alert, Field, PageHeading } from '../components';

type SignedIn = { user: User; csrf_token: string };
type LoginAnswer = SignedIn | { two_factor_required: true; challenge: string };

// Sign-in: e-mail and password, then (for accounts with two-factor sign-in) the code from the
// authenticator app or a recovery code.
export function SignInPage(props: { onSignedIn: (s: SignedIn) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api<LoginAnswer>('POST', '/api/v1/auth/login', { email, password });
      if ('two_factor_required' in answer) {
        setChallenge(answer.challenge);
        setPassword('');
      } else props.onSignedIn(answer);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await api<SignedIn>('POST', '/api/v1/auth/login/code', { challenge, code: code.trim() }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setChallenge(null);
        setError('That took too long or too many tries. Sign in again.');
      } else if (err instanceof ApiError && err.status === 401) {
        setError(recovery ? 'That recovery code is not right, or was used already.' : 'That code is not right. Type the code your app shows now.');
      } else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (challenge)
    return (
      <main id="main" class="narrow">
        <PageHeading>Two-factor sign-in</PageHeading>
        <form onSubmit={submitCode}>
          <p>{recovery ? 'Type one of the recovery codes you saved when you turned on two-factor sign-in.' : 'Open your authenticator app and type the six-digit code it shows for Agora.'}</p>
          {recovery ? (
            <Field id="signin-code" label="Recovery code" value={code} onInput={setCode} autocomplete="off" required />
          ) : (
            <Field id="signin-code" label="Code" value={code} onInput={setCode} autocomplete="one-time-code" inputmode="numeric" required />
          )}
          <Alert message={error} />
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
          <p>
            <button type="button" class="quiet" onClick={() => { setRecovery(!recovery); setCode(''); setError(null); }}>
              {recovery ? 'Use the code from the app' : 'Lost your phone? Use a recovery code'}
            </button>
          </p>
        </form>
      </main>
    );

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

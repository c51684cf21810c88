import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type User } from '../api';
import { Alert, Field, PageHeading } from '../components';

type SignedIn = { user: User; csrf_token: string };
type LoginAnswer = SignedIn | { two_factor_required: true; challenge: string };
type Provider = { id: string; name: string; start_url: string };
type SignInMethods = { items: Provider[]; password: boolean };

// What went wrong when an identity provider sent the browser back (?sso_error=, set by the
// server's callback), as a sentence the person can act on.
export function ssoErrorSentence(code: string, provider: string): string {
  switch (code) {
    case 'cancelled': return `Signing in with ${provider} was cancelled. Try again when you are ready.`;
    case 'expired': return 'That sign-in took too long, or was opened in another browser. Try again.';
    case 'no_account': return `There is no Agora account for the address ${provider} gave. Ask your administrator for access.`;
    case 'deactivated': return 'Your account is deactivated. Ask your administrator if you think this is a mistake.';
    case 'unavailable': return `${provider} cannot be reached right now. Try again in a minute.`;
    default: return `${provider} did not confirm who you are. Try again; if it keeps happening, tell your administrator.`;
  }
}

// Where to come back to after signing in with a provider: the page the person asked for.
function returnPath(): string {
  const here = window.location.pathname + window.location.search;
  return window.location.pathname === '/signin' ? '/' : here;
}

// Sign-in: "Sign in with <provider>" for each identity provider, e-mail and password (unless
// an admin turned passwords off; then only behind "Sign in with a password" for the
// break-glass admin), then (for accounts with two-factor sign-in) the code from the
// authenticator app or a recovery code.
export function SignInPage(props: { onSignedIn: (s: SignedIn) => void }) {
  const [methods, setMethods] = useState<SignInMethods>({ items: [], password: true });
  const [showPassword, setShowPassword] = useState(false);
  // A fresh install has no accounts: say where the way in is (the printed setup link).
  const [setupNeeded, setSetupNeeded] = useState(false);
  useEffect(() => {
    api<SignInMethods>('GET', '/api/v1/auth/providers').then(setMethods, () => undefined);
    api<{ needed: boolean }>('GET', '/api/v1/auth/setup').then((s) => setSetupNeeded(s.needed), () => undefined);
  }, []);
  const params = new URLSearchParams(window.location.search);
  const ssoError = params.get('sso_error');
  const providerName = methods.items.find((p) => p.id === params.get('provider'))?.name ?? 'Your sign-in service';
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

  const passwordForm = methods.password || showPassword;
  return (
    <main id="main" class="narrow">
      <PageHeading>Sign in to Agora</PageHeading>
      {setupNeeded && (
        <p class="notice-box" role="status">
          This Agora has no administrator yet. Open the one-time setup link that the server printed when it
          started (<code>/setup#token=…</code>) to create the first administrator.
        </p>
      )}
      {ssoError && <Alert message={ssoErrorSentence(ssoError, providerName)} />}
      {methods.items.length > 0 && (
        <ul class="sso-buttons">
          {methods.items.map((p) => (
            <li key={p.id}>
              <a class="button" href={`${p.start_url}?return_to=${encodeURIComponent(returnPath())}`}>
                Sign in with {p.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      {methods.items.length > 0 && passwordForm && <p class="divider">or with your e-mail and password</p>}
      {!passwordForm && (
        <p>
          <button type="button" class="quiet" onClick={() => setShowPassword(true)}>
            Sign in with a password (administrators)
          </button>
        </p>
      )}
      {passwordForm && <form onSubmit={submit}>
        <Field id="email" label="E-mail" type="email" value={email} onInput={setEmail} autocomplete="username" required />
        <Field id="password" label="Password" type="password" value={password} onInput={setPassword} autocomplete="current-password" required />
        <Alert message={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {methods.password && (
          <p>
            <a href="/forgot">Forgot password?</a>
          </p>
        )}
      </form>}
    </main>
  );
}

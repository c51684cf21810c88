import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type User, type Answer } from '../api';
import { Alert, Field, PageHeading } from '../components';
import { t, tx } from '../i18n/i18n';

type SignedIn = { user: User; csrf_token: string };
type LoginAnswer = SignedIn | { two_factor_required: true; challenge: string };
type Provider = { id: string; name: string; start_url: string };
type SignInMethods = { items: Provider[]; password: boolean };

// What went wrong when an identity provider sent the browser back (?sso_error=, set by the
// server's callback), as a sentence the person can act on.
export function ssoErrorSentence(code: string, provider: string): string {
  switch (code) {
    case 'cancelled': return t('sso.cancelled', { provider });
    case 'expired': return t('sso.expired');
    case 'no_account': return t('sso.no_account', { provider });
    case 'deactivated': return t('sso.deactivated');
    case 'unavailable': return t('sso.unavailable', { provider });
    default: return t('sso.failed', { provider });
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
    api<Answer<'/api/v1/auth/setup', 'get'>>('GET', '/api/v1/auth/setup').then((s) => setSetupNeeded(s.needed), () => undefined);
  }, []);
  const params = new URLSearchParams(window.location.search);
  const ssoError = params.get('sso_error');
  const providerName = methods.items.find((p) => p.id === params.get('provider'))?.name ?? t('sso.your_service');
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
      // A wrong e-mail or password: the same sentence for both, in the person's language.
      setError(err instanceof ApiError && err.status === 401 && err.type === '/problems/unauthenticated' ? t('signin.incorrect') : describeError(err));
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
        setError(t('signin.code_expired'));
      } else if (err instanceof ApiError && err.status === 401) {
        setError(recovery ? t('signin.recovery_wrong') : t('signin.code_wrong'));
      } else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  if (challenge)
    return (
      <main id="main" class="narrow">
        <PageHeading>{t('signin.two_factor')}</PageHeading>
        <form onSubmit={submitCode}>
          <p>{recovery ? t('signin.recovery_hint') : t('signin.code_hint')}</p>
          {recovery ? (
            <Field id="signin-code" label={t('signin.recovery_code')} value={code} onInput={setCode} autocomplete="off" required />
          ) : (
            <Field id="signin-code" label={t('signin.code')} value={code} onInput={setCode} autocomplete="one-time-code" inputmode="numeric" required />
          )}
          <Alert message={error} />
          <button type="submit" disabled={busy}>
            {busy ? t('signin.checking') : t('signin.sign_in')}
          </button>
          <p>
            <button type="button" class="quiet" onClick={() => { setRecovery(!recovery); setCode(''); setError(null); }}>
              {recovery ? t('signin.use_app_code') : t('signin.use_recovery')}
            </button>
          </p>
        </form>
      </main>
    );

  const passwordForm = methods.password || showPassword;
  return (
    <main id="main" class="narrow">
      <PageHeading>{t('signin.heading')}</PageHeading>
      {setupNeeded && (
        <p class="notice-box" role="status">
          {tx('signin.setup_needed', { link: <code>/setup#token=…</code> })}
        </p>
      )}
      {ssoError && <Alert message={ssoErrorSentence(ssoError, providerName)} />}
      {methods.items.length > 0 && (
        <ul class="sso-buttons">
          {methods.items.map((p) => (
            <li key={p.id}>
              <a class="button" href={`${p.start_url}?return_to=${encodeURIComponent(returnPath())}`}>
                {t('signin.with', { provider: p.name })}
              </a>
            </li>
          ))}
        </ul>
      )}
      {methods.items.length > 0 && passwordForm && <p class="divider">{t('signin.or_password')}</p>}
      {!passwordForm && (
        <p>
          <button type="button" class="quiet" onClick={() => setShowPassword(true)}>
            {t('signin.password_admins')}
          </button>
        </p>
      )}
      {passwordForm && <form onSubmit={submit}>
        <Field id="email" label={t('profile.email')} type="email" value={email} onInput={setEmail} autocomplete="username" required />
        <Field id="password" label={t('signin.password')} type="password" value={password} onInput={setPassword} autocomplete="current-password" required />
        <Alert message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('signin.signing_in') : t('signin.sign_in')}
        </button>
        {methods.password && (
          <p>
            <a href="/forgot">{t('signin.forgot')}</a>
          </p>
        )}
      </form>}
    </main>
  );
}

// Settings: two-factor sign-in with an authenticator app. Turning it on shows the QR code
// (and the secret as text) once, checks a code, then shows the recovery codes once.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api';
import { Alert, Field, Notice } from '../components';

interface Status {
  enabled: boolean;
  recovery_codes_left: number;
  required: boolean;
}
interface Setup {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export function TwoFactorSettings() {
  const [status, setStatus] = useState<Status | null>(null);
  const [password, setPassword] = useState('');
  const [setup, setSetup] = useState<Setup | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState<'on' | 'off' | 'codes' | null>(null);

  const load = () => api<Status>('GET', '/api/v1/auth/two-factor').then(setStatus).catch((e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, []);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.field === 'password') setFieldError({ password: 'That is not your password.' });
    else if (err instanceof ApiError && err.field === 'code') setFieldError({ code: 'That is not the code your app shows now. Check the phone\'s clock, and try the next code.' });
    else setError(describeError(err));
  };

  const withPassword = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldError({});
    try {
      if (asking === 'on') setSetup(await api<Setup>('POST', '/api/v1/auth/two-factor/setup', { password }));
      else if (asking === 'off') {
        await api('POST', '/api/v1/auth/two-factor/disable', { password });
        await load();
      } else if (asking === 'codes') setCodes((await api<{ recovery_codes: string[] }>('POST', '/api/v1/auth/two-factor/recovery-codes', { password })).recovery_codes);
      setAsking(null);
      setPassword('');
    } catch (err) {
      fail(err);
    }
  };

  const enable = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldError({});
    try {
      const r = await api<{ recovery_codes: string[] }>('POST', '/api/v1/auth/two-factor/enable', { code: code.trim() });
      setCodes(r.recovery_codes);
      setSetup(null);
      setCode('');
      await load();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <section class="card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      <Alert message={error} />
      {status?.required && !status.enabled && <Notice>Admins must turn on two-factor sign-in before they can use the admin pages.</Notice>}
      {status && !setup && (
        <p>
          {status.enabled
            ? `On: signing in asks for a code from your authenticator app. ${status.recovery_codes_left} recovery codes left.`
            : 'Off. Turn it on to sign in with your password and a code from an authenticator app on your phone.'}
        </p>
      )}
      {codes && (
        <div data-testid="recovery-codes">
          <p>
            <strong>Save these recovery codes</strong> somewhere safe, such as a password manager. Each signs you in once if you lose your phone. They are shown only now.
          </p>
          <ul class="codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setCodes(null)}>
            I have saved them
          </button>
        </div>
      )}
      {setup && (
        <form onSubmit={enable}>
          <p>Scan this code with your authenticator app (for example Microsoft Authenticator, Google Authenticator or FreeOTP), then type the six-digit code it shows.</p>
          <img class="qr" src={`data:image/svg+xml;base64,${btoa(setup.qr_svg)}`} alt="QR code for your authenticator app" width={200} height={200} />
          <p>
            Cannot scan? Type this key into the app: <code class="secret" data-testid="two-factor-secret">{setup.secret}</code>
          </p>
          <Field id="two-factor-code" label="Code from the app" value={code} onInput={setCode} autocomplete="one-time-code" inputmode="numeric" required error={fieldError.code} />
          <button type="submit">Turn on</button>{' '}
          <button type="button" class="secondary" onClick={() => setSetup(null)}>
            Cancel
          </button>
        </form>
      )}
      {asking && (
        <form onSubmit={withPassword}>
          <Field id="two-factor-password" label="Your password" type="password" value={password} onInput={setPassword} autocomplete="current-password" required error={fieldError.password} hint="To change how you sign in, confirm it is you." />
          <button type="submit">Continue</button>{' '}
          <button type="button" class="secondary" onClick={() => { setAsking(null); setFieldError({}); }}>
            Cancel
          </button>
        </form>
      )}
      {status && !setup && !asking && !codes && (
        <p>
          {status.enabled ? (
            <>
              <button type="button" class="secondary" onClick={() => setAsking('codes')}>
                New recovery codes
              </button>{' '}
              <button type="button" class="danger" onClick={() => setAsking('off')}>
                Turn off
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setAsking('on')}>
              Turn on two-factor sign-in
            </button>
          )}
        </p>
      )}
    </section>
  );
}

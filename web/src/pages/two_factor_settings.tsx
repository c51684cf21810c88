// Settings: two-factor sign-in with an authenticator app. Turning it on shows the QR code
// (and the secret as text) once, checks a code, then shows the recovery codes once.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type Schemas } from '../api';
import { Alert, Field, Notice } from '../components';
import { t, tx } from '../i18n/i18n';

type Status = Schemas['TwoFactorStatus'];
type Setup = Schemas['TwoFactorSetup'];

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
    if (err instanceof ApiError && err.field === 'password') setFieldError({ password: t('two_factor.wrong_password') });
    else if (err instanceof ApiError && err.field === 'code') setFieldError({ code: t('two_factor.wrong_code') });
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
      } else if (asking === 'codes') setCodes((await api<Schemas['RecoveryCodes']>('POST', '/api/v1/auth/two-factor/recovery-codes', { password })).recovery_codes);
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
      const r = await api<Schemas['RecoveryCodes']>('POST', '/api/v1/auth/two-factor/enable', { code: code.trim() });
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
      <h2 id="two-factor-heading">{t('signin.two_factor')}</h2>
      <Alert message={error} />
      {status?.required && !status.enabled && <Notice>{t('two_factor.required')}</Notice>}
      {status && !setup && (
        <p>
          {status.enabled
            ? t('two_factor.on', { left: status.recovery_codes_left })
            : t('two_factor.off')}
        </p>
      )}
      {codes && (
        <div data-testid="recovery-codes">
          <p>
            {tx('two_factor.save_codes', { strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
          <ul class="codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => setCodes(null)}>
            {t('two_factor.saved_them')}
          </button>
        </div>
      )}
      {setup && (
        <form onSubmit={enable}>
          <p>{t('two_factor.scan')}</p>
          <img class="qr" src={`data:image/svg+xml;base64,${btoa(setup.qr_svg)}`} alt={t('two_factor.qr_alt')} width={200} height={200} />
          <p>
            {t('two_factor.cannot_scan')} <code class="secret" data-testid="two-factor-secret">{setup.secret}</code>
          </p>
          <Field id="two-factor-code" label={t('two_factor.code_label')} value={code} onInput={setCode} autocomplete="one-time-code" inputmode="numeric" required error={fieldError.code} />
          <button type="submit">{t('two_factor.turn_on_short')}</button>{' '}
          <button type="button" class="secondary" onClick={() => setSetup(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {asking && (
        <form onSubmit={withPassword}>
          <Field id="two-factor-password" label={t('two_factor.your_password')} type="password" value={password} onInput={setPassword} autocomplete="current-password" required error={fieldError.password} hint={t('two_factor.confirm_hint')} />
          <button type="submit">{t('two_factor.continue')}</button>{' '}
          <button type="button" class="secondary" onClick={() => { setAsking(null); setFieldError({}); }}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {status && !setup && !asking && !codes && (
        <p>
          {status.enabled ? (
            <>
              <button type="button" class="secondary" onClick={() => setAsking('codes')}>
                {t('two_factor.new_codes')}
              </button>{' '}
              <button type="button" class="danger" onClick={() => setAsking('off')}>
                {t('two_factor.turn_off')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setAsking('on')}>
              {t('two_factor.turn_on')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

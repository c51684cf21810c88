// The page of a mailed link (/activate#token=... or /reset#token=...): the person chooses a
// password and is signed in. The token stays in the URL fragment, which is never sent to a
// server, and goes to the API in a request body.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, type User, type Schemas } from '../api';
import { Alert, Field, PageHeading } from '../components';
import { t } from '../i18n/i18n';

type LinkInfo = Schemas['AccountLink'];

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
            ? t('link.gone')
            : describeError(e),
        ),
      );
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFieldErrors({});
    setError(null);
    if (password !== confirm) {
      setFieldErrors({ confirm: t('link.differ') });
      return;
    }
    setBusy(true);
    try {
      const s = await api<Schemas['SignedIn']>('POST', '/api/v1/auth/links/use', { token, password });
      history.replaceState(null, '', '/');  // the link is spent: keep it out of the history
      props.onSignedIn(s);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'password')
        setFieldErrors({ password: t('account_form.password_short', { min: 8 }) });
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const activating = info?.purpose === 'activate';
  return (
    <main id="main" class="narrow">
      <PageHeading>{activating ? t('link.welcome') : t('title.reset')}</PageHeading>
      <Alert message={error} />
      {!info && error && (
        <p>
          <a href="/forgot">{t('link.new_link')}</a> · <a href="/">{t('signin.sign_in')}</a>
        </p>
      )}
      {info && (
        <form onSubmit={submit}>
          <p>
            {activating
              ? t('link.activate_explain', { name: info.display_name, email: info.email })
              : t('link.reset_explain', { email: info.email })}
          </p>
          <input type="email" value={info.email} autocomplete="username" hidden readOnly />
          <Field id="link-password" label={t('link.new_password')} type="password" value={password} onInput={setPassword} autocomplete="new-password" required hint={t('setup.password_hint', { min: 8 })} error={fieldErrors.password} />
          <Field id="link-confirm" label={t('link.new_password_again')} type="password" value={confirm} onInput={setConfirm} autocomplete="new-password" required error={fieldErrors.confirm} />
          <button type="submit" disabled={busy}>
            {busy ? t('link.saving') : activating ? t('link.set_and_sign_in') : t('link.save_and_sign_in')}
          </button>
        </form>
      )}
    </main>
  );
}

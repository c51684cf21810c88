// "Forgot password?": asks for a reset link. The server answers the same whether or not the
// address has an account, and so does this page.
import { useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api';
import { t } from '../i18n/i18n';
import { Alert, Field, Notice, PageHeading } from '../components';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    try {
      await api('POST', '/api/v1/auth/password-reset', { email });
      setSent(true);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'email') setFieldError(t('account_form.email_invalid'));
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="narrow">
      <PageHeading>{t('forgot.heading')}</PageHeading>
      {sent ? (
        <>
          <Notice>
            {t('forgot.sent', { email })}
          </Notice>
          <p>
            {t('forgot.no_mail')} <a href="/">{t('forgot.back')}</a>
          </p>
        </>
      ) : (
        <form onSubmit={submit}>
          <p>{t('forgot.explain')}</p>
          <Field id="forgot-email" label={t('profile.email')} type="email" value={email} onInput={setEmail} autocomplete="username" required error={fieldError} />
          <Alert message={error} />
          <button type="submit" disabled={busy}>
            {busy ? t('forgot.sending') : t('forgot.send')}
          </button>
          <p>
            <a href="/">{t('forgot.back')}</a>
          </p>
        </form>
      )}
    </main>
  );
}

// "Forgot password?": asks for a reset link. The server answers the same whether or not the
// address has an account, and so does this page.
import { useState } from 'preact/hooks';
import { ApiError, api, describeError } from '../api';
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
      if (err instanceof ApiError && err.field === 'email') setFieldError('Enter your e-mail address, like ana@example.com.');
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="narrow">
      <PageHeading>Forgot your password?</PageHeading>
      {sent ? (
        <>
          <Notice>
            If an account has the address {email}, a link to choose a new password is on its way. It works for one hour.
          </Notice>
          <p>
            No mail after a few minutes? Look in your junk folder, or ask your administrator. <a href="/">Back to sign-in</a>
          </p>
        </>
      ) : (
        <form onSubmit={submit}>
          <p>Enter the address you sign in with, and we will mail you a link to choose a new password.</p>
          <Field id="forgot-email" label="E-mail" type="email" value={email} onInput={setEmail} autocomplete="username" required error={fieldError} />
          <Alert message={error} />
          <button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Send me a link'}
          </button>
          <p>
            <a href="/">Back to sign-in</a>
          </p>
        </form>
      )}
    </main>
  );
}

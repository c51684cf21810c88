import { useState } from 'preact/hooks';
import { ApiError, api, describeError, type User, type Schemas } from '../api';
import { accountFormProblems, Alert, Field, PageHeading } from '../components';
import { useHashParam } from '../router';
import { t } from '../i18n/i18n';

// First-admin setup, reached through the one-time link the server prints on an empty
// database (the token is in the URL fragment and never sent anywhere but the API call).
export function SetupPage(props: { onDone: (s: { user: User; csrf_token: string }) => void }) {
  const token = useHashParam('token');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    // Everything the form can tell before sending, all at once.
    const problems = accountFormProblems({ name, email, password, confirm });
    if (Object.keys(problems).length > 0) {
      setFieldErrors(problems);
      document.getElementById(Object.keys(problems)[0])?.focus();
      return;
    }
    setBusy(true);
    try {
      const s = await api<Schemas['SignedIn']>('POST', '/api/v1/auth/setup', {
        token,
        email,
        display_name: name,
        password,
      });
      history.replaceState(null, '', '/');
      props.onDone(s);
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldErrors({ [err.field]: describeError(err) });
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="narrow">
      <PageHeading>{t('setup.heading')}</PageHeading>
      <p>{t('setup.explain')}</p>
      {!token && (
        <Alert message={t('setup.needs_link')} />
      )}
      <form onSubmit={submit} noValidate>
        <Field id="display_name" label={t('setup.your_name')} value={name} onInput={setName} autocomplete="name" required error={fieldErrors.display_name} />
        <Field id="email" label={t('profile.email')} type="email" value={email} onInput={setEmail} autocomplete="email" required error={fieldErrors.email} />
        <Field id="password" label={t('signin.password')} type="password" value={password} onInput={setPassword} autocomplete="new-password" required hint={t('setup.password_hint', { min: 8 })} error={fieldErrors.password} />
        <Field id="confirm" label={t('setup.repeat_password')} type="password" value={confirm} onInput={setConfirm} autocomplete="new-password" required error={fieldErrors.confirm} />
        <Alert message={error} />
        <button type="submit" disabled={busy}>
          {busy ? t('setup.creating') : t('setup.create')}
        </button>
      </form>
    </main>
  );
}

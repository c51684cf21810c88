import { useState } from 'preact/hooks';
import { ApiError, api, describeError, type User } from '../api';
import { accountFormProblems, Alert, Field, PageHeading } from '../components';
import { useHashParam } from '../router';

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
      const s = await api<{ user: User; csrf_token: string }>('POST', '/api/v1/auth/setup', {
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
      <PageHeading>Set up Agora</PageHeading>
      <p>Create the first administrator account. You can invite everyone else afterwards.</p>
      {!token && (
        <Alert message="This page needs the one-time setup link that the server prints when it starts on an empty database. Open that link, or paste it into the address bar." />
      )}
      <form onSubmit={submit} noValidate>
        <Field id="display_name" label="Your name" value={name} onInput={setName} autocomplete="name" required error={fieldErrors.display_name} />
        <Field id="email" label="E-mail" type="email" value={email} onInput={setEmail} autocomplete="email" required error={fieldErrors.email} />
        <Field id="password" label="Password" type="password" value={password} onInput={setPassword} autocomplete="new-password" required hint="At least 8 characters." error={fieldErrors.password} />
        <Field id="confirm" label="Repeat password" type="password" value={confirm} onInput={setConfirm} autocomplete="new-password" required error={fieldErrors.confirm} />
        <Alert message={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create admin account'}
        </button>
      </form>
    </main>
  );
}

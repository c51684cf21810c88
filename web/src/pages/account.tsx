import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, formatTime, type Page, type User } from '../api';
import { Alert, CopyButton, Field, Notice, PageHeading, SelectField } from '../components';
import { setLanguage, t } from '../i18n/i18n';
import { isLanguage, LANGUAGES } from '../i18n/languages';
import { TwoFactorSettings } from './two_factor_settings';
import { NotificationDelivery } from './notification_delivery';
import { deviceName } from '../device';
import { setThemeChoice, themeChoice, type ThemeChoice } from '../theme';

interface Token {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  token?: string;
}

interface Session {
  id: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}

export function AccountPage(props: { user: User; onSignedOut: () => void }) {
  return (
    <section>
      <PageHeading>{t('nav.account')}</PageHeading>
      <p>
        {props.user.display_name} · {props.user.email} · @{props.user.handle}
      </p>
      <LanguageSetting user={props.user} />
      <Appearance />
      <PasswordForm />
      <TwoFactorSettings />
      <NotificationDelivery />
      <Tokens />
      <Sessions onSignedOut={props.onSignedOut} />
    </section>
  );
}

// The language Agora speaks to this person: kept on their account, so every device follows.
// "As my browser asks" gives the choice back to the browser's languages (then the site's).
function LanguageSetting(props: { user: User }) {
  const [choice, setChoice] = useState(props.user.language ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const change = async (value: string) => {
    setChoice(value);
    setSaved(false);
    try {
      await api('PATCH', '/api/v1/me', { language: value || null });
      const next = value || (await api<{ language: string }>('GET', '/api/v1/auth/session')).language;
      if (isLanguage(next)) await setLanguage(next);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="language-heading">
      <h2 id="language-heading">{t('settings.language_heading')}</h2>
      <SelectField id="ui-language" label={t('settings.language_label')} value={choice} onChange={change}
        empty={t('settings.language_browser')} options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        hint={t('settings.language_hint')} />
      <p role="status">{saved ? t('settings.language_saved') : ''}</p>
      <Alert message={error} />
    </section>
  );
}

// Light, dark, or as the system says; kept on this device.
function Appearance() {
  const [choice, setChoice] = useState<ThemeChoice>(themeChoice());
  const pick = (c: ThemeChoice) => {
    setChoice(c);
    setThemeChoice(c);
  };
  const labels: Record<ThemeChoice, string> = { system: 'As the system is set', light: 'Light', dark: 'Dark' };
  return (
    <section class="card" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">Appearance</h2>
      <fieldset class="checks">
        <legend>Theme on this device</legend>
        {(['system', 'light', 'dark'] as const).map((c) => (
          <label class="check" key={c}>
            <input type="radio" name="theme" value={c} checked={choice === c} onChange={() => pick(c)} />
            {labels[c]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ field?: string; message?: string }>({});
  const [done, setDone] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldError({});
    setDone(false);
    try {
      await api('POST', '/api/v1/auth/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.field) setFieldError({ field: err.field, message: err.message });
      else setError(describeError(err));
    }
  };
  const errorFor = (f: string) => (fieldError.field === f ? fieldError.message : undefined);

  return (
    <form onSubmit={submit} aria-labelledby="password-heading" class="card">
      <h2 id="password-heading">Change password</h2>
      <Field id="current_password" label="Current password" type="password" value={current} onInput={setCurrent} autocomplete="current-password" required error={errorFor('current_password')} />
      <Field id="new_password" label="New password" type="password" value={next} onInput={setNext} autocomplete="new-password" required hint="At least 8 characters. Your other sign-ins will be ended." error={errorFor('new_password')} />
      <Alert message={error} />
      {done && <Notice>Password changed. Other sessions were signed out.</Notice>}
      <button type="submit">Change password</button>
    </form>
  );
}

function Tokens() {
  const [tokens, setTokens] = useState<Token[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Token | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    api<Page<Token>>('GET', '/api/v1/auth/tokens')
      .then((p) => setTokens(p.items))
      .catch((e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const t = await api<Token>('POST', '/api/v1/auth/tokens', { name });
      setCreated(t);
      setName('');
      load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const revoke = async (t: Token) => {
    setError(null);
    try {
      await api('DELETE', `/api/v1/auth/tokens/${t.id}`);
      if (created?.id === t.id) setCreated(null);
      load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p>Scripts use a token with <code>Authorization: Bearer …</code>. A token acts as you; revoke it when it is no longer needed.</p>
      <form onSubmit={create} class="inline">
        <Field id="token_name" label="Token name" value={name} onInput={setName} required hint="What will use it, e.g. “report script”." />
        <button type="submit">Create token</button>
      </form>
      {created?.token && (
        <div class="secret" role="status">
          <p>
            Copy the token <strong>{created.name}</strong> now. It will not be shown again.
          </p>
          <code data-testid="new-token">{created.token}</code> <CopyButton text={created.token} label="Copy the token" />
        </div>
      )}
      <Alert message={error} />
      {tokens.length === 0 ? (
        <p>You have no tokens.</p>
      ) : (
        <div class="table-scroll">
        <table>
          <caption class="visually-hidden">Your tokens</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{formatTime(t.created_at)}</td>
                <td>{formatTime(t.last_used_at)}</td>
                <td>
                  <button type="button" class="danger" onClick={() => revoke(t)} aria-label={`Revoke token ${t.name}`}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

function Sessions(props: { onSignedOut: () => void }) {
  const [sessions, setSessions] = useState<Session[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Page<Session>>('GET', '/api/v1/auth/sessions')
      .then((p) => setSessions(p.items))
      .catch((e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, []);
  const revoke = async (s: Session) => {
    try {
      await api('DELETE', `/api/v1/auth/sessions/${s.id}`);
      if (s.current) props.onSignedOut();
      else load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <section class="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <Alert message={error} />
      <ul class="sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <span>
              <span title={s.user_agent}>{deviceName(s.user_agent)}</span> · {s.ip} · last active {formatTime(s.last_seen_at)}
              {s.current && <strong> (this browser)</strong>}
            </span>
            <button type="button" class="secondary" onClick={() => revoke(s)}>
              {s.current ? 'Sign out here' : 'Sign out'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

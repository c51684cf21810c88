import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, describeError, formatTime, type Page, type User, type Schemas } from '../api';
import { Alert, CopyButton, Field, Notice, PageHeading, SelectField } from '../components';
import { setLanguage, t, tx } from '../i18n/i18n';
import { isLanguage, LANGUAGES } from '../i18n/languages';
import { TwoFactorSettings } from './two_factor_settings';
import { NotificationDelivery } from './notification_delivery';
import { FeedTokenSetting } from '../feed_address';
import { deviceName } from '../device';
import { setThemeChoice, themeChoice, type ThemeChoice } from '../theme';

type Token = Schemas['AccessToken'];
type NewToken = Schemas['NewAccessToken'];

type Session = Schemas['Session'];

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
      <FeedTokenSetting />
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
      const next = value || (await api<Schemas['SessionState']>('GET', '/api/v1/auth/session')).language;
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
  const labels: Record<ThemeChoice, string> = { system: t('theme.system'), light: t('theme.light'), dark: t('theme.dark') };
  return (
    <section class="card" aria-labelledby="appearance-heading">
      <h2 id="appearance-heading">{t('theme.heading')}</h2>
      <fieldset class="checks">
        <legend>{t('theme.legend')}</legend>
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
      if (err instanceof ApiError && err.field) setFieldError({ field: err.field, message: err.status === 422 && err.field === 'current_password' ? t('password.current_wrong') : describeError(err) });
      else setError(describeError(err));
    }
  };
  const errorFor = (f: string) => (fieldError.field === f ? fieldError.message : undefined);

  return (
    <form onSubmit={submit} aria-labelledby="password-heading" class="card">
      <h2 id="password-heading">{t('password.heading')}</h2>
      <Field id="current_password" label={t('password.current')} type="password" value={current} onInput={setCurrent} autocomplete="current-password" required error={errorFor('current_password')} />
      <Field id="new_password" label={t('link.new_password')} type="password" value={next} onInput={setNext} autocomplete="new-password" required hint={t('password.hint', { min: 8 })} error={errorFor('new_password')} />
      <Alert message={error} />
      {done && <Notice>{t('password.changed')}</Notice>}
      <button type="submit">{t('password.heading')}</button>
    </form>
  );
}

function Tokens() {
  const [tokens, setTokens] = useState<Token[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<NewToken | null>(null);
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
      const made = await api<NewToken>('POST', '/api/v1/auth/tokens', { name });
      setCreated(made);
      setName('');
      load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const revoke = async (token: Token) => {
    setError(null);
    try {
      await api('DELETE', `/api/v1/auth/tokens/${token.id}`);
      if (created?.id === token.id) setCreated(null);
      load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section class="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('tokens.heading')}</h2>
      <p>{tx('tokens.explain', { header: <code>Authorization: Bearer …</code> })}</p>
      <form onSubmit={create} class="inline">
        <Field id="token_name" label={t('tokens.name')} value={name} onInput={setName} required hint={t('tokens.name_hint')} />
        <button type="submit">{t('tokens.create')}</button>
      </form>
      {created?.token && (
        <div class="secret" role="status">
          <p>
            {tx('tokens.copy_now', { name: <strong>{created.name}</strong> })}
          </p>
          <code data-testid="new-token">{created.token}</code> <CopyButton text={created.token} label={t('tokens.copy')} />
        </div>
      )}
      <Alert message={error} />
      {tokens.length === 0 ? (
        <p>{t('tokens.none')}</p>
      ) : (
        <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{t('tokens.yours')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('directory.name')}</th>
              <th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.last_used')}</th>
              <th scope="col"><span class="visually-hidden">{t('tokens.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{formatTime(token.created_at)}</td>
                <td>{formatTime(token.last_used_at)}</td>
                <td>
                  <button type="button" class="danger" onClick={() => revoke(token)} aria-label={t('tokens.revoke_named', { name: token.name })}>
                    {t('tokens.revoke')}
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
      <h2 id="sessions-heading">{t('sessions.heading')}</h2>
      <Alert message={error} />
      <ul class="sessions">
        {sessions.map((s) => (
          <li key={s.id}>
            <span>
              <span title={s.user_agent}>{deviceName(s.user_agent)}</span> · {s.ip} · {t('sessions.last_active', { when: formatTime(s.last_seen_at) })}
              {s.current && <strong> ({t('sessions.this_browser')})</strong>}
            </span>
            <button type="button" class="secondary" onClick={() => revoke(s)}>
              {s.current ? t('sessions.sign_out_here') : t('shell.sign_out')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// People admin: provisioning by the identity provider (SCIM 2.0). The SCIM base URL to give
// the provider, its tokens (made here, shown once, revoked here), and when each was last used.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, formatTime, type Schemas, type Answer } from '../api';
import { Alert, Field } from '../components';
import { confirmAction } from '../confirm';
import { t, tx } from '../i18n/i18n';

type ScimToken = Schemas['ScimToken'];

export function AdminProvisioning() {
  const [tokens, setTokens] = useState<ScimToken[]>([]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Answer<'/api/v1/admin/scim-tokens', 'get'>>('GET', '/api/v1/admin/scim-tokens').then((r) => setTokens(r.items), (e) => setError(describeError(e)));
  useEffect(() => {
    load();
  }, []);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const made = await api<ScimToken & { token: string }>('POST', '/api/v1/admin/scim-tokens', { name });
      setSecret({ name: made.name, token: made.token });
      setName('');
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const revoke = async (token: ScimToken) => {
    if (!(await confirmAction({ title: t('scim.revoke_title', { name: token.name }), body: t('scim.revoke_body'), confirm: t('scim.revoke'), danger: true }))) return;
    setError(null);
    try {
      await api('DELETE', `/api/v1/admin/scim-tokens/${token.id}`);
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const base = `${window.location.origin}/scim/v2`;
  return (
    <section class="card" aria-labelledby="provisioning-heading" data-testid="admin-provisioning">
      <h2 id="provisioning-heading">{t('scim.heading')}</h2>
      <p>{tx('scim.intro', { base: <code>{base}</code> })}</p>
      {secret && (
        <div class="notice-box" role="status">
          <p>{t('scim.token_for', { name: secret.name })}</p>
          <p>
            <code class="secret" data-testid="scim-secret">{secret.token}</code>
          </p>
          <button type="button" class="secondary" onClick={() => navigator.clipboard?.writeText(secret.token)}>
            {t('common.copy')}
          </button>{' '}
          <button type="button" class="quiet" onClick={() => setSecret(null)}>
            {t('scim.done')}
          </button>
        </div>
      )}
      <form class="inline" onSubmit={create}>
        <Field id="scim_token_name" label={t('scim.provider')} value={name} onInput={setName} hint={t('scim.provider_hint')} required />
        <button type="submit">{t('scim.make')}</button>
      </form>
      <Alert message={error} />
      {tokens.length > 0 && (
        <ul class="plain-list">
          {tokens.map((token) => (
            <li key={token.id}>
              {t('scim.token_line', { name: token.name, made: formatTime(token.created_at) })},{' '}
              {token.last_used_at ? t('scim.last_used', { when: formatTime(token.last_used_at) }) : t('scim.not_used')}{' '}
              <button type="button" class="danger" onClick={() => revoke(token)} aria-label={t('scim.revoke_label', { name: token.name })}>
                {t('scim.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// People admin: provisioning by the identity provider (SCIM 2.0). The SCIM base URL to give
// the provider, its tokens (made here, shown once, revoked here), and when each was last used.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, formatTime } from '../api';
import { Alert, Field } from '../components';
import { confirmAction } from '../confirm';

interface ScimToken {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export function AdminProvisioning() {
  const [tokens, setTokens] = useState<ScimToken[]>([]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<{ items: ScimToken[] }>('GET', '/api/v1/admin/scim-tokens').then((r) => setTokens(r.items), (e) => setError(describeError(e)));
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
  const revoke = async (t: ScimToken) => {
    if (!(await confirmAction({ title: `Revoke the SCIM token "${t.name}"?`, body: 'The identity provider using it stops provisioning at once.', confirm: 'Revoke', danger: true }))) return;
    setError(null);
    try {
      await api('DELETE', `/api/v1/admin/scim-tokens/${t.id}`);
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };
  const base = `${window.location.origin}/scim/v2`;
  return (
    <section class="card" aria-labelledby="provisioning-heading" data-testid="admin-provisioning">
      <h2 id="provisioning-heading">Provisioning (SCIM)</h2>
      <p>
        Your identity provider (Entra ID, Okta, OneLogin…) can create, update and deactivate people here, and keep
        communities in step with its groups. Give it the SCIM base URL <code>{base}</code> and a token made below.
      </p>
      {secret && (
        <div class="notice-box" role="status">
          <p>
            The token for {secret.name}. Copy it now: it is not shown again.
          </p>
          <p>
            <code class="secret" data-testid="scim-secret">{secret.token}</code>
          </p>
          <button type="button" class="secondary" onClick={() => navigator.clipboard?.writeText(secret.token)}>
            Copy
          </button>{' '}
          <button type="button" class="quiet" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      <form class="inline" onSubmit={create}>
        <Field id="scim_token_name" label="Identity provider" value={name} onInput={setName} hint="For example: Entra ID" required />
        <button type="submit">Make a token</button>
      </form>
      <Alert message={error} />
      {tokens.length > 0 && (
        <ul class="plain-list">
          {tokens.map((t) => (
            <li key={t.id}>
              {t.name}: made {formatTime(t.created_at)}, {t.last_used_at ? `last used ${formatTime(t.last_used_at)}` : 'not used yet'}{' '}
              <button type="button" class="danger" onClick={() => revoke(t)} aria-label={`Revoke the SCIM token ${t.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// A real OpenID provider on loopback for the tests: npm oidc-provider (a certified
// implementation we did not write), with its development sign-in pages (any password; the
// login names the account) and the people a test gives it. Agora talks to it over real
// HTTP: discovery, authorization with PKCE, the token and userinfo endpoints, its keys and
// its end-session endpoint.
//
// The listener starts first (Agora's configuration needs the issuer), the provider itself
// once Agora's address is known (the client's redirect URIs name it). rotateKeys() puts a
// new provider with new signing keys behind the same issuer, as a provider rotating its keys.
import http from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { recordSecret } from './secrets.mjs';

function signingKeys() {
  const kid = `k-${randomBytes(4).toString('hex')}`;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return { kid, keys: [{ ...rsa, kid, use: 'sig', alg: 'RS256' }] };
}

// `people`: { login: { email, email_verified, name, job_title, department, manager_email, employee_type } }
export async function startOidc({ people = {}, clientId = 'agora', providerId = 'test' } = {}) {
  let handler = (req, res) => { res.statusCode = 503; res.end('not ready'); };
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const clientSecret = randomBytes(24).toString('hex');
  recordSecret(clientSecret);
  const requests = [];  // paths Agora (or a browser) asked for, for assertions
  let agoraBase = '';
  let current = null;

  function makeProvider() {
    const jwks = signingKeys();
    const provider = new Provider(issuer, {
      clients: [{
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${agoraBase}/api/v1/auth/sso/${providerId}/callback`],
        post_logout_redirect_uris: [`${agoraBase}/signin`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      }],
      jwks: { keys: jwks.keys },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      pkce: { required: () => true },  // Agora must send a verifier, and the right one
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['name', 'job_title', 'department', 'manager_email', 'employee_type'],
      },
      async findAccount(ctx, id) {
        const p = people[id];
        if (!p) return undefined;
        return { accountId: id, async claims() { return { sub: id, ...p }; } };
      },
      // First-party application: no consent screen (as Keycloak's "Consent required: off").
      async loadExistingGrant(ctx) {
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
        if (grantId) return ctx.oidc.provider.Grant.find(grantId);
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      renderError(ctx, out) {
        ctx.type = 'html';
        ctx.body = `<p>provider error: ${out.error}: ${out.error_description ?? ''}</p>`;
      },
    });
    provider.on('server_error', (ctx, err) => console.error('oidc-provider:', err));
    const callback = provider.callback();
    current = { provider, kid: jwks.kid };
    handler = (req, res) => {
      requests.push(req.url.split('?')[0]);
      callback(req, res);
    };
  }

  return {
    issuer,
    clientId,
    clientSecret,
    providerId,
    people,
    requests,
    get kid() { return current?.kid; },
    // Agora's address, once it runs: the provider starts now.
    attach(base) {
      agoraBase = base;
      makeProvider();
    },
    rotateKeys() { makeProvider(); },
    // The [oidc.<id>] table for Agora's configuration file.
    config(extra = {}) {
      const lines = [`[oidc.${providerId}]`, `name = "Test Identity"`, `issuer = "${issuer}"`, `client_id = "${clientId}"`,
        `client_secret = "${clientSecret}"`, 'claim_title = "job_title"', 'claim_department = "department"',
        'claim_manager = "manager_email"'];
      for (const [k, v] of Object.entries(extra)) lines.push(`${k} = ${JSON.stringify(v)}`);
      return lines.join('\n') + '\n';
    },
    close() { return new Promise((r) => { server.closeAllConnections?.(); server.close(r); }); },
  };
}

// Each Set-Cookie header of a response. Node 18 (Debian 12's) has no Headers.getSetCookie:
// there the joined header is split at commas that begin a new "name=" (an Expires date's
// comma is followed by a day number and a space, never by "name=").
function setCookieLines(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  return joined ? joined.split(/,(?=\s*[A-Za-z0-9_.!#$%&'*+^`|~-]+=)/).map((s) => s.trim()) : [];
}

// A browser without a browser, for the redirect flow: follows redirects by hand across
// Agora and the provider, keeps each host's cookies, and fills in the provider's sign-in
// form. Returns the last response (Agora's redirect after its callback) and the cookie jar.
export class RedirectWalker {
  constructor() {
    this.jar = new Map();  // host -> Map(name -> value)
    this.visited = [];
  }
  cookieHeader(url) {
    const c = this.jar.get(new URL(url).host);
    if (!c) return '';
    const path = new URL(url).pathname;
    return [...c.entries()].filter(([, v]) => v.value && path.startsWith(v.path)).map(([k, v]) => `${k}=${v.value}`).join('; ');
  }
  keep(url, res) {
    const host = new URL(url).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    for (const line of setCookieLines(res.headers)) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired || !value) this.jar.get(host).delete(name);
      else this.jar.get(host).set(name, { value, path });
      if (name.startsWith('agora_')) recordSecret(value);
    }
  }
  async request(url, { method = 'GET', form } = {}) {
    const headers = {};
    const cookie = this.cookieHeader(url);
    if (cookie) headers.Cookie = cookie;
    let body;
    if (form) {
      body = new URLSearchParams(form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.keep(url, res);
    this.visited.push(`${res.status} ${url.split('?')[0]}`);
    return res;
  }
  // Follows redirects from `url` until a page that is not a redirect, or until the next URL
  // satisfies `stopBefore` (then { location } is that URL, not requested).
  async follow(url, { stopBefore, method, form } = {}) {
    let res = await this.request(url, { method, form });
    for (let hops = 0; hops < 20; hops++) {
      if (res.status < 300 || res.status >= 400) return { res, url, text: await res.text() };
      const next = new URL(res.headers.get('location'), url).toString();
      if (stopBefore?.(next)) return { res, url, location: next };
      url = next;
      res = await this.request(url);
    }
    throw new Error(`too many redirects: ${this.visited.join(' -> ')}`);
  }
  // The session cookie Agora gave this browser, as a Client's cookie.
  agoraCookie(base) {
    const v = this.jar.get(new URL(base).host)?.get('agora_session')?.value;
    return v ? `agora_session=${v}` : '';
  }
}

// The action of the first form on a provider page (its sign-in or sign-out form).
export function formAction(page) {
  const action = page.text.match(/<form[^>]*action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`no form at ${page.url}: ${page.text.slice(0, 300)}`);
  return new URL(action.replace(/&amp;/g, '&'), page.url).toString();
}

// A hidden input's value on a provider page.
export function hiddenInput(page, name) {
  return page.text.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];
}

// Single sign-on with OpenID Connect, through the real binary and a real provider (npm
// oidc-provider on loopback): the redirect flow with PKCE, state and nonce; accounts made at
// the first sign-in (member or guest by the rules), matched by verified e-mail, kept up to
// date from claims; refusals (cancelled, replayed, another browser, unverified e-mail,
// deactivated); single logout through the provider; rotated keys; passwords turned off.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { RedirectWalker, formAction, hiddenInput, startOidc } from '../support/oidc.mjs';

const people = {
  boss: { email: 'boss@example.com', email_verified: true, name: 'Björn Boss' },
  ana: { email: 'ana@example.com', email_verified: true, name: 'Ana Ångström', job_title: 'Geologist', department: 'Exploration', manager_email: 'boss@example.com' },
  maria: { email: 'Maria@Example.com', email_verified: true, name: 'Мария Иванова' },
  pat: { email: 'pat@partner.org', email_verified: true, name: 'Pat Partner' },
  con: { email: 'con@example.com', email_verified: true, name: 'Con Tractor', employee_type: 'contractor' },
  eve: { email: 'eve@example.com', email_verified: false, name: 'Eve Unverified' },
  dan: { email: 'dan@example.com', email_verified: true, name: 'Dan Gone' },
};

const isCallback = (u) => new URL(u).pathname === '/api/v1/auth/sso/test/callback';

// Begins a sign-in in `walker` and stops before the provider sends the browser back to Agora.
async function toCallback(server, walker, login, returnTo = '/') {
  const start = `${server.url}/api/v1/auth/sso/test/start?return_to=${encodeURIComponent(returnTo)}`;
  let r = await walker.follow(start, { stopBefore: isCallback });
  if (!r.location) {
    assert.match(r.text, /name="login"/, `expected the provider's sign-in page, got ${r.text.slice(0, 200)}`);
    r = await walker.follow(formAction(r), { method: 'POST', form: { prompt: 'login', login, password: 'any' }, stopBefore: isCallback });
  }
  assert.ok(r.location, `no way back to Agora: ${walker.visited.join(' -> ')}`);
  return r.location;
}

// The whole sign-in: returns where Agora sent the browser, and a signed-in client when it did.
async function signIn(server, walker, login, returnTo = '/') {
  const callback = await toCallback(server, walker, login, returnTo);
  const res = await walker.request(callback);
  assert.equal(res.status, 302);
  const location = res.headers.get('location');
  const client = new Client(server.url);
  client.cookie = walker.agoraCookie(server.url);
  if (client.cookie) {
    const s = await client.get('/api/v1/auth/session');
    assert.equal(s.status, 200, s.text);
    client.csrf = s.json.csrf_token;
    client.user = s.json.user;
  }
  return { location, client };
}

describe('single sign-on with OpenID Connect', () => {
  let oidc;
  let server;
  let admin;
  const created = {};
  before(async () => {
    oidc = await startOidc({ people });
    server = await startServer({ config: oidc.config({ member_domains: 'example.com', guest_claim: 'employee_type=contractor' }) });
    oidc.attach(server.url);
    admin = await setupAdmin(server);
    for (const key of ['boss', 'maria', 'dan']) {
      const r = await admin.post('/api/v1/admin/users', { email: people[key].email.toLowerCase(), display_name: key });
      assert.equal(r.status, 201, r.text);
      created[key] = r.json;
    }
  });
  after(async () => {
    await server.stop();
    await oidc.close();
  });

  test('the sign-in page learns the providers and that passwords work', async () => {
    const r = await new Client(server.url).get('/api/v1/auth/providers');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.items, [{ id: 'test', name: 'Test Identity', start_url: '/api/v1/auth/sso/test/start' }]);
    assert.equal(r.json.password, true);
    assertProblem(assert, await new Client(server.url).get('/api/v1/auth/sso/nope/start'), 404);
  });

  test('the start sends the browser to the provider with PKCE, state and nonce', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/sso/test/start?return_to=/people`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const to = new URL(res.headers.get('location'));
    assert.equal(to.origin, oidc.issuer);
    assert.equal(to.searchParams.get('client_id'), 'agora');
    assert.equal(to.searchParams.get('response_type'), 'code');
    assert.equal(to.searchParams.get('code_challenge_method'), 'S256');
    assert.match(to.searchParams.get('code_challenge'), /^[\w-]{43}$/);
    assert.match(to.searchParams.get('state'), /^[\w-]{40,}$/);
    assert.match(to.searchParams.get('nonce'), /^[\w-]{40,}$/);
    assert.equal(to.searchParams.get('redirect_uri'), `${server.url}/api/v1/auth/sso/test/callback`);
    assert.match(res.headers.get('set-cookie'), /agora_sso=[\w-]+; Path=\/api\/v1\/auth\/sso; Max-Age=600; HttpOnly; SameSite=Lax/);
  });

  test('someone new gets an account at the first sign-in, with what the provider knows of them', async () => {
    const walker = new RedirectWalker();
    const { location, client } = await signIn(server, walker, 'ana', '/communities?tab=mine');
    assert.equal(location, '/communities?tab=mine');
    assert.equal(client.user.email, 'ana@example.com');
    assert.equal(client.user.display_name, 'Ana Ångström');
    assert.equal(client.user.role, 'member');
    const profile = await client.get(`/api/v1/people/${client.user.handle}`);
    assert.equal(profile.json.title, 'Geologist');
    assert.equal(profile.json.department, 'Exploration');
    assert.equal(profile.json.manager.id, created.boss.id);
    // The code was exchanged at the token endpoint, the signature checked with the published
    // keys, and the claims the token lacked read from userinfo.
    for (const path of ['/token', '/jwks', '/me']) assert.ok(oidc.requests.includes(path), `${path} in ${oidc.requests}`);
    // The browser's binding cookie is gone; the account counts as activated (no invitation to send).
    assert.equal(walker.jar.get(new URL(server.url).host).has('agora_sso'), false);
    assert.equal(client.user.activated, true);
    // A later change at the provider reaches the profile at the next sign-in.
    people.ana.job_title = 'Chief Geologist';
    const again = await signIn(server, new RedirectWalker(), 'ana');
    assert.equal(again.client.user.id, client.user.id);
    assert.equal((await again.client.get(`/api/v1/people/${client.user.handle}`)).json.title, 'Chief Geologist');
  });

  test('an existing account is found by its verified e-mail, whatever its case', async () => {
    const { client } = await signIn(server, new RedirectWalker(), 'maria');
    assert.equal(client.user.id, created.maria.id);
    assert.equal(client.user.display_name, 'Мария Иванова');
    const listed = await admin.get(`/api/v1/admin/users?q=maria`);
    assert.equal(listed.json.items.find((u) => u.id === created.maria.id).activated, true);
  });

  test('addresses outside member_domains, and people with the guest claim, become guests', async () => {
    assert.equal((await signIn(server, new RedirectWalker(), 'pat')).client.user.role, 'guest');
    assert.equal((await signIn(server, new RedirectWalker(), 'con')).client.user.role, 'guest');
  });

  test('an address the provider does not vouch for signs nobody in', async () => {
    const { location, client } = await signIn(server, new RedirectWalker(), 'eve');
    assert.equal(location, '/signin?sso_error=no_account&provider=test');
    assert.equal(client.cookie, '');
  });

  test('a deactivated account does not get in', async () => {
    assert.equal((await admin.patch(`/api/v1/admin/users/${created.dan.id}`, { active: false })).status, 200);
    const { location } = await signIn(server, new RedirectWalker(), 'dan');
    assert.equal(location, '/signin?sso_error=deactivated&provider=test');
  });

  test('a way back works once, only in the browser that began the sign-in', async () => {
    const walker = new RedirectWalker();
    const callback = await toCallback(server, walker, 'ana');
    // Sent to someone else (a login CSRF): refused, and that sign-in is used up.
    const stranger = new RedirectWalker();
    const res = await stranger.request(callback);
    assert.equal(res.headers.get('location'), '/signin?sso_error=expired&provider=test');
    assert.equal(stranger.agoraCookie(server.url), '');
    const late = await walker.request(callback);
    assert.equal(late.headers.get('location'), '/signin?sso_error=expired&provider=test');

    // A fresh one works once; replayed, it is refused.
    const walker2 = new RedirectWalker();
    const fresh = await toCallback(server, walker2, 'ana');
    assert.equal((await walker2.request(fresh)).headers.get('location'), '/');
    assert.equal((await walker2.request(fresh)).headers.get('location'), '/signin?sso_error=expired&provider=test');
  });

  test('cancelling at the provider comes back as cancelled', async () => {
    const walker = new RedirectWalker();
    const page = await walker.follow(`${server.url}/api/v1/auth/sso/test/start`, { stopBefore: isCallback });
    const abort = page.text.match(/href="([^"]*\/abort)"/)?.[1];
    assert.ok(abort, page.text.slice(0, 500));
    const back = await walker.follow(new URL(abort, page.url).toString(), { stopBefore: isCallback });
    assert.match(back.location, /error=access_denied/);
    const res = await walker.request(back.location);
    assert.equal(res.headers.get('location'), '/signin?sso_error=cancelled&provider=test');
  });

  test('signing out ends the provider session too, then the provider asks again', async () => {
    const walker = new RedirectWalker();
    const { client } = await signIn(server, walker, 'ana');
    const out = await client.post('/api/v1/auth/logout', {});
    assert.equal(out.status, 200, out.text);
    const end = new URL(out.json.end_session_url);
    assert.equal(end.origin + end.pathname, `${oidc.issuer}/session/end`);
    assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${server.url}/signin`);
    assert.equal((await client.get('/api/v1/me')).status, 401);
    // The provider asks to confirm, then sends the browser to Agora's sign-in page.
    const confirm = await walker.follow(out.json.end_session_url);
    const back = await walker.follow(formAction(confirm), {
      method: 'POST', form: { xsrf: hiddenInput(confirm, 'xsrf'), logout: 'yes' }, stopBefore: (u) => u.startsWith(server.url),
    });
    assert.equal(back.location, `${server.url}/signin`);
    // No provider session any more: its sign-in page again.
    const again = await walker.follow(`${server.url}/api/v1/auth/sso/test/start`, { stopBefore: isCallback });
    assert.match(again.text, /name="login"/);
    // A password session signs out with 204 as before.
    const local = new Client(server.url);
    assert.equal((await local.login('admin@example.com', 'admin-password-1')).status, 200);
    assert.equal((await local.post('/api/v1/auth/logout', {})).status, 204);
  });

  test('keys the provider rotates are picked up', async () => {
    const before = oidc.kid;
    oidc.rotateKeys();
    assert.notEqual(oidc.kid, before);
    const jwksBefore = oidc.requests.filter((p) => p === '/jwks').length;
    const { client, location } = await signIn(server, new RedirectWalker(), 'ana');
    assert.equal(location, '/', server.stderr().split('\n').filter((l) => l.includes('refused')).join('\n'));
    assert.equal(client.user.email, 'ana@example.com');
    assert.equal(oidc.requests.filter((p) => p === '/jwks').length, jwksBefore + 1);
  });
});

describe('password sign-in turned off', () => {
  let oidc;
  let server;
  before(async () => {
    oidc = await startOidc({ people });
    server = await startServer({
      config: `[auth]\nlocal_passwords = false\nbreak_glass_admin = "admin@example.com"\n\n${oidc.config({ create_accounts: false })}`,
    });
    oidc.attach(server.url);
  });
  after(async () => {
    await server.stop();
    await oidc.close();
  });

  test('only the break-glass admin signs in with a password; others use the provider', async () => {
    const admin = await setupAdmin(server);
    const r = await admin.post('/api/v1/admin/users', { email: 'boss@example.com', display_name: 'Boss', password: 'boss-password-1' });
    assert.equal(r.status, 201);
    assertProblem(assert, await new Client(server.url).login('boss@example.com', 'boss-password-1'), 403, { field: 'password_sign_in' });
    assert.equal((await new Client(server.url).login('admin@example.com', 'admin-password-1')).status, 200);
    assert.equal((await new Client(server.url).get('/api/v1/auth/providers')).json.password, false);
    assert.equal((await signIn(server, new RedirectWalker(), 'boss')).client.user.id, r.json.id);
    // create_accounts = false: someone unknown is not let in.
    assert.equal((await signIn(server, new RedirectWalker(), 'ana')).location, '/signin?sso_error=no_account&provider=test');
  });
});

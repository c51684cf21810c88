// Sign-in, sessions, CSRF, personal access tokens and password change through the real binary.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

describe('authentication', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ env: { AGORA_AUTH_LOGIN_FREE_ATTEMPTS: '3' } });
    admin = await setupAdmin(server);
    const r = await admin.post('/api/v1/admin/users', {
      email: 'Member@Example.com', display_name: 'Mia Member', role: 'member', password: 'member-password-1',
    });
    assert.equal(r.status, 201, r.text);
  });
  after(() => server.stop());

  test('setup link works once and the setup endpoint then refuses', async () => {
    const status = await new Client(server.url).get('/api/v1/auth/setup');
    assert.deepEqual(status.json, { needed: false });
    const again = await new Client(server.url).post('/api/v1/auth/setup', {
      token: server.setupToken, email: 'x@example.com', display_name: 'X', password: 'password-123',
    });
    assertProblem(assert, again, 403);
  });

  test('sign-in sets an HttpOnly SameSite=Lax cookie and returns the user and CSRF token', async () => {
    const c = new Client(server.url);
    const r = await c.login('member@EXAMPLE.com', 'member-password-1');
    assert.equal(r.status, 200, r.text);
    assert.match(r.setCookie, /agora_session=[\w-]{40,}/);
    assert.match(r.setCookie, /HttpOnly/);
    assert.match(r.setCookie, /SameSite=Lax/);
    assert.ok(r.json.csrf_token.length >= 40);
    assert.equal(r.json.user.email, 'Member@Example.com');
    const me = await c.get('/api/v1/me');
    assert.equal(me.status, 200);
    for (const k of ['id', 'email', 'handle', 'display_name', 'role']) assert.ok(k in me.json, k);
    assert.equal(typeof me.json.id, 'string', 'ids are strings in JSON');
    assert.equal(me.json.role, 'member');
  });

  test('the session is an answer either way: the person and CSRF token, or user null when signed out', async () => {
    const c = new Client(server.url);
    await c.login('member@example.com', 'member-password-1');
    const signedIn = await c.get('/api/v1/auth/session');
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.json.user.email, 'Member@Example.com');
    assert.equal(signedIn.json.credential, 'session');
    assert.ok(signedIn.json.csrf_token.length >= 40);
    const out = await new Client(server.url).get('/api/v1/auth/session');
    assert.equal(out.status, 200, 'signed out is not an error (no failed request in the console)');
    assert.equal(out.json.user, null);
    assert.equal(out.json.credential, null);
    assert.equal(out.json.csrf_token, undefined);
    const forged = await fetch(`${server.url}/api/v1/auth/session`, { headers: { Cookie: 'agora_session=forged-and-long-enough-to-look-real-0123456789' } });
    assert.equal((await forged.json()).user, null);
    assert.equal((await new Client(server.url).get('/api/v1/me')).status, 401, 'other reads still need a sign-in');
  });

  test('unknown e-mail and wrong password get the same 401', async () => {
    const a = await new Client(server.url).login('nobody@example.com', 'member-password-1');
    const b = await new Client(server.url).login('member@example.com', 'wrong-password');
    assertProblem(assert, a, 401, { type: '/problems/unauthenticated' });
    assertProblem(assert, b, 401);
    assert.equal(a.json.detail, b.json.detail);
  });

  test('missing fields are 422 naming the field', async () => {
    const r = await new Client(server.url).post('/api/v1/auth/login', { email: 'a@b.c' });
    assertProblem(assert, r, 422, { type: '/problems/invalid-field', field: 'password' });
  });

  test('cookie-authenticated writes without the CSRF token are refused', async () => {
    const c = new Client(server.url);
    await c.login('member@example.com', 'member-password-1');
    const refused = await c.post('/api/v1/auth/tokens', { name: 'no csrf' }, { csrf: false });
    assertProblem(assert, refused, 403);
    const wrong = await c.post('/api/v1/auth/tokens', { name: 'bad csrf' }, { csrf: false, headers: { 'X-CSRF-Token': 'x'.repeat(43) } });
    assertProblem(assert, wrong, 403);
    const ok = await c.post('/api/v1/auth/tokens', { name: 'with csrf' });
    assert.equal(ok.status, 201, ok.text);
    const list = await c.get('/api/v1/auth/tokens');
    assert.deepEqual(list.json.items.map((t) => t.name), ['with csrf']);
  });

  test('personal access tokens: shown once, work as bearer without CSRF, revocable', async () => {
    const c = new Client(server.url);
    await c.login('member@example.com', 'member-password-1');
    const created = await c.post('/api/v1/auth/tokens', { name: 'script' });
    assert.equal(created.status, 201);
    assert.match(created.json.token, /^agp_[\w-]{43}$/);
    const listed = await c.get('/api/v1/auth/tokens');
    assert.ok(listed.json.items.every((t) => !('token' in t)), 'the secret is never listed');

    const script = new Client(server.url);
    script.token = created.json.token;
    const me = await script.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.email, 'Member@Example.com');
    const write = await script.post('/api/v1/auth/tokens', { name: 'made by a script' });
    assert.equal(write.status, 201, 'bearer writes need no CSRF token');

    const usedList = await c.get('/api/v1/auth/tokens');
    const used = usedList.json.items.find((t) => t.name === 'script');
    assert.ok(used.last_used_at, 'last use is recorded');

    const revoked = await c.delete(`/api/v1/auth/tokens/${created.json.id}`);
    assert.equal(revoked.status, 204);
    assertProblem(assert, await script.get('/api/v1/me'), 401);
    assertProblem(assert, await c.delete(`/api/v1/auth/tokens/${created.json.id}`), 404);
  });

  test('a wrong bearer token is 401 even on public routes', async () => {
    const c = new Client(server.url);
    c.token = 'agp_' + 'A'.repeat(43);
    assertProblem(assert, await c.get('/api/v1/auth/setup'), 401);
  });

  test('sessions can be listed and revoked; sign-out ends the session', async () => {
    const laptop = new Client(server.url);
    const phone = new Client(server.url);
    await laptop.login('member@example.com', 'member-password-1');
    await phone.login('member@example.com', 'member-password-1');
    const sessions = await laptop.get('/api/v1/auth/sessions');
    assert.ok(sessions.json.items.length >= 2);
    assert.equal(sessions.json.items.filter((s) => s.current).length, 1);
    const other = (await phone.get('/api/v1/auth/sessions')).json.items.find((s) => s.current);
    assert.equal((await laptop.delete(`/api/v1/auth/sessions/${other.id}`)).status, 204);
    assertProblem(assert, await phone.get('/api/v1/me'), 401);
    const out = await laptop.post('/api/v1/auth/logout');
    assert.equal(out.status, 204);
    assert.match(out.setCookie, /Max-Age=0/);
    assertProblem(assert, await laptop.get('/api/v1/me'), 401);
  });

  test('password change needs the current password and signs out other sessions', async () => {
    await admin.post('/api/v1/admin/users', { email: 'pw@example.com', display_name: 'Pat', password: 'first-password' });
    const a = new Client(server.url);
    const b = new Client(server.url);
    await a.login('pw@example.com', 'first-password');
    await b.login('pw@example.com', 'first-password');
    const wrong = await a.post('/api/v1/auth/password', { current_password: 'nope', new_password: 'second-password' });
    assertProblem(assert, wrong, 422, { field: 'current_password' });
    const weak = await a.post('/api/v1/auth/password', { current_password: 'first-password', new_password: 'short' });
    assertProblem(assert, weak, 422, { field: 'new_password' });
    const ok = await a.post('/api/v1/auth/password', { current_password: 'first-password', new_password: 'second-password' });
    assert.equal(ok.status, 204, ok.text);
    assert.equal((await a.get('/api/v1/me')).status, 200);
    assertProblem(assert, await b.get('/api/v1/me'), 401);
    assertProblem(assert, await new Client(server.url).login('pw@example.com', 'first-password'), 401);
    assert.equal((await new Client(server.url).login('pw@example.com', 'second-password')).status, 200);
  });

  test('repeated failed sign-ins are throttled with Retry-After', async () => {
    await admin.post('/api/v1/admin/users', { email: 'target@example.com', display_name: 'T', password: 'target-password' });
    const c = new Client(server.url);
    for (let i = 0; i < 4; i++) await c.login('target@example.com', `guess-${i}`);
    const limited = await c.login('target@example.com', 'target-password');
    assertProblem(assert, limited, 429, { type: '/problems/rate-limited' });
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    await new Promise((r) => setTimeout(r, 1100 * Number(limited.headers.get('retry-after'))));
    assert.equal((await c.login('target@example.com', 'target-password')).status, 200);
  });
});

// Two-factor sign-in with an authenticator app (TOTP), through the real binary: setting it up,
// signing in with a code or a recovery code, codes working once, an admin's reset, and the
// rule that admins must have it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { totp } from '../support/totp.mjs';

async function person(admin, server, email) {
  const r = await admin.post('/api/v1/admin/users', { email, display_name: email.split('@')[0], password: 'person-password-1' });
  assert.equal(r.status, 201, r.text);
  const c = new Client(server.url);
  assert.equal((await c.login(email, 'person-password-1')).status, 200);
  return { id: r.json.id, client: c };
}

// Turns two-factor sign-in on for a signed-in client; returns the secret and recovery codes.
async function turnOn(c) {
  const setup = await c.post('/api/v1/auth/two-factor/setup', { password: 'person-password-1' });
  assert.equal(setup.status, 200, setup.text);
  const enabled = await c.post('/api/v1/auth/two-factor/enable', { code: totp(setup.json.secret) });
  assert.equal(enabled.status, 200, enabled.text);
  return { secret: setup.json.secret, codes: enabled.json.recovery_codes, setup: setup.json };
}

describe('two-factor sign-in', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ env: { AGORA_MAIL_ORGANIZATION: 'Acme' } });
    admin = await setupAdmin(server);
  });
  after(() => server.stop());

  test('setting it up asks for the password, shows a QR code once, and checks a code', async () => {
    const { client } = await person(admin, server, 'tia@acme.example');
    assertProblem(assert, await client.post('/api/v1/auth/two-factor/setup', { password: 'wrong-password' }), 422, { field: 'password' });
    const setup = await client.post('/api/v1/auth/two-factor/setup', { password: 'person-password-1' });
    assert.equal(setup.status, 200);
    assert.match(setup.json.secret, /^[A-Z2-7]{32}$/);
    assert.match(setup.json.otpauth_uri, /^otpauth:\/\/totp\/Acme:tia@acme\.example\?secret=[A-Z2-7]+&issuer=Acme/);
    assert.match(setup.json.qr_svg, /^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    assertProblem(assert, await client.post('/api/v1/auth/two-factor/enable', { code: '000000' === totp(setup.json.secret) ? '111111' : '000000' }), 422, { field: 'code' });
    const on = await client.post('/api/v1/auth/two-factor/enable', { code: totp(setup.json.secret) });
    assert.equal(on.status, 200, on.text);
    assert.equal(on.json.recovery_codes.length, 10);
    assert.match(on.json.recovery_codes[0], /^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const status = await client.get('/api/v1/auth/two-factor');
    assert.deepEqual(status.json, { enabled: true, recovery_codes_left: 10, required: false });
    assert.equal((await client.get('/api/v1/me')).json.two_factor, true);
    assertProblem(assert, await client.post('/api/v1/auth/two-factor/setup', { password: 'person-password-1' }), 409);
  });

  test('signing in takes the password, then a code; a code works once; a recovery code works once', async () => {
    const { client } = await person(admin, server, 'uma@acme.example');
    const { secret, codes } = await turnOn(client);

    const c = new Client(server.url);
    const first = await c.post('/api/v1/auth/login', { email: 'uma@acme.example', password: 'person-password-1' });
    assert.equal(first.status, 202, first.text);
    assert.equal(first.json.two_factor_required, true);
    assert.ok(!/agora_session=[^;]/.test(first.setCookie ?? ''), 'no session before the code');
    assert.equal((await c.get('/api/v1/me')).status, 401);
    assertProblem(assert, await c.post('/api/v1/auth/login/code', { challenge: first.json.challenge, code: '12345x' }), 401);
    // The code the enable step used is spent; the next time step's code is accepted (drift).
    const code = totp(secret, { step: 1 });
    const done = await c.post('/api/v1/auth/login/code', { challenge: first.json.challenge, code });
    assert.equal(done.status, 200, done.text);
    c.csrf = done.json.csrf_token;
    assert.equal((await c.get('/api/v1/me')).status, 200);
    assertProblem(assert, await c.post('/api/v1/auth/login/code', { challenge: first.json.challenge, code: totp(secret) }), 404);

    const again = new Client(server.url);
    const second = await again.post('/api/v1/auth/login', { email: 'uma@acme.example', password: 'person-password-1' });
    // The same code twice is refused.
    assertProblem(assert, await again.post('/api/v1/auth/login/code', { challenge: second.json.challenge, code }), 401);
    const recovered = await again.post('/api/v1/auth/login/code', { challenge: second.json.challenge, code: codes[0].toUpperCase() });
    assert.equal(recovered.status, 200, recovered.text);
    assert.equal((await client.get('/api/v1/auth/two-factor')).json.recovery_codes_left, 9);

    const third = await new Client(server.url).post('/api/v1/auth/login', { email: 'uma@acme.example', password: 'person-password-1' });
    assertProblem(assert, await new Client(server.url).post('/api/v1/auth/login/code', { challenge: third.json.challenge, code: codes[0] }), 401);
  });

  test('five wrong codes end the challenge', async () => {
    const { client } = await person(admin, server, 'vic@acme.example');
    const { secret } = await turnOn(client);
    const c = new Client(server.url);
    const r = await c.post('/api/v1/auth/login', { email: 'vic@acme.example', password: 'person-password-1' });
    const wrong = totp(secret) === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) assertProblem(assert, await c.post('/api/v1/auth/login/code', { challenge: r.json.challenge, code: wrong }), 401);
    assertProblem(assert, await c.post('/api/v1/auth/login/code', { challenge: r.json.challenge, code: totp(secret, { step: 1 }) }), 404);
  });

  test('an admin resets it for someone who lost their phone; they are signed out; turning it off needs the password', async () => {
    const { id, client } = await person(admin, server, 'wes@acme.example');
    await turnOn(client);
    assert.equal((await admin.delete(`/api/v1/admin/users/${id}/two-factor`)).status, 204);
    assert.equal((await client.get('/api/v1/me')).status, 401, 'signed out');
    const c = new Client(server.url);
    assert.equal((await c.login('wes@acme.example', 'person-password-1')).status, 200, 'the password alone again');
    assertProblem(assert, await admin.delete(`/api/v1/admin/users/${id}/two-factor`), 409);

    await turnOn(c);
    assertProblem(assert, await c.post('/api/v1/auth/two-factor/disable', { password: 'nope-nope-nope' }), 422, { field: 'password' });
    assert.equal((await c.post('/api/v1/auth/two-factor/disable', { password: 'person-password-1' })).status, 204);
    assert.equal((await c.get('/api/v1/auth/two-factor')).json.enabled, false);
  });
});

describe('an admin requires two-factor sign-in for admins', () => {
  test('only an admin who uses it can require it; then admins without it are held at their settings', async () => {
    const server = await startServer();
    try {
      const admin = await setupAdmin(server);
      const other = await addPeople(server, admin, [['eve', 'admin', 'Eve Admin']]);
      assertProblem(assert, await admin.put('/api/v1/admin/security', { require_two_factor_for_admins: true }), 409, { field: 'require_two_factor_for_admins' });
      const setup = await admin.post('/api/v1/auth/two-factor/setup', { password: 'admin-password-1' });
      assert.equal((await admin.post('/api/v1/auth/two-factor/enable', { code: totp(setup.json.secret) })).status, 200);
      const on = await admin.put('/api/v1/admin/security', { require_two_factor_for_admins: true });
      assert.equal(on.status, 200, on.text);
      assert.deepEqual(on.json, { require_two_factor_for_admins: true, required_by_configuration: false });
      assertProblem(assert, await other.clients.eve.get('/api/v1/admin/users'), 403);
      assert.equal((await other.clients.eve.get('/api/v1/auth/two-factor')).json.required, true);
      assert.equal((await admin.get('/api/v1/admin/users')).status, 200);
      assertProblem(assert, await admin.put('/api/v1/admin/security', { require_two_factor_for_admins: 'yes' }), 422, { field: 'require_two_factor_for_admins' });
      assert.equal((await admin.put('/api/v1/admin/security', { require_two_factor_for_admins: false })).status, 200);
      assert.equal((await other.clients.eve.get('/api/v1/admin/users')).status, 200);
    } finally {
      await server.stop();
    }
  });
});

describe('two-factor sign-in required for admins', () => {
  test('an admin without it can reach only their own settings until it is on', async () => {
    const server = await startServer({ env: { AGORA_AUTH_REQUIRE_TWO_FACTOR_FOR_ADMINS: 'true' } });
    try {
      const admin = await setupAdmin(server);
      const refused = await admin.get('/api/v1/admin/users');
      assertProblem(assert, refused, 403);
      assert.match(refused.json.detail, /two-factor/);
      assert.equal((await admin.get('/api/v1/auth/two-factor')).json.required, true);
      const setup = await admin.post('/api/v1/auth/two-factor/setup', { password: 'admin-password-1' });
      assert.equal((await admin.post('/api/v1/auth/two-factor/enable', { code: totp(setup.json.secret) })).status, 200);
      assert.equal((await admin.get('/api/v1/admin/users')).status, 200);
    } finally {
      await server.stop();
    }
  });
});

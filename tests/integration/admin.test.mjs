// The admin user API and the `agora admin` command line, against one running server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, eventually, runCli, setupAdmin, startServer } from '../support/server.mjs';

describe('admin user management', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
  });
  after(() => server.stop());

  test('creates users; refuses duplicates and invalid fields naming the field', async () => {
    const r = await admin.post('/api/v1/admin/users', { email: 'guest@partner.org', display_name: 'Gus Guest', role: 'guest', password: 'guest-password' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.role, 'guest');
    assert.equal(r.json.handle, 'guest');
    assert.match(r.headers.get('location'), /^\/api\/v1\/admin\/users\/\d+$/);
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'GUEST@partner.org', display_name: 'Dup' }), 409, { field: 'email' });
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'x@example.com', display_name: 'X', role: 'king' }), 422, { field: 'role' });
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'bad', display_name: 'X' }), 422, { field: 'email' });
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'y@example.com', display_name: 7 }), 422, { field: 'display_name' });
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'z@example.com', display_name: 'Z', colour: 'red' }), 422, { field: 'colour' });
  });

  test('Idempotency-Key: a retried create returns the first result and creates once', async () => {
    const body = { email: 'retry@example.com', display_name: 'Retry Someone', role: 'member' };
    const headers = { 'Idempotency-Key': 'create-retry-1' };
    const first = await admin.post('/api/v1/admin/users', body, { headers });
    assert.equal(first.status, 201, first.text);
    const again = await admin.post('/api/v1/admin/users', body, { headers });
    assert.equal(again.status, 201);
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(again.headers.get('location'), first.headers.get('location'));
    const list = await admin.get('/api/v1/admin/users?q=retry');
    assert.equal(list.json.items.length, 1, 'created once');
    const other = await admin.post('/api/v1/admin/users', { ...body, display_name: 'Someone Else' }, { headers });
    assertProblem(assert, other, 422, { field: 'Idempotency-Key' });
    const badKey = await admin.post('/api/v1/admin/users', body, { headers: { 'Idempotency-Key': 'x'.repeat(300) } });
    assertProblem(assert, badKey, 422, { field: 'Idempotency-Key' });
    // Without a key, the same request is a new create: the e-mail now conflicts.
    assertProblem(assert, await admin.post('/api/v1/admin/users', body), 409, { field: 'email' });
  });

  test('guests and alumni can sign in and their role is recorded', async () => {
    const c = new Client(server.url);
    assert.equal((await c.login('guest@partner.org', 'guest-password')).status, 200);
    assert.equal((await c.get('/api/v1/me')).json.role, 'guest');
  });

  test('non-admins are refused with 403, anonymous with 401', async () => {
    await admin.post('/api/v1/admin/users', { email: 'plain@example.com', display_name: 'Plain', password: 'plain-password' });
    const c = new Client(server.url);
    await c.login('plain@example.com', 'plain-password');
    assertProblem(assert, await c.get('/api/v1/admin/users'), 403);
    assertProblem(assert, await c.post('/api/v1/admin/users', { email: 'q@example.com', display_name: 'Q' }), 403);
    assertProblem(assert, await new Client(server.url).get('/api/v1/admin/users'), 401);
  });

  test('lists users with cursor paging and a name filter', async () => {
    for (let i = 0; i < 5; i++) await admin.post('/api/v1/admin/users', { email: `page${i}@example.com`, display_name: `Page Person ${i}` });
    const seen = [];
    let cursor = null;
    do {
      const r = await admin.get(`/api/v1/admin/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.length <= 2);
      seen.push(...r.json.items.map((u) => u.email));
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length, 'no user twice');
    assert.ok(seen.includes('page4@example.com'));
    const filtered = await admin.get('/api/v1/admin/users?q=person');
    assert.equal(filtered.json.items.length, 5);
    assertProblem(assert, await admin.get('/api/v1/admin/users?cursor=forged'), 400);
    assertProblem(assert, await admin.get('/api/v1/admin/users?limit=1000'), 422, { field: 'limit' });
    assert.equal(filtered.json.total, 5);
  });

  test('the list filters by role and status, sorts by name or newest, and counts what matches', async () => {
    const made = {};
    for (const [key, name, role, password] of [['s-zoe', 'Sort Zoë', 'member', 'sort-password-1'], ['s-ake', 'Sort Åke', 'guest', 'sort-password-1'],
      ['s-bo', 'Sort bo', 'member', ''], ['s-cy', 'Sort Cy', 'alumnus', 'sort-password-1']]) {
      const r = await admin.post('/api/v1/admin/users', { email: `${key}@example.com`, display_name: name, role, ...(password ? { password } : {}) });
      assert.equal(r.status, 201, r.text);
      made[key] = r.json;
    }
    assert.equal((await admin.patch(`/api/v1/admin/users/${made['s-cy'].id}`, { active: false })).status, 200);
    const emails = (r) => r.json.items.map((u) => u.email.split('@')[0]);
    const byName = await admin.get('/api/v1/admin/users?q=sort&sort=name');
    assert.deepEqual(emails(byName), ['s-ake', 's-bo', 's-cy', 's-zoe'], 'by name, as the root collation sorts (Å with A)');
    assert.equal(byName.json.total, 4);
    const paged = [];
    let cursor = '';
    do {
      const r = await admin.get(`/api/v1/admin/users?q=sort&sort=name&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...emails(r));
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.deepEqual(paged, emails(byName), 'the name cursor pages in the same order');
    assert.deepEqual(emails(await admin.get('/api/v1/admin/users?q=sort&sort=newest')), ['s-cy', 's-bo', 's-ake', 's-zoe']);
    assert.deepEqual(emails(await admin.get('/api/v1/admin/users?q=sort&role=guest')), ['s-ake']);
    assert.deepEqual(emails(await admin.get('/api/v1/admin/users?q=sort&status=deactivated')), ['s-cy']);
    const waiting = await admin.get('/api/v1/admin/users?q=sort&status=not_activated');
    assert.deepEqual(emails(waiting), ['s-bo'], 'no password yet: cannot sign in');
    assert.equal(waiting.json.items[0].activated, false);
    assert.equal((await admin.get('/api/v1/admin/users?q=sort&status=active&role=member')).json.total, 2);
    for (const [param, value] of [['role', 'king'], ['status', 'asleep'], ['sort', 'age']])
      assertProblem(assert, await admin.get(`/api/v1/admin/users?${param}=${value}`), 422, { field: param });
  });

  test('role changes take effect on the next request', async () => {
    const created = await admin.post('/api/v1/admin/users', { email: 'rolly@example.com', display_name: 'Rolly', password: 'rolly-password' });
    const c = new Client(server.url);
    await c.login('rolly@example.com', 'rolly-password');
    assert.equal((await c.get('/api/v1/me')).json.role, 'member');
    const r = await admin.patch(`/api/v1/admin/users/${created.json.id}`, { role: 'alumnus' });
    assert.equal(r.status, 200, r.text);
    assert.equal((await c.get('/api/v1/me')).json.role, 'alumnus');
    assertProblem(assert, await admin.patch(`/api/v1/admin/users/${created.json.id}`, { active: 'no' }), 422, { field: 'active' });
    assertProblem(assert, await admin.patch('/api/v1/admin/users/999999', { role: 'member' }), 404);
    assertProblem(assert, await admin.patch('/api/v1/admin/users/not-an-id', { role: 'member' }), 404);
  });

  test('deactivation signs the person out everywhere and stops their tokens', async () => {
    const created = await admin.post('/api/v1/admin/users', { email: 'leaver@example.com', display_name: 'Lee', password: 'leaver-password' });
    const browser = new Client(server.url);
    await browser.login('leaver@example.com', 'leaver-password');
    const token = (await browser.post('/api/v1/auth/tokens', { name: 'cron' })).json.token;
    const script = new Client(server.url);
    script.token = token;
    assert.equal((await script.get('/api/v1/me')).status, 200);
    const r = await admin.patch(`/api/v1/admin/users/${created.json.id}`, { active: false });
    assert.equal(r.status, 200);
    assert.equal(r.json.active, false);
    assert.ok(r.json.deactivated_at);
    assertProblem(assert, await browser.get('/api/v1/me'), 401);
    assertProblem(assert, await script.get('/api/v1/me'), 401);
    assertProblem(assert, await new Client(server.url).login('leaver@example.com', 'leaver-password'), 403);
    const back = await admin.patch(`/api/v1/admin/users/${created.json.id}`, { active: true });
    assert.equal(back.json.active, true);
    assert.equal((await new Client(server.url).login('leaver@example.com', 'leaver-password')).status, 200);
  });

  test('an admin sets a password: the person can sign in with it and is signed out elsewhere', async () => {
    const created = await admin.post('/api/v1/admin/users', { email: 'nopass@example.com', display_name: 'No Pass' });
    assertProblem(assert, await new Client(server.url).login('nopass@example.com', 'anything-at-all'), 401);
    assertProblem(assert, await admin.patch(`/api/v1/admin/users/${created.json.id}`, { password: 'short' }), 422, { field: 'password' });
    assert.equal((await admin.patch(`/api/v1/admin/users/${created.json.id}`, { password: 'given-password-1' })).status, 200);
    const c = new Client(server.url);
    assert.equal((await c.login('nopass@example.com', 'given-password-1')).status, 200);
    assert.equal((await admin.patch(`/api/v1/admin/users/${created.json.id}`, { password: 'reset-password-2' })).status, 200);
    assertProblem(assert, await c.get('/api/v1/me'), 401);
    assert.equal((await new Client(server.url).login('nopass@example.com', 'reset-password-2')).status, 200);
    const cli = runCli(['admin', 'set-password', '--email', 'nopass@example.com', '--password-stdin'], { dataDir: server.dataDir, input: 'cli-password-3\n' });
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal((await new Client(server.url).login('nopass@example.com', 'cli-password-3')).status, 200);
  });

  test('the last active admin cannot be demoted or deactivated', async () => {
    const r = await admin.patch(`/api/v1/admin/users/${admin.user.id}`, { role: 'member' });
    assertProblem(assert, r, 409, { field: 'role' });
    assert.equal((await admin.get('/api/v1/me')).json.role, 'admin');
  });

  test('the command line manages accounts in the same database while the server runs', async () => {
    const created = runCli(['admin', 'create-user', '--email', 'cli@example.com', '--name', 'Cli Person', '--role', 'member', '--password-stdin'],
      { dataDir: server.dataDir, input: 'cli-password-1\n' });
    assert.equal(created.code, 0, created.stderr);
    const c = new Client(server.url);
    assert.equal((await c.login('cli@example.com', 'cli-password-1')).status, 200);
    assert.equal(runCli(['admin', 'set-role', '--email', 'cli@example.com', '--role', 'admin'], { dataDir: server.dataDir }).code, 0);
    assert.ok(await eventually(async () => (await c.get('/api/v1/me')).json.role === 'admin'), 'role change seen within the cache lifetime');
    const dup = runCli(['admin', 'create-user', '--email', 'CLI@example.com', '--name', 'Again'], { dataDir: server.dataDir });
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /already exists/);
    assert.equal(runCli(['admin', 'deactivate', '--email', 'cli@example.com'], { dataDir: server.dataDir }).code, 0);
    assert.ok(await eventually(async () => (await c.get('/api/v1/me')).status === 401), 'signed out within the cache lifetime');
    await new Promise((r) => setTimeout(r, 1100));  // every io thread's cached entry has ended
    for (let i = 0; i < 10; i++) assertProblem(assert, await c.get('/api/v1/me'), 401);
    const missing = runCli(['admin', 'deactivate', '--email', 'ghost@example.com'], { dataDir: server.dataDir });
    assert.equal(missing.code, 1);
  });
});

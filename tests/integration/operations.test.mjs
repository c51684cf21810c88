// Health, readiness, metrics, OpenAPI, static files, durability (kill -9), backup/restore,
// migrations and configuration errors.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, assertProblem, rawExchange, runCli, setupAdmin, startServer } from '../support/server.mjs';

describe('operations', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
  });
  after(() => server.stop());

  test('healthz, readyz and metrics', async () => {
    const c = new Client(server.url);
    assert.equal((await c.get('/healthz')).status, 200);
    const ready = await c.get('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.json.database, 'ok');
    await admin.get('/api/v1/me');
    const m = await c.get('/metrics');
    assert.match(m.headers.get('content-type'), /text\/plain/);
    assert.match(m.text, /agora_http_request_duration_seconds_count\{route="\/api\/v1\/me",method="GET",status="200"\} [1-9]/);
    assert.match(m.text, /agora_http_request_duration_seconds_bucket\{route="\/healthz",method="GET",status="200",le="\+Inf"\}/);
    assert.match(m.text, /agora_db_seconds_count\{mode="read"\} [1-9]/);
  });

  test('OpenAPI describes the routes', async () => {
    const doc = (await new Client(server.url).get('/api/v1/openapi.json')).json;
    assert.equal(doc.openapi, '3.1.0');
    for (const [path, method] of [['/api/v1/me', 'get'], ['/api/v1/auth/login', 'post'], ['/api/v1/auth/tokens/{id}', 'delete'],
      ['/api/v1/admin/users', 'get'], ['/api/v1/admin/users', 'post'], ['/api/v1/admin/users/{id}', 'patch']])
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
  });

  test('the web client is served with SPA fallback and cache headers', async () => {
    const c = new Client(server.url);
    const index = await c.get('/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /text\/html/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const deep = await c.get('/settings');
    assert.equal(deep.status, 200);
    assert.equal(deep.text, index.text);
    const asset = index.text.match(/\/assets\/[\w.-]+\.js/)?.[0];
    if (asset) {
      const js = await c.get(asset);
      assert.equal(js.status, 200);
      assert.match(js.headers.get('cache-control'), /immutable/);
      assert.match(js.headers.get('content-type'), /javascript/);
    }
    assertProblem(assert, await c.get('/missing-file.js'), 404);
    // Only files loaded from the web root exist: a dot-dot path never reaches the disk.
    for (const path of ['/../../etc/passwd', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const r = await rawExchange(server.port, [`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]);
      assert.doesNotMatch(r.data, /root:/, path);
    }
  });

  test('an acknowledged write survives kill -9', async () => {
    const s = await startServer();
    const a = await setupAdmin(s);
    const created = await a.post('/api/v1/admin/users', { email: 'durable@example.com', display_name: 'Dee', password: 'durable-pass' });
    assert.equal(created.status, 201);
    s.proc.kill('SIGKILL');
    await s.exited;
    const again = await startServer({ dataDir: s.dataDir });
    try {
      assert.equal((await new Client(again.url).login('durable@example.com', 'durable-pass')).status, 200);
      assert.equal(again.setupToken, undefined, 'no setup link once an account exists');
    } finally {
      await again.stop();
      rmSync(s.dataDir, { recursive: true, force: true });
    }
  });

  test('backup while serving, restore brings it back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-backup-'));
    try {
      await admin.post('/api/v1/admin/users', { email: 'before@example.com', display_name: 'Before' });
      const b = runCli(['backup', join(dir, 'copy.db')], { dataDir: server.dataDir });
      assert.equal(b.code, 0, b.stderr);
      await admin.post('/api/v1/admin/users', { email: 'after@example.com', display_name: 'After' });
      const r = runCli(['restore', join(dir, 'copy.db')], { dataDir: server.dataDir });
      assert.equal(r.code, 0, r.stderr);
      const list = await admin.get('/api/v1/admin/users?q=after');
      assert.equal(list.json.items.length, 0, 'the restored database is the backup');
      assert.equal((await admin.get('/api/v1/admin/users?q=before')).json.items.length, 1);
      writeFileSync(join(dir, 'junk.db'), 'not a database at all, definitely not');
      const bad = runCli(['restore', join(dir, 'junk.db')], { dataDir: server.dataDir });
      assert.equal(bad.code, 1);
      assert.equal((await admin.get('/api/v1/me')).status, 200, 'a refused restore changed nothing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('migrate, version and configuration errors on the command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-cli-'));
    try {
      const m = runCli(['migrate'], { dataDir: dir });
      assert.equal(m.code, 0, m.stderr);
      assert.match(runCli(['version']).stdout, /^agora \d+\.\d+\.\d+/);
      writeFileSync(join(dir, 'agora.toml'), '[http]\nlisen = "127.0.0.1:1"\n');
      const bad = runCli(['serve', '--config', join(dir, 'agora.toml')], { dataDir: dir });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /http\.lisen/);
      const env = runCli(['migrate'], { dataDir: dir, env: { AGORA_HTTP_LISTN: 'x' } });
      assert.equal(env.code, 1);
      assert.match(env.stderr, /AGORA_HTTP_LISTN/);
      for (const cmd of [['serve'], ['admin', 'create-user'], ['backup'], ['restore'], ['migrate'], ['version']]) {
        const help = runCli([...cmd, '--help']);
        assert.equal(help.code, 0, cmd.join(' '));
        assert.match(help.stdout, /--data/, cmd.join(' '));
        assert.match(help.stdout, /--config/, cmd.join(' '));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

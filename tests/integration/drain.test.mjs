// SIGTERM drains: the request in flight is answered, new connections are refused, and the
// process exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { Client, runCli, startServer } from '../support/server.mjs';

test('SIGTERM lets a request in flight finish, then exits 0', async () => {
  // "moderate" Argon2id takes most of a second per hash: a sign-in long enough to catch.
  const env = { AGORA_AUTH_PASSWORD_HASH: 'moderate' };
  const server = await startServer({ env });
  const created = runCli(['admin', 'create-user', '--email', 'slow@example.com', '--name', 'Slow', '--password-stdin'],
    { dataDir: server.dataDir, input: 'slow-password-1\n', env });
  assert.equal(created.code, 0, created.stderr);

  const started = Date.now();
  const login = new Client(server.url).login('slow@example.com', 'slow-password-1');
  await new Promise((r) => setTimeout(r, 150));
  server.proc.kill('SIGTERM');
  const res = await login;
  assert.equal(res.status, 200, `the request in flight was answered (${Date.now() - started} ms)`);

  const refused = await new Promise((resolve) => {
    const s = net.connect(server.port, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(false); });
    s.on('error', () => resolve(true));
  });
  assert.ok(refused, 'no new connections while draining');
  const { code } = await server.stop();
  assert.equal(code, 0);
});

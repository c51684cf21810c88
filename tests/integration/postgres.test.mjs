// What only PostgreSQL has: an outage of the database server while Agora runs, and
// `agora db copy` from an SQLite installation. Runs in the PostgreSQL pass of
// scripts/run-tests.sh (TEST_PG_SOCKET); the rest of the suite runs on both engines.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BINARY, Client, assertProblem, runCli, setupAdmin, startServer } from '../support/server.mjs';
import { onPostgres, psql } from '../support/database.mjs';

const script = resolve('scripts/pg-test-server.sh');
function pg(...args) {
  const r = spawnSync(script, args, { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, `pg-test-server.sh ${args[0]}: ${r.stderr}`);
  return r.stdout.trim();
}

async function waitFor(check, ms) {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('PostgreSQL', { skip: !onPostgres && 'runs in the PostgreSQL pass of make test' }, () => {
  test('while PostgreSQL is down: /readyz 503, requests get a 503 problem, and Agora recovers by itself', async () => {
    // A server of its own, so that stopping it disturbs no other test.
    const dir = mkdtempSync(join(tmpdir(), 'agora-pg-outage-'));
    chmodSync(dir, 0o755);  // as root, the cluster runs as the postgres user, who must reach it
    const cluster = join(dir, 'pg');
    pg('start', cluster, BINARY);
    const url = `host=${cluster} user=agora dbname=agora_template`;
    const server = await startServer({ env: { AGORA_DATABASE_URL: url } });
    try {
      const admin = await setupAdmin(server);
      assert.equal((await admin.post('/api/v1/admin/users', { email: 'one@example.com', display_name: 'One' })).status, 201);
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);

      pg('pause', cluster);
      assert.ok(await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 503, 10_000), '/readyz says 503');
      const started = Date.now();
      const write = await admin.post('/api/v1/admin/users', { email: 'two@example.com', display_name: 'Two' });
      assertProblem(assert, write, 503);
      const read = await admin.get('/api/v1/admin/users?q=one');
      assert.equal(read.status, 503, read.text);
      assert.ok(Date.now() - started < 15_000, 'answered, not hung');
      assert.equal(server.proc.exitCode, null, 'still running');

      pg('resume', cluster);
      assert.ok(await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 200, 20_000), '/readyz 200 again');
      const again = await admin.post('/api/v1/admin/users', { email: 'two@example.com', display_name: 'Two' });
      assert.equal(again.status, 201, again.text);
      assert.equal((await admin.get('/api/v1/admin/users?q=one')).json.items.length, 1, 'nothing was lost');
      assert.equal((await admin.get('/api/v1/me')).status, 200);
    } finally {
      await server.stop();
      pg('stop', cluster);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('agora db copy moves a seeded SQLite installation; every answer of a walk through it is the same after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-copy-'));
    const onSqlite = { AGORA_DATABASE_URL: '' };  // the source: the file in the data directory
    const target = `agora_copy_${process.pid}`;
    psql(`CREATE DATABASE ${target} ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0`);
    const targetUrl = `host=${process.env.TEST_PG_SOCKET} user=agora dbname=${target}`;
    try {
      const seeded = runCli(['seed', '--people', '300', '--posts', '1500', '--community-members', '120', '--community-posts', '200', '--seed', '5'],
        { dataDir: dir, env: onSqlite });
      assert.equal(seeded.code, 0, seeded.stderr);
      const created = runCli(['admin', 'create-user', '--email', 'admin@example.com', '--name', 'Admin', '--role', 'admin', '--password-stdin'],
        { dataDir: dir, env: onSqlite, input: 'admin-password-1\n' });
      assert.equal(created.code, 0, created.stderr);

      const walk = async (env) => {
        const server = await startServer({ dataDir: dir, env });
        try {
          const admin = new Client(server.url);
          assert.equal((await admin.login('admin@example.com', 'admin-password-1')).status, 200);
          const answers = {};
          const get = async (path) => {
            const r = await admin.get(path);
            assert.equal(r.status, 200, `${path}: ${r.text}`);
            answers[path] = r.json;
            return r.json;
          };
          for (const locale of ['sv', 'en', 'ru']) {
            let cursor = '';
            for (let page = 0; page < 4; page++) {
              const r = await get(`/api/v1/people?limit=100&locale=${locale}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
              cursor = r.next_cursor;
              if (!cursor) break;
            }
          }
          await get('/api/v1/people?q=an&limit=50');
          await get('/api/v1/people?expertise=kubernetes&limit=50');
          const people = (await get('/api/v1/people?limit=20')).items;
          for (const p of people.slice(0, 8)) {
            await get(`/api/v1/people/${p.id}`);
            await get(`/api/v1/people/${p.id}/reports`);
            await get(`/api/v1/people/${p.id}/communities`);
            await get(`/api/v1/feed?source=person:${p.id}&limit=20`);
          }
          const feed = await get('/api/v1/feed?limit=50');
          for (const item of feed.items.slice(0, 5)) {
            await get(`/api/v1/posts/${item.id}`);
            await get(`/api/v1/content/${item.id}/comments`);
            await get(`/api/v1/content/${item.id}/reactions`);
          }
          const communities = await get('/api/v1/communities?limit=50');
          for (const c of communities.items) {
            await get(`/api/v1/communities/${c.id}`);
            await get(`/api/v1/communities/${c.id}/members?limit=50`);
            await get(`/api/v1/feed?source=community:${c.id}&limit=20`);
          }
          await get('/api/v1/notifications');
          await get('/api/v1/admin/users?limit=50');
          return answers;
        } finally {
          await server.stop();
        }
      };

      const before = await walk(onSqlite);
      assert.ok(Object.keys(before).length > 40, 'a real walk');
      const copy = runCli(['db', 'copy', '--to', targetUrl], { dataDir: dir, env: onSqlite });
      assert.equal(copy.code, 0, copy.stderr);
      assert.match(copy.stdout, /copied \d+ rows in \d+ tables .*every table's row count matches/);
      assert.match(copy.stdout, /media files stay in/);
      assert.match(copy.stderr, /users\s+301 rows/, 'a line per table');
      const after = await walk({ AGORA_DATABASE_URL: targetUrl });
      for (const path of Object.keys(before)) assert.deepEqual(after[path], before[path], path);

      const again = runCli(['db', 'copy', '--to', targetUrl], { dataDir: dir, env: onSqlite });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /not empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

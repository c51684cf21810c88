// `agora seed`: a deterministic synthetic organization with the shape benchmarks rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, runCli, startServer } from '../support/server.mjs';

test('seed builds an organization: tree, countries, expertise, heavy-tailed follows; same seed, same result', async () => {
  const a = mkdtempSync(join(tmpdir(), 'agora-seed-'));
  const b = mkdtempSync(join(tmpdir(), 'agora-seed-'));
  try {
    const first = runCli(['seed', '--people', '600', '--seed', '7'], { dataDir: a });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /seeded 600 people \((\d+) levels\)/);
    assert.ok(Number(first.stdout.match(/\((\d+) levels\)/)[1]) >= 4, 'a reporting tree of some depth');
    const second = runCli(['seed', '--people', '600', '--seed', '7'], { dataDir: b });
    assert.equal(second.stdout.replace(/ in [\d.]+ s/, ''), first.stdout.replace(/ in [\d.]+ s/, ''), 'deterministic');
    const again = runCli(['seed', '--people', '10'], { dataDir: a });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already seeded/);

    const created = runCli(['admin', 'create-user', '--email', 'admin@example.com', '--name', 'Admin', '--role', 'admin', '--password-stdin'],
      { dataDir: a, input: 'admin-password-1\n' });
    assert.equal(created.code, 0, created.stderr);
    const server = await startServer({ dataDir: a });
    try {
      assert.equal(server.setupToken, undefined, 'a seeded site needs no setup');
      const admin = new Client(server.url);
      assert.equal((await admin.login('admin@example.com', 'admin-password-1')).status, 200);
      const everyone = [];
      let cursor = '';
      do {
        const r = await admin.get(`/api/v1/people?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        everyone.push(...r.json.items);
        cursor = r.json.next_cursor;
      } while (cursor);
      assert.equal(everyone.length, 601, 'the seeded people and the admin');
      assert.ok(new Set(everyone.map((p) => p.country)).size >= 10, 'many countries');
      assert.ok(everyone.some((p) => /[А-я]/.test(p.display_name)), 'Cyrillic names');
      assert.ok(everyone.some((p) => /[åäöø]/i.test(p.display_name)), 'Nordic names');
      const experts = await admin.get('/api/v1/people?expertise=kubernetes&limit=100');
      assert.ok(experts.json.items.length > 0, 'the most common tags are held by several people');
      const leader = (await admin.get('/api/v1/people?q=person')).json.items; // nobody is named "person"
      assert.equal(leader.length, 0);
      const followers = [];
      for (const p of everyone.slice(0, 40)) followers.push((await admin.get(`/api/v1/people/${p.id}`)).json.followers);
      const median = [...followers].sort((x, y) => x - y)[Math.floor(followers.length / 2)];
      const ceo = (await admin.get('/api/v1/people/person-0')).json;
      assert.equal(ceo.manager, null, 'person-0 leads the organization');
      assert.ok(ceo.followers > 2 * median, `a heavy tail: the leader has ${ceo.followers} followers, the median ${median}`);
      assert.ok((await admin.get('/api/v1/people/person-0/reports')).json.items.length >= 3);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

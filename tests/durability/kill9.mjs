// kill -9 trials: a write acknowledged to a client survives the server being killed
// (DESIGN.md "Storage"), and the database stays intact.
//
//   node tests/durability/kill9.mjs [TRIALS]              (default 100; BINARY=path/to/agora)
//   node tests/durability/kill9.mjs [TRIALS] --postgres   (the same on a throwaway PostgreSQL)
//
// Each trial starts the server on the same data directory, runs a mixed write load from
// eight people at once (posts, comments, reactions, follows, community joins and leaves,
// profile photos) for a random 0.3 to 2 s, kills the server with SIGKILL in the middle of
// it, runs `agora check` (SQLite's integrity and foreign-key checks; on PostgreSQL, that every
// table answers) on what is left,
// restarts, and checks that every write the clients had an answer for is there: created
// things exist, and each toggled state (a reaction, a follow, a membership, the photo) is
// the last one acknowledged. A toggle with a request still in flight when the server died
// may have gone either way, and is not checked until a later answer settles it. At the end
// every acknowledged write of all trials is checked once more. Exits 1 on any loss.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

process.env.TEST_AGORA_BINARY = process.env.BINARY ? resolve(process.env.BINARY) : process.env.TEST_AGORA_BINARY || resolve('build/agora');
// --postgres: a PostgreSQL cluster of its own (scripts/pg-test-server.sh), stopped at the end.
const postgres = process.argv.includes('--postgres');
const pgDir = postgres ? mkdtempSync(join(tmpdir(), 'agora-kill9-pg-')) : '';
if (postgres) {
  chmodSync(pgDir, 0o755);  // as root, the cluster runs as the postgres user
  const r = spawnSync(resolve('scripts/pg-test-server.sh'), ['start', join(pgDir, 'pg'), process.env.TEST_AGORA_BINARY], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`PostgreSQL did not start: ${r.stderr}`);
  process.env.TEST_PG_SOCKET = join(pgDir, 'pg');
  process.on('exit', () => {
    spawnSync(resolve('scripts/pg-test-server.sh'), ['stop', join(pgDir, 'pg')]);
    rmSync(pgDir, { recursive: true, force: true });
  });
}
const { Client, setupAdmin, startServer } = await import('../support/server.mjs');
const { databaseEnv } = await import('../support/database.mjs');
const { png } = await import('../support/images.mjs');

const TRIALS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100);
const WORKERS = 8;
const dataDir = mkdtempSync(join(tmpdir(), 'agora-kill9-'));
const env = { AGORA_HTTP_WRITES_PER_MINUTE: '0', AGORA_LOG_LEVEL: 'warn' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];

// What the clients were told. Created things by id; toggles by key, with the last
// acknowledged value and how many requests are still unanswered.
const created = { posts: new Map(), comments: new Map() };  // id -> { by, post }
const toggles = new Map();  // key -> { kind, by, target, value, pending, ambiguous, trial }
let trial = 0;

function toggle(key, fields) {
  if (!toggles.has(key)) toggles.set(key, { ...fields, value: undefined, pending: 0, ambiguous: false });
  return toggles.get(key);
}
async function send(t, value, request) {
  t.pending += 1;
  try {
    const r = await request();
    t.pending -= 1;
    if (r.status >= 200 && r.status < 300) Object.assign(t, { value, ambiguous: t.pending > 0, trial });
    return r;
  } catch (e) {
    throw e;  // the server died: this request stays pending (ambiguous)
  }
}

let people = [];     // { client (bearer), id }
let communities = [];

async function setUp() {
  const server = await startServer({ dataDir, env });
  const admin = await setupAdmin(server);
  for (let i = 0; i < WORKERS; i++) {
    const email = `p${i}@example.com`;
    const made = await admin.post('/api/v1/admin/users', { email, display_name: `Person ${i}`, role: 'member', password: 'kill9-password-1' });
    const c = new Client(server.url);
    await c.login(email, 'kill9-password-1');
    const token = (await c.post('/api/v1/auth/tokens', { name: 'kill9' })).json.token;
    const bearer = new Client(server.url);
    bearer.token = token;
    people.push({ client: bearer, id: made.json.id });
  }
  for (let i = 0; i < 3; i++) communities.push((await people[0].client.post('/api/v1/communities', { handle: `club${i}`, name: `Club ${i}`, type: 'open' })).json.id);
  await server.stop({ keepData: true });
}

// One worker's writes until the server dies.
async function work(me, stop) {
  const c = me.client;
  while (!stop.done) {
    const op = Math.random();
    const posts = [...created.posts.keys()];
    try {
      if (op < 0.3 || posts.length === 0) {
        const r = await c.post('/api/v1/posts', { body: `kill9 trial ${trial} by ${me.id} #durability`, audience: 'organization' });
        if (r.status === 201) created.posts.set(r.json.id, { by: me, trial });
      } else if (op < 0.5) {
        const post = pick(posts);
        const r = await c.post(`/api/v1/content/${post}/comments`, { body: `a comment in trial ${trial}` });
        if (r.status === 201) created.comments.set(r.json.id, { by: me, post, trial });
      } else if (op < 0.65) {
        const post = pick(posts);
        const t = toggle(`reaction ${me.id} ${post}`, { kind: 'reaction', by: me, target: post });
        const on = Math.random() < 0.7;
        await send(t, on ? 'like' : null, () => c.request(on ? 'PUT' : 'DELETE', `/api/v1/content/${post}/reactions/like`));
      } else if (op < 0.8) {
        const other = pick(people.filter((p) => p !== me));
        const t = toggle(`follow ${me.id} ${other.id}`, { kind: 'follow', by: me, target: other.id });
        const on = Math.random() < 0.6;
        await send(t, on, () => (on ? c.post(`/api/v1/people/${other.id}/follow`) : c.delete(`/api/v1/people/${other.id}/follow`)));
      } else if (op < 0.9) {
        const community = pick(communities);
        const t = toggle(`member ${me.id} ${community}`, { kind: 'member', by: me, target: community });
        const on = Math.random() < 0.6;
        await send(t, on, () => c.post(`/api/v1/communities/${community}/${on ? 'join' : 'leave'}`));
      } else {
        const t = toggle(`photo ${me.id}`, { kind: 'photo', by: me, target: me.id });
        // A new picture each time (its size), so the stored photo tells which upload won.
        const side = 16 + Math.floor(Math.random() * 200);
        let key;
        const r = await send(t, undefined, async () => {
          const res = await c.request('PUT', '/api/v1/people/me/photo', { raw: png(side, side + 1), headers: { 'Content-Type': 'image/png' } });
          key = res.json?.photo?.small?.split('?v=')[1];
          return res;
        });
        if (r.status === 200) t.value = key;
      }
    } catch {
      return;  // connection refused or reset: the server is gone
    }
  }
}

// Checks acknowledged writes (those of `onlyTrial`, or all); returns problems.
async function verify(onlyTrial) {
  const problems = [];
  const mine = (x) => onlyTrial === undefined || x.trial === onlyTrial;
  for (const [id, p] of created.posts) {
    if (!mine(p)) continue;
    const r = await p.by.client.get(`/api/v1/posts/${id}`);
    if (r.status !== 200) problems.push(`post ${id}: ${r.status}`);
  }
  const commentsOf = new Map();
  for (const [id, cm] of created.comments) {
    if (!mine(cm)) continue;
    if (!commentsOf.has(cm.post)) {
      const ids = new Set();
      let cursor = '';
      for (;;) {
        const r = await cm.by.client.get(`/api/v1/content/${cm.post}/comments?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        for (const item of r.json?.items ?? []) ids.add(item.id);
        if (!r.json?.next_cursor) break;
        cursor = r.json.next_cursor;
      }
      commentsOf.set(cm.post, ids);
    }
    if (!commentsOf.get(cm.post).has(id)) problems.push(`comment ${id} on ${cm.post}: missing`);
  }
  const membership = new Map();
  for (const t of toggles.values()) {
    if (t.ambiguous || t.pending > 0 || t.value === undefined || !mine(t)) continue;
    const c = t.by.client;
    if (t.kind === 'reaction') {
      const mineNow = (await c.get(`/api/v1/posts/${t.target}`)).json?.reactions?.mine ?? null;
      if (mineNow !== t.value) problems.push(`reaction of ${t.by.id} on ${t.target}: ${mineNow}, acknowledged ${t.value}`);
    } else if (t.kind === 'follow') {
      const now = (await c.get(`/api/v1/people/${t.target}`)).json?.followed_by_me;
      if (now !== t.value) problems.push(`follow ${t.by.id} -> ${t.target}: ${now}, acknowledged ${t.value}`);
    } else if (t.kind === 'member') {
      if (!membership.has(t.by.id)) {
        const list = (await c.get(`/api/v1/people/${t.by.id}/communities`)).json?.items ?? [];
        membership.set(t.by.id, new Set(list.map((x) => x.id)));
      }
      const now = membership.get(t.by.id).has(t.target);
      if (now !== t.value) problems.push(`membership of ${t.by.id} in ${t.target}: ${now}, acknowledged ${t.value}`);
    } else if (t.kind === 'photo') {
      const photo = (await c.get('/api/v1/people/me')).json;
      const profile = (await c.get(`/api/v1/people/${t.by.id}`)).json;
      const url = profile?.photo?.small;
      const key = url?.split('?v=')[1];
      if (key !== t.value) problems.push(`photo of ${t.by.id}: ${key}, acknowledged ${t.value}`);
      else if ((await c.get(url.replace(/^https?:\/\/[^/]+/, ''))).status !== 200) problems.push(`photo of ${t.by.id}: its file is missing`);
      void photo;
    }
  }
  return problems;
}

function check() {
  const env = { ...process.env, ...databaseEnv(dataDir) };
  const r = spawnSync(process.env.TEST_AGORA_BINARY, ['check', '--data', dataDir], { encoding: 'utf8', env });
  return r.status === 0 ? null : `agora check: ${r.stderr.trim()}`;
}

let failures = 0;
let writesAcked = 0;
await setUp();
const started = Date.now();
for (trial = 1; trial <= TRIALS; trial++) {
  const server = await startServer({ dataDir, env });
  for (const p of people) p.client.base = server.url;
  const stop = { done: false };
  const before = created.posts.size + created.comments.size;
  const load = Promise.all(people.map((p) => work(p, stop)));
  await sleep(300 + Math.random() * 1700);
  server.proc.kill('SIGKILL');
  await server.exited;
  stop.done = true;
  await load;
  for (const t of toggles.values()) if (t.pending > 0) Object.assign(t, { ambiguous: true, pending: 0 });
  const damaged = check();
  const again = await startServer({ dataDir, env });
  for (const p of people) p.client.base = again.url;
  const problems = await verify(trial);
  if (damaged) problems.unshift(damaged);
  await again.stop({ keepData: true });
  const acked = created.posts.size + created.comments.size - before;
  writesAcked += acked;
  if (problems.length) failures += 1;
  console.log(`trial ${String(trial).padStart(3)}: ${acked} creates acknowledged, ${problems.length ? `LOST ${problems.length}: ${problems.slice(0, 3).join('; ')}` : 'all there, integrity ok'}`);
}
const final = await startServer({ dataDir, env });
for (const p of people) p.client.base = final.url;
const sweep = await verify(undefined);
await final.stop({ keepData: true });
const toggled = [...toggles.values()].filter((t) => t.value !== undefined && !t.ambiguous).length;
console.log(`\n${TRIALS - failures} of ${TRIALS} trials kept every acknowledged write (${writesAcked} posts and comments, ${toggled} toggled states checked at the end) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(sweep.length ? `final sweep: ${sweep.length} problems: ${sweep.slice(0, 5).join('; ')}` : 'final sweep over all trials: nothing lost');
if (!sweep.length && !failures) rmSync(dataDir, { recursive: true, force: true });
else console.log(`data kept in ${dataDir}`);
process.exit(failures || sweep.length ? 1 : 0);

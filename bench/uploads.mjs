// Image uploads against the rest of the server (security review 2026-11-30, findings 1 and 20).
//
//   node bench/uploads.mjs [signin|memory|all]      (BINARY=path/to/agora to measure another build)
//
// signin: another person signs in every 250 ms with the real password cost (Argon2id
//   "interactive") while one member (1) sends UPLOADS (60) profile photos of 7000x7000
//   (49 megapixels) at once, as the review did, then (2) keeps UPLOADS in flight for
//   FLOOD_SECONDS (20), sending the next as soon as one is answered. Reports sign-in latency
//   alone and during each, and what the uploads were answered.
// memory: ROUNDS (5) rounds of 10 such photos from 5 people (two each at once), reporting the
//   server's resident memory once idle after each round, and its peak.
// The load is light on the client (a few requests at a time); what is measured is the server.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// The server helper reads the binary's path when it is loaded: set it first.
process.env.TEST_AGORA_BINARY = process.env.BINARY ? resolve(process.env.BINARY) : process.env.TEST_AGORA_BINARY || resolve('build/agora');
const { Client, setupAdmin, startServer } = await import('../tests/support/server.mjs');
const { encodePng } = await import('../tests/support/images.mjs');
const what = process.argv[2] ?? 'all';
const UPLOADS = Number(process.env.UPLOADS ?? 60);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 20);

// A large PNG that is small on the wire (stripes compress well), as the review sent.
function bigPng(size) {
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.fill((x * 7) & 0xff, 1 + x * 3, 4 + x * 3);
  return encodePng(size, size, Buffer.concat(Array.from({ length: size }, () => row)), { level: 9 });
}

const rssMiB = (pid) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(s.match(new RegExp(`${name}:\\s+(\\d+)`))[1]) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(0)} ms`;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

async function people(server, admin, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const email = `bench${i}@example.com`;
    const r = await admin.post('/api/v1/admin/users', { email, display_name: `Bench ${i}`, role: 'member', password: 'bench-password-1' });
    if (r.status !== 201) throw new Error(r.text);
    const c = new Client(server.url);
    if ((await c.login(email, 'bench-password-1')).status !== 200) throw new Error('sign-in failed');
    out.push(c);
  }
  return out;
}
const upload = (c, bytes) => c.request('PUT', '/api/v1/people/me/photo', { raw: bytes, headers: { 'Content-Type': 'image/png' } });

async function timedSignIn(server, email) {
  const t = performance.now();
  const r = await new Client(server.url).login(email, 'bench-password-1');
  return { ms: performance.now() - t, status: r.status };
}

// Sign-ins every 250 ms (at least five) while `flood` runs; their latencies.
async function signInsDuring(server, flood) {
  let done = false;
  flood.then(() => { done = true; });
  const during = [];
  let peak = 0;
  while (!done || during.length < 5) {
    const s = await timedSignIn(server, 'bench1@example.com');
    if (s.status !== 200) throw new Error(`sign-in answered ${s.status}`);
    during.push(s.ms);
    peak = Math.max(peak, rssMiB(server.proc.pid).hwm);
    await sleep(250);
  }
  return { during, peak };
}

async function signin(photo) {
  const server = await startServer({ env: { AGORA_AUTH_PASSWORD_HASH: 'interactive', AGORA_HTTP_WRITES_PER_MINUTE: '0', AGORA_LOG_LEVEL: 'warn' } });
  try {
    const admin = await setupAdmin(server);
    const [flooder] = await people(server, admin, 2);
    const alone = [];
    for (let i = 0; i < 10; i++) alone.push((await timedSignIn(server, 'bench1@example.com')).ms);
    console.log(`sign-in alone:                       p50 ${ms(pct(alone, 50))}, max ${ms(Math.max(...alone))} (${alone.length} sign-ins)`);

    // The review's case: UPLOADS photos sent at once.
    let started = performance.now();
    const burstStatuses = {};
    const burst = Promise.all(Array.from({ length: UPLOADS }, () => upload(flooder, photo).then((r) => {
      burstStatuses[r.status] = (burstStatuses[r.status] ?? 0) + 1;
    })));
    let { during, peak } = await signInsDuring(server, burst);
    const burstMs = performance.now() - started;
    console.log(`sign-in during ${UPLOADS} photos at once:     p50 ${ms(pct(during, 50))}, p95 ${ms(pct(during, 95))}, max ${ms(Math.max(...during))} (${during.length} sign-ins)`);
    console.log(`  the ${UPLOADS} photos of ${(photo.length / 1024).toFixed(0)} KB: ${JSON.stringify(burstStatuses)}, all answered after ${ms(burstMs)}; peak RSS ${peak.toFixed(0)} MiB`);

    // A hostile client: UPLOADS in flight for FLOOD_SECONDS, each sending the next as soon as
    // it has an answer, Retry-After ignored (and no write limit on the server).
    started = performance.now();
    const statuses = {};
    let sent = 0;
    const flood = Promise.all(Array.from({ length: UPLOADS }, async () => {
      while (performance.now() - started < FLOOD_SECONDS * 1000) {
        const r = await upload(flooder, photo);
        sent += 1;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }));
    ({ during, peak } = await signInsDuring(server, flood));
    console.log(`sign-in during a ${FLOOD_SECONDS} s flood of ${UPLOADS} at a time: p50 ${ms(pct(during, 50))}, p95 ${ms(pct(during, 95))}, max ${ms(Math.max(...during))} (${during.length} sign-ins)`);
    console.log(`  ${sent} photos answered ${JSON.stringify(statuses)}, the last after ${ms(performance.now() - started)}; peak RSS ${peak.toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
}

async function memory(photo) {
  const server = await startServer({ env: { AGORA_HTTP_WRITES_PER_MINUTE: '0', AGORA_LOG_LEVEL: 'warn' } });
  try {
    const admin = await setupAdmin(server);
    const team = await people(server, admin, 5);
    await sleep(1000);
    const line = [`idle RSS at start ${rssMiB(server.proc.pid).rss.toFixed(0)} MiB; after each round of 10 photos:`];
    for (let round = 0; round < ROUNDS; round++) {
      // Two at a time per person (the admission limit), so every photo is decoded.
      await Promise.all(team.map(async (c) => {
        for (let k = 0; k < 2;) if ((await upload(c, photo)).status === 200) k++; else await sleep(200);
      }));
      await sleep(2000);
      line.push(`${rssMiB(server.proc.pid).rss.toFixed(0)}`);
    }
    console.log(`${line.join(' ')} MiB; peak ${rssMiB(server.proc.pid).hwm.toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
}

const photo = bigPng(7000);
console.log(`binary: ${process.env.TEST_AGORA_BINARY}`);
if (what === 'signin' || what === 'all') await signin(photo);
if (what === 'memory' || what === 'all') await memory(photo);

// Page load in a real browser: Chromium (headless, a new profile per load, so a cold cache),
// the server on loopback, a small organization (40 people, a community with 30 posts, a home
// feed of 30 posts). For home, a profile and a community: the time from the navigation's
// start until the first content is on screen (the first post; the person's name; the
// community's name and its first post), median and 90th percentile of RUNS loads, and the
// bytes the page fetched. With BEFORE=<git ref>, the web client of that commit is built from
// git into a folder beside this one and measured in the same run, against the same server
// binary and data (the API did not change in between), so the figures compare as ratios.
// LATENCY_MS=40 (and MBIT=20) has Chromium add that round-trip time (and cap the bandwidth)
// for every request, as across a WAN or VPN: on loopback a request more costs nothing, there
// it costs a round trip, so this is where fewer sequential requests show.
// Usage: node bench/pageload.mjs   (env: RUNS=15 BEFORE=89762c6 LATENCY_MS=40 MBIT=20)
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../tests/support/browser.mjs';
import { Client, setupAdmin, startServer } from '../tests/support/server.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const BEFORE = process.env.BEFORE ?? '';
const LATENCY_MS = Number(process.env.LATENCY_MS ?? 0);
const MBIT = Number(process.env.MBIT ?? 0);

function buildBefore(ref) {
  // Inside the repository, so that the old client finds the workspace's node_modules.
  const dir = resolve('.bench-before');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  execSync(`git archive ${ref} web | tar -x -C ${dir}`);
  execSync('npx vite build --logLevel error', { cwd: join(dir, 'web'), stdio: 'inherit' });
  return { dir, root: join(dir, 'web', 'dist') };
}

async function seed(server) {
  const admin = await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
  const people = [];
  for (let i = 0; i < 40; i++) {
    const r = await admin.post('/api/v1/admin/users', { email: `p${i}@example.com`, display_name: `Person Number ${i}`, password: 'person-password-1' });
    people.push(r.json);
    await admin.post(`/api/v1/people/${r.json.id}/follow`, {});
  }
  const community = await admin.post('/api/v1/communities', { name: 'Geology', handle: 'geology', description: 'Rocks', type: 'open' });
  const p0 = new Client(server.url);
  await p0.login('p0@example.com', 'person-password-1');
  await p0.post(`/api/v1/communities/${community.json.id}/join`, {});
  for (let i = 0; i < 30; i++) {
    await p0.post('/api/v1/posts', { body: `Post ${i} about **rocks** and #geology with @admin`, audience: 'community', community_id: community.json.id });
    await p0.post('/api/v1/posts', { body: `Update ${i}: field notes from the north` });
  }
  return { person: people[0].handle };
}

const pages = (person) => [
  { name: 'home', path: '/', ready: '[data-testid="post"]' },
  { name: 'profile', path: `/people/${person}`, ready: 'h1' },
  { name: 'community', path: '/communities/geology', ready: '[data-testid="post"]' },
];

async function measure(browser, base, cookie, page) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();  // a new profile: nothing cached
    await context.addCookies([{ name: 'agora_session', value: cookie, url: base }]);
    const tab = await context.newPage();
    if (LATENCY_MS || MBIT) {
      const cdp = await context.newCDPSession(tab);
      const bytesPerSecond = MBIT ? (MBIT * 1e6) / 8 : -1;  // -1: no limit
      await cdp.send('Network.emulateNetworkConditions',
        { offline: false, latency: LATENCY_MS, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
    }
    let fetched = 0;
    tab.on('response', async (r) => {
      const len = Number((await r.allHeaders())['content-length'] ?? 0);
      fetched += len;
    });
    await tab.goto(base + page.path, { waitUntil: 'commit' });
    await tab.waitForSelector(page.ready, { timeout: 20_000 });
    times.push(await tab.evaluate(() => performance.now()));
    bytes = Math.max(bytes, fetched);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p90: times[Math.floor(times.length * 0.9)], bytes };
}

const server = await startServer({ env: { AGORA_LOG_LEVEL: 'warn', AGORA_HTTP_ACCESS_LOG: 'false' } });
let before = null;
try {
  const { person } = await seed(server);
  const login = new Client(server.url);
  await login.login('admin@example.com', 'admin-password-1');
  const cookie = login.cookie.split('=')[1];
  const roots = [{ label: 'now', root: resolve('web/dist') }];
  if (BEFORE) {
    before = buildBefore(BEFORE);
    roots.unshift({ label: `before (${BEFORE})`, root: before.root });
  }
  const browser = await launchChromium();
  const results = {};
  for (const { label, root } of roots) {
    // The same data, served with this web client: a second server on the same data directory.
    await server.stop({ keepData: true });
    const s = await startServer({ dataDir: server.dataDir, env: { AGORA_LOG_LEVEL: 'warn', AGORA_HTTP_ACCESS_LOG: 'false', AGORA_HTTP_WEB_ROOT: root } });
    for (const page of pages(person)) {
      const r = await measure(browser, s.url, cookie, page);
      (results[page.name] ??= {})[label] = r;
      console.log(`${label.padEnd(20)} ${page.name.padEnd(10)} first content median ${r.median.toFixed(0)} ms, p90 ${r.p90.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(1)} KiB`);
    }
    Object.assign(server, { stop: s.stop, dataDir: s.dataDir });
  }
  await browser.close();
  if (BEFORE)
    for (const [name, r] of Object.entries(results)) {
      const [b, n] = Object.values(r);
      console.log(`${name}: now / before = ${(n.median / b.median).toFixed(2)} (median)`);
    }
} finally {
  await server.stop();
  if (before && existsSync(before.dir)) rmSync(before.dir, { recursive: true, force: true });
}

// Regression tests for the findings of the security review of 2026-11-30
// (../shared/reviews/security-2026-11-30.md), each against the real server: strict request
// heads, connection caps per address, WebSocket origins from public_url, /metrics for
// operators only, and image uploads admitted per person.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import WebSocket from 'ws';
import { addPeople, assertProblem, Client, rawExchange, setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

// Opens a WebSocket handshake with the given headers; resolves { status, headers }.
function handshake(server, { cookie, origin, host }) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (cookie) headers.Cookie = cookie;
    if (host) headers.Host = host;
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`, { headers, origin });
    ws.once('upgrade', (res) => {
      resolve({ status: 101, headers: res.headers });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode, headers: res.headers }));
    ws.once('error', reject);
  });
}

describe('strict HTTP (findings 9, 10, 14)', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { AGORA_HTTP_MAX_HEADER_BYTES: '8192' } });
  });
  after(() => server.stop());

  test('a request without Host, or with two, is 400; HTTP/1.0 may leave it out', async () => {
    const none = await rawExchange(server.port, ['GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n']);
    assert.match(none.data, /^HTTP\/1\.1 400 /);
    assert.match(none.data, /Host/);
    const two = await rawExchange(server.port, ['GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n']);
    assert.match(two.data, /^HTTP\/1\.1 400 /);
    const old = await rawExchange(server.port, ['GET /healthz HTTP/1.0\r\n\r\n']);
    assert.match(old.data, /^HTTP\/1\.1 200 /);
  });

  test('a transfer coding other than chunked is 501, and its body is never read as a request', async () => {
    const body = '{"email":"a@example.com","password":"x"}';
    const r = await rawExchange(server.port, [
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n' +
        `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    ]);
    assert.match(r.data, /^HTTP\/1\.1 501 /);
    assert.match(r.data, /not-implemented/);
    assert.equal((r.data.match(/HTTP\/1\.1 /g) ?? []).length, 1, 'one answer, then the connection closes');
    const plain = await rawExchange(server.port, [
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    ]);
    assert.match(plain.data, /^HTTP\/1\.1 401 /, 'chunked alone is read as before');
  });

  test('the header limit counts all fields together', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => `X-H${i}: v\r\n`).join('');  // about 11 KB
    const r = await rawExchange(server.port, [`GET /healthz HTTP/1.1\r\nHost: x\r\n${many}Connection: close\r\n\r\n`]);
    assert.match(r.data, /^HTTP\/1\.1 431 /);
    const fewer = Array.from({ length: 500 }, (_, i) => `X-H${i}: v\r\n`).join('');  // about 4.5 KB
    const ok = await rawExchange(server.port, [`GET /healthz HTTP/1.1\r\nHost: x\r\n${fewer}Connection: close\r\n\r\n`]);
    assert.match(ok.data, /^HTTP\/1\.1 200 /);
  });

  test('openapi.json is not stored by caches (finding 13)', async () => {
    const r = await new Client(server.url).get('/api/v1/openapi.json');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
  });
});

describe('connections per client address (finding 11)', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { AGORA_HTTP_MAX_CONNECTIONS_PER_IP: '20' } });
  });
  after(() => server.stop());

  test('an address holding its cap gets 429 at once; a closed connection frees its place', async () => {
    // 25 idle connections: whichever five the server counts last are answered 429 and closed
    // (connections are counted on several io threads, so not necessarily the last five opened).
    const sockets = await Promise.all(Array.from({ length: 25 }, () => new Promise((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => resolve(s));
      s.data = '';
      s.on('data', (d) => (s.data += d.toString()));
      s.on('error', reject);
    })));
    const refused = () => sockets.filter((s) => /^HTTP\/1\.1 429 /.test(s.data));
    for (let i = 0; i < 100 && refused().length < 5; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(refused().length, 5);
    assert.match(refused()[0].data, /Retry-After: \d+/i);
    assert.match(refused()[0].data, /too many open connections/);
    const held = sockets.filter((s) => !s.data);
    assert.equal(held.length, 20);
    const more = await rawExchange(server.port, ['GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'], { waitMs: 2000 });
    assert.match(more.data, /^HTTP\/1\.1 429 /);
    for (const s of held.slice(0, 5)) s.destroy();
    let served = false;
    for (let i = 0; i < 50 && !served; i++) {
      served = (await new Client(server.url).get('/healthz').catch(() => ({ status: 0 }))).status === 200;
      if (!served) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(served, 'served again once connections closed');
    for (const s of sockets) s.destroy();
  });
});

describe('WebSocket origin and handshake headers (findings 7, 15)', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
  });
  after(() => server.stop());

  test("the allowed origin is the server's own, whatever Host says", async () => {
    const own = await handshake(server, { cookie: admin.cookie, origin: server.url });
    assert.equal(own.status, 101);
    const spoofed = await handshake(server, { cookie: admin.cookie, origin: 'http://evil.example', host: 'evil.example' });
    assert.equal(spoofed.status, 403);
    const otherScheme = await handshake(server, { cookie: admin.cookie, origin: server.url.replace('http:', 'https:') });
    assert.equal(otherScheme.status, 403);
    const otherPort = await handshake(server, { cookie: admin.cookie, origin: `http://127.0.0.1:${server.port + 1}` });
    assert.equal(otherPort.status, 403);
  });

  test('the handshake answer names no library version and carries the security headers', async () => {
    const own = await handshake(server, { cookie: admin.cookie, origin: server.url });
    assert.equal(own.status, 101);
    assert.doesNotMatch(own.headers.server ?? '', /beast|boost|\d/i);
    assert.match(own.headers['content-security-policy'] ?? '', /default-src 'self'/);
    assert.equal(own.headers['x-content-type-options'], 'nosniff');
    const bad = await rawExchange(server.port, [
      `GET /api/v1/stream HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nCookie: ${admin.cookie}\r\n\r\n`,
    ]);
    assert.match(bad.data, /^HTTP\/1\.1 400 /, 'no Sec-WebSocket-Key');
    assert.doesNotMatch(bad.data, /Boost\.Beast/);
    assert.match(bad.data, /Content-Security-Policy: default-src 'self'/);
  });
});

describe('/metrics is for operators (finding 18)', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { AGORA_HTTP_TRUST_PROXY: 'true', AGORA_HTTP_METRICS_TOKEN: 'metrics-token-0123456789' } });
  });
  after(() => server.stop());

  test('loopback clients and the token holder read it; others get 403', async () => {
    const c = new Client(server.url);
    assert.equal((await c.get('/metrics')).status, 200);
    const remote = await c.get('/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9' } });
    assertProblem(assert, remote, 403);
    const withToken = await c.get('/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9', Authorization: 'Bearer metrics-token-0123456789' } });
    assert.equal(withToken.status, 200);
    assert.match(withToken.text, /agora_http_requests_total|# TYPE/);
    const wrong = await c.get('/metrics', { headers: { 'X-Forwarded-For': '203.0.113.9', Authorization: 'Bearer metrics-token-0123456788' } });
    assert.equal(wrong.status, 403);
  });
});

describe('image uploads are admitted per person (finding 1)', () => {
  let server;
  let clients;
  let people;
  before(async () => {
    server = await startServer({ env: { AGORA_HTTP_IMAGE_JOBS_PER_PERSON: '2', AGORA_HTTP_IMAGE_JOBS_QUEUED: '3', AGORA_HTTP_WRITES_PER_MINUTE: '0' } });
    const admin = await setupAdmin(server);
    ({ clients, people } = await addPeople(server, admin, [['ana', 'member'], ['bob', 'member'], ['cy', 'member']]));
  });
  after(() => server.stop());

  const upload = (client, bytes) => client.request('PUT', '/api/v1/people/me/photo', { raw: bytes, headers: { 'Content-Type': 'image/png' } });

  test("one person's third upload at once is 429 with Retry-After; everyone's together beyond the queue are 503", async () => {
    const big = png(3000, 3000);
    const answers = await Promise.all(Array.from({ length: 6 }, () => upload(clients.ana, big)));
    const statuses = answers.map((r) => r.status).sort();
    assert.ok(statuses.filter((s) => s === 200).length >= 2, `two at a time go through: ${statuses}`);
    const refused = answers.find((r) => r.status === 429);
    assert.ok(refused, `some are refused at once: ${statuses}`);
    assertProblem(assert, refused, 429, { type: '/problems/rate-limited' });
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    // Three people with two uploads each: the queue holds three.
    const crowd = await Promise.all(['ana', 'ana', 'bob', 'bob', 'cy', 'cy'].map((k) => upload(clients[k], big)));
    const busy = crowd.find((r) => r.status === 503);
    assert.ok(busy, `a full queue answers 503: ${crowd.map((r) => r.status)}`);
    assertProblem(assert, busy, 503, { type: '/problems/unavailable' });
    assert.ok(Number(busy.headers.get('retry-after')) > 0);
    // Once the work is done, uploads go through again.
    assert.equal((await upload(clients.bob, png(64, 64))).status, 200);
    assert.ok(people.bob.id);
  });
});

describe('sign-in throttling without lock-outs (findings 8, 21)', () => {
  let server;
  let admin;
  const cysBrowser = () => new Client(server.url);
  let cysDevice;
  before(async () => {
    server = await startServer({ env: { AGORA_AUTH_LOGIN_FREE_ATTEMPTS_IP: '10', AGORA_HTTP_WRITES_PER_MINUTE: '0' } });
    admin = await setupAdmin(server);
    for (const k of ['ana', 'bob', 'cy'])
      assert.equal((await admin.post('/api/v1/admin/users', { email: `${k}@example.com`, display_name: k, role: 'member', password: `${k}-password-1` })).status, 201);
    const cy = cysBrowser();
    assert.equal((await cy.login('cy@example.com', 'cy-password-1')).status, 200);
    cysDevice = cy.device;
  });
  after(() => server.stop());

  test('guesses from an address block browsers new to their account, not those that signed in before', async () => {
    const anasBrowser = new Client(server.url);
    const first = await anasBrowser.login('ana@example.com', 'ana-password-1');
    assert.equal(first.status, 200);
    assert.match(first.setCookie, /agora_device=[\w-]{43}; Path=\/api\/v1\/auth; Max-Age=\d+; HttpOnly; SameSite=Strict/);
    // Someone at the same address sprays accounts with a common password.
    for (let i = 0; i < 20; i++) await new Client(server.url).login(`person${i}@example.com`, 'Summer2026!');
    const newBrowser = await new Client(server.url).login('bob@example.com', 'bob-password-1');
    assertProblem(assert, newBrowser, 429, { type: '/problems/rate-limited' });
    assert.ok(Number(newBrowser.headers.get('retry-after')) >= 1);
    const again = await anasBrowser.login('ana@example.com', 'ana-password-1');
    assert.equal(again.status, 200, 'the browser that signed in before is not locked out');
    const forged = new Client(server.url);
    forged.device = `agora_device=${'A'.repeat(43)}`;
    assert.equal((await forged.login('ana@example.com', 'ana-password-1')).status, 429, 'an invented device cookie earns nothing');
  });

  test('forty guesses sent at once: no more are evaluated than when sent one by one (five free, a sixth after them)', async () => {
    // From a browser that signed in to Cy before: it guesses on a count of its own (five
    // free attempts), whatever the address has done.
    assert.ok(cysDevice);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => {
      const c = cysBrowser();
      c.device = cysDevice;
      return c.login('cy@example.com', `guess-${i}`);
    }));
    const evaluated = answers.filter((r) => r.status === 401).length;
    assert.ok(evaluated >= 5 && evaluated <= 6, `evaluated ${evaluated} of 40`);
    assert.equal(answers.filter((r) => r.status === 429).length, 40 - evaluated);
  });
});

describe('input rules (findings 3, 4, 5, 6, 16, 19)', () => {
  let server;
  let admin;
  let clients;
  let people;
  before(async () => {
    server = await startServer({ env: { AGORA_HTTP_WRITES_PER_MINUTE: '0' } });
    admin = await setupAdmin(server);
    ({ clients, people } = await addPeople(server, admin, [['ana', 'member'], ['bob', 'member']]));
  });
  after(() => server.stop());

  test('a handle of digits alone is refused, for people and communities: it would read as an id', async () => {
    const r = await clients.ana.patch('/api/v1/people/me', { handle: people.bob.id });
    assertProblem(assert, r, 422, { field: 'handle' });
    assertProblem(assert, await clients.ana.patch('/api/v1/people/me', { handle: '0042' }), 422, { field: 'handle' });
    assert.equal((await clients.ana.patch('/api/v1/people/me', { handle: 'ana42' })).status, 200);
    const community = await clients.ana.post('/api/v1/communities', { handle: '2026', name: 'Year', type: 'open' });
    assertProblem(assert, community, 422, { field: 'handle' });
    // An account made from a numeric e-mail gets a handle that is not digits alone.
    const numeric = await admin.post('/api/v1/admin/users', { email: '4711@example.com', display_name: 'Num Ber', role: 'member' });
    assert.equal(numeric.status, 201, numeric.text);
    assert.equal(numeric.json.handle, 'u4711');
  });

  test('a photo for, or a ban of, a person who does not exist is 404 before any work', async () => {
    const missing = '123456789';
    const photo = await admin.request('PUT', `/api/v1/people/${missing}/photo`, { raw: png(2000, 2000), headers: { 'Content-Type': 'image/png' } });
    assertProblem(assert, photo, 404);
    assertProblem(assert, await admin.delete(`/api/v1/people/${missing}/photo`), 404);
    const club = await clients.ana.post('/api/v1/communities', { handle: 'club', name: 'Club', type: 'open' });
    assert.equal(club.status, 201, club.text);
    assertProblem(assert, await clients.ana.delete(`/api/v1/communities/${club.json.id}/members/${missing}?ban=true`), 404);
    assert.equal((await clients.ana.delete(`/api/v1/communities/${club.json.id}/members/${people.bob.id}?ban=true`)).status, 204);
    assert.doesNotMatch(server.stderr(), /FOREIGN KEY/, 'no constraint failure reached the database');
  });

  test('a key given twice, or a control character in a string, is 422 naming the field; nothing is stored', async () => {
    const before = await clients.ana.get(`/api/v1/feed?source=person:${people.ana.id}`);
    const twice = await clients.ana.request('POST', '/api/v1/posts', { raw: '{"body":"a","body":"b","audience":"organization"}', headers: { 'Content-Type': 'application/json' } });
    assertProblem(assert, twice, 422, { field: 'body' });
    const nul = await clients.ana.request('POST', '/api/v1/posts', { raw: '{"body":"a\\u0000b","audience":"organization"}', headers: { 'Content-Type': 'application/json' } });
    assertProblem(assert, nul, 422, { field: 'body' });
    const reordered = await clients.ana.patch('/api/v1/people/me', { title: 'Boss\u202Eeganam' });
    assertProblem(assert, reordered, 422, { field: 'title' });
    const after = await clients.ana.get(`/api/v1/feed?source=person:${people.ana.id}`);
    assert.equal(after.json.items.length, before.json.items.length);
  });

  test("pictures from other servers become links in body_html; the site's own stay pictures", async () => {
    const r = await clients.ana.post('/api/v1/posts', { body: 'look ![pixel](https://evil.example/t.png)', audience: 'organization' });
    assert.equal(r.status, 201, r.text);
    assert.doesNotMatch(r.json.body_html, /<img/);
    assert.match(r.json.body_html, /<a href="https:\/\/evil\.example\/t\.png">pixel<\/a>/);
    const own = await clients.ana.post('/api/v1/posts', { body: '![ours](/api/v1/people/me/photo/64)', audience: 'organization' });
    assert.match(own.json.body_html, /<img src="\/api\/v1\/people\/me\/photo\/64" alt="ours"/);
  });
});

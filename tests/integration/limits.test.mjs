// Hostile and malformed requests: each gets a problem JSON (or a closed connection for bytes
// that are not HTTP), and the server keeps serving everyone else.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, rawExchange, setupAdmin, startServer } from '../support/server.mjs';

describe('limits and bad input', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer({ env: { AGORA_HTTP_READ_TIMEOUT_SECONDS: '2', AGORA_HTTP_MAX_HEADER_BYTES: '8192' } });
    admin = await setupAdmin(server);
  });
  after(async () => {
    const { code } = await server.stop();
    assert.equal(code, 0, 'clean exit on SIGTERM');
  });

  test('unknown route is a 404 problem', async () => {
    assertProblem(assert, await admin.get('/api/v1/nothing-here'), 404, { type: '/problems/not-found' });
  });

  test('wrong method is 405 with Allow', async () => {
    const r = await admin.request('PUT', '/api/v1/me');
    assertProblem(assert, r, 405, { type: '/problems/method-not-allowed' });
    assert.equal(r.headers.get('allow'), 'GET, HEAD, PATCH');
  });

  test('malformed JSON is 400, wrong content type 415, invalid UTF-8 400', async () => {
    assertProblem(assert, await admin.request('POST', '/api/v1/auth/tokens', { raw: '{"name": ', headers: { 'Content-Type': 'application/json' } }), 400, { type: '/problems/malformed-request' });
    assertProblem(assert, await admin.request('POST', '/api/v1/auth/tokens', { raw: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
    const badUtf8 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    assertProblem(assert, await admin.request('POST', '/api/v1/auth/tokens', { raw: badUtf8, headers: { 'Content-Type': 'application/json' } }), 400);
    assertProblem(assert, await admin.request('POST', '/api/v1/auth/tokens', { raw: '[1,2]', headers: { 'Content-Type': 'application/json' } }), 400);
    assertProblem(assert, await admin.post('/api/v1/auth/tokens', { name: '' }), 422, { field: 'name' });
    const tokens = await admin.get('/api/v1/auth/tokens');
    assert.equal(tokens.json.items.length, 0, 'nothing was created by bad requests');
  });

  test('oversized body is 413 before it is read', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(70 * 1024) });
    assertProblem(assert, await admin.request('POST', '/api/v1/auth/tokens', { raw: big, headers: { 'Content-Type': 'application/json' } }), 413, { type: '/problems/too-large' });
    const chunked = await rawExchange(server.port, [
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      `${(100 * 1024).toString(16)}\r\n${'a'.repeat(100 * 1024)}\r\n0\r\n\r\n`,
    ]);
    assert.match(chunked.data, /^HTTP\/1\.1 413 /);
  });

  test('oversized header is 431', async () => {
    const r = await rawExchange(server.port, [`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(10000)}\r\n\r\n`]);
    assert.match(r.data, /^HTTP\/1\.1 431 /);
    assert.match(r.data, /header-too-large/);
  });

  test('bytes that are not HTTP get a 400 and a closed connection', async () => {
    const r = await rawExchange(server.port, ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 garbage\r\n\r\n']);
    assert.ok(r.closed);
    assert.match(r.data, /^(HTTP\/1\.1 400 |$)/);
    const bad = await rawExchange(server.port, ['GET /healthz HTTP/1.1\r\nHost x\r\n\r\n']);
    assert.match(bad.data, /^HTTP\/1\.1 400 /);
    assert.match(bad.data, /application\/problem\+json/);
  });

  test('a slow client is cut off after the read timeout while others are served', async () => {
    const slow = rawExchange(server.port, ['GET /healthz HTTP/1.1\r\n', 'Host: x\r\n', 'X-A: 1\r\n', 'X-B: 2\r\n', 'X-C: 3\r\n', 'X-D: 4\r\n'], { gapMs: 700, waitMs: 8000 });
    const fast = await new Client(server.url).get('/healthz');
    assert.equal(fast.status, 200);
    const result = await slow;
    assert.ok(result.closed, 'the server closed the slow connection');
    assert.ok(result.ms < 6000, `closed after ${result.ms} ms`);
    assert.doesNotMatch(result.data, /200 OK/);
  });

  test('keep-alive serves several requests on one connection, pipelined', async () => {
    const req = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const r = await rawExchange(server.port, [req + req + 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    assert.equal(r.data.match(/HTTP\/1\.1 200 OK/g)?.length, 3);
    assert.ok(r.closed);
  });

  test('security headers and a request id come with every response, errors included', async () => {
    for (const path of ['/healthz', '/api/v1/nothing', '/']) {
      const r = await new Client(server.url).get(path);
      assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/, path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.ok(r.headers.get('x-request-id'));
    }
  });

  test('a thousand malformed requests later the server still answers', async () => {
    const junk = ['GET', 'GET / HTTP/9.9\r\n\r\n', 'POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: -1\r\n\r\n',
      'GET /%%%% HTTP/1.1\r\nHost: x\r\n\r\n', 'GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n', '\r\n\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'PATCH /api/v1/admin/users/%00 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}'];
    const all = [];
    for (let i = 0; i < 1000; i++) all.push(rawExchange(server.port, [junk[i % junk.length]], { waitMs: 3000 }));
    const results = await Promise.all(all);
    assert.ok(results.every((r) => !/ 500 /.test(r.data.split('\r\n')[0])), 'no 500s');
    const health = await new Client(server.url).get('/healthz');
    assert.equal(health.status, 200);
    assert.equal((await admin.get('/api/v1/me')).status, 200);
  });

  test('ETag revalidation answers 304', async () => {
    const first = await admin.get('/api/v1/me');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await admin.get('/api/v1/me', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
    assert.equal(again.headers.get('etag'), etag);
    // A list of tags, and the strong form of the same tag, match too (RFC 9110 weak comparison).
    const listed = await admin.get('/api/v1/me', { headers: { 'If-None-Match': `W/"0000000000000000", ${etag}` } });
    assert.equal(listed.status, 304);
    assert.equal((await admin.get('/api/v1/me', { headers: { 'If-None-Match': etag.replace(/^W\//, '') } })).status, 304);
    assert.equal((await admin.get('/api/v1/me', { headers: { 'If-None-Match': 'W/"0000000000000000"' } })).status, 200);
  });
});

test('writes are limited per person (429 with Retry-After); reads and other people go on', async () => {
  const server = await startServer({ env: { AGORA_HTTP_WRITES_PER_MINUTE: '60', AGORA_HTTP_WRITE_BURST: '5' } });
  try {
    const admin = await setupAdmin(server);
    const bo = (await admin.post('/api/v1/admin/users', { email: 'bo@example.com', display_name: 'Bo', password: 'bo-password-1' })).json;
    const b = new Client(server.url);
    await b.login('bo@example.com', 'bo-password-1');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await admin.post('/api/v1/posts', { body: `post ${i}` })).status);
    assert.deepEqual(statuses, [201, 201, 201, 201], 'creating bo and these four: five writes');
    const limited = await admin.post('/api/v1/posts', { body: 'one too many' });
    assertProblem(assert, limited, 429, { type: '/problems/rate-limited' });
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    // The RateLimit fields clients and gateways read: the allowance, none left, when it resets.
    assert.equal(limited.headers.get('ratelimit-limit'), '5');
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    assert.equal(limited.headers.get('ratelimit-reset'), limited.headers.get('retry-after'));
    assert.equal((await admin.get('/api/v1/feed')).status, 200, 'reading is not limited');
    assert.equal((await b.post('/api/v1/posts', { body: 'bo is not limited by the admin' })).status, 201);
    assert.ok(bo.id);
  } finally {
    await server.stop();
  }
});

// Profile photos: upload, re-encoding without metadata, refusal of what is not an image,
// the audience rule on the renditions, replacing and removing (files included).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { mediaFiles, png, webpSize } from '../support/images.mjs';

describe('photos', () => {
  let server;
  let admin;
  const people = {};
  const clients = {};
  const put = (who, bytes, type = 'image/png', path = '/api/v1/people/me/photo') =>
    clients[who].request('PUT', path, { raw: bytes, headers: { 'Content-Type': type } });

  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    clients.admin = admin;
    const added = await addPeople(server, admin, [['ana', 'member', 'Ana Photo'], ['bo', 'member', 'Bo Photo'], ['gus', 'guest', 'Gus Photo']]);
    Object.assign(people, added.people);
    Object.assign(clients, added.clients);
  });
  after(() => server.stop());

  test('an upload becomes three square WebP renditions without its metadata', async () => {
    const original = png(300, 200, { comment: 'SECRET-GPS-59.3293N-18.0686E' });
    assert.ok(original.includes('SECRET-GPS'), 'the original carries the metadata');
    const r = await put('ana', original);
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.photo.small, /^\/api\/v1\/people\/\d+\/photo\/64\?v=[0-9a-f]{16}$/);
    for (const [size, url] of [[64, r.json.photo.small], [256, r.json.photo.medium], [512, r.json.photo.large]]) {
      const img = await clients.bo.get(url);
      assert.equal(img.status, 200);
      assert.equal(img.headers.get('content-type'), 'image/webp');
      assert.match(img.headers.get('cache-control'), /immutable/, 'a keyed URL may be cached for good');
      assert.deepEqual(webpSize(img.bytes), { width: size, height: size });
      assert.ok(!img.bytes.includes('SECRET-GPS'), 'metadata dropped');
    }
    const unkeyed = await clients.bo.get(`/api/v1/people/${people.ana.id}/photo/256`);
    assert.equal(unkeyed.status, 200);
    assert.match(unkeyed.headers.get('cache-control'), /no-cache/, 'an unkeyed URL must revalidate');
    assert.equal(mediaFiles(server.dataDir).length, 3);
    // Lists show the small one.
    const dir = await clients.bo.get('/api/v1/people?q=ana');
    assert.equal(dir.json.items[0].photo, r.json.photo.small);
    assertProblem(assert, await clients.bo.get(`/api/v1/people/${people.ana.id}/photo/100`), 404);
    assertProblem(assert, await clients.bo.get(`/api/v1/people/${people.bo.id}/photo/64`), 404);
  });

  test('what is not an accepted image is refused and nothing is stored', async () => {
    const before = mediaFiles(server.dataDir);
    const profile = (await clients.bo.get('/api/v1/people/me')).json;
    const script = Buffer.from('<?php system($_GET["c"]); ?>\n');
    assertProblem(assert, await put('bo', script, 'image/jpeg'), 415, { field: 'image' });
    assertProblem(assert, await put('bo', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'image/svg+xml'), 415);
    assertProblem(assert, await put('bo', png(20, 20), 'text/plain'), 415);
    assertProblem(assert, await put('bo', Buffer.alloc(0)), 422, { field: 'image' });
    const bomb = png(16, 16, { claimedWidth: 60000, claimedHeight: 60000 });
    const bombRes = await put('bo', bomb);
    assertProblem(assert, bombRes, 422, { field: 'image' });
    assert.match(bombRes.json.detail, /megapixels/);
    const truncated = png(200, 200).subarray(0, 900);
    assertProblem(assert, await put('bo', truncated), 422, { field: 'image' });
    assertProblem(assert, await put('bo', Buffer.alloc(11 * 1024 * 1024, 1)), 413);
    assert.deepEqual(mediaFiles(server.dataDir), before, 'no file written');
    assert.deepEqual((await clients.bo.get('/api/v1/people/me')).json.photo, profile.photo, 'profile unchanged');
  });

  test('replacing and removing a photo removes files nobody else uses', async () => {
    const shared = png(64, 64, { comment: 'same bytes' });
    const a = await put('bo', shared);
    assert.equal(a.status, 200, a.text);
    const admins = await put('admin', shared);
    assert.equal(admins.json.photo.small.split('?v=')[1], a.json.photo.small.split('?v=')[1], 'same image, same key');
    const countWithShared = mediaFiles(server.dataDir).length;
    const b = await put('bo', png(80, 40));
    assert.equal(b.status, 200);
    assert.notEqual(b.json.photo.small, a.json.photo.small);
    assert.equal(mediaFiles(server.dataDir).length, countWithShared + 3, 'the shared files stay: the admin still uses them');
    const sharedKey = a.json.photo.small.split('?v=')[1];
    assert.ok(mediaFiles(server.dataDir).some((f) => f.includes(sharedKey)));
    assert.equal((await clients.bo.delete('/api/v1/people/me/photo')).status, 204);
    assert.equal((await clients.bo.get('/api/v1/people/me')).json.photo, null);
    assert.equal(mediaFiles(server.dataDir).length, countWithShared, 'bo\'s own files removed');
    assert.equal((await clients.admin.delete('/api/v1/people/me/photo')).status, 204);
    assert.ok(!mediaFiles(server.dataDir).some((f) => f.includes(sharedKey)), 'unused at last, removed');
  });

  test('photos follow the profile audience; only admins change someone else\'s', async () => {
    const r = await put('gus', png(40, 40));
    assert.equal(r.status, 200, r.text);
    assertProblem(assert, await clients.ana.get(r.json.photo.small), 404, {}); // members do not see guests
    assertProblem(assert, await clients.gus.get(`/api/v1/people/${people.ana.id}/photo/64`), 404);
    assert.equal((await clients.gus.get(r.json.photo.small)).status, 200, 'one\'s own');
    assertProblem(assert, await put('ana', png(40, 40), 'image/png', `/api/v1/people/${people.bo.id}/photo`), 403);
    assertProblem(assert, await clients.ana.delete(`/api/v1/people/${people.gus.id}/photo`), 403);
    assert.equal((await clients.admin.delete(`/api/v1/people/${people.gus.id}/photo`)).status, 204);
    assert.equal((await clients.gus.get('/api/v1/people/me')).json.photo, null);
    // Cookie-authenticated uploads need the CSRF token.
    const noCsrf = await clients.ana.request('PUT', '/api/v1/people/me/photo', { raw: png(20, 20), headers: { 'Content-Type': 'image/png' }, csrf: false });
    assertProblem(assert, noCsrf, 403);
  });
});

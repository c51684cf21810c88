// Images on posts: upload, renditions without metadata, attaching to a post, the post's
// audience on every rendition, refusals, and files removed with the post.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { mediaFiles, png, webpSize } from '../support/images.mjs';

describe('images on posts', () => {
  let server;
  let people;
  let c;
  const upload = (who, bytes, { type = 'image/png', alt } = {}) =>
    c[who].request('POST', `/api/v1/images${alt === undefined ? '' : `?alt=${encodeURIComponent(alt)}`}`, {
      raw: bytes,
      headers: { 'Content-Type': type },
    });

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    const added = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Image'], ['bo', 'member', 'Bo Image'], ['cy', 'member', 'Cy Image'],
      ['gus', 'guest', 'Gus Image'], ['alf', 'alumnus', 'Alf Image'],
    ]);
    people = added.people;
    c = added.clients;
  });
  after(() => server.stop());

  test('an upload is scaled to fit (never enlarged), loses its metadata, and waits for its owner only', async () => {
    const r = await upload('ana', png(2000, 1000, { comment: 'SECRET-GPS-59.3293N' }), { alt: 'A wide chart, rising' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.width, 1600);
    assert.equal(r.json.height, 800);
    assert.equal(r.json.alt, 'A wide chart, rising');
    assert.equal(r.json.preview_width, 640);
    assert.equal(r.json.preview_height, 320);
    const large = await c.ana.get(r.json.url);
    assert.equal(large.status, 200);
    assert.equal(large.headers.get('content-type'), 'image/webp');
    assert.deepEqual(webpSize(large.bytes), { width: 1600, height: 800 });
    assert.ok(!large.bytes.includes('SECRET-GPS'), 'metadata dropped');
    assert.deepEqual(webpSize((await c.ana.get(r.json.preview_url)).bytes), { width: 640, height: 320 });
    const small = await upload('ana', png(300, 200));
    assert.deepEqual([small.json.width, small.json.height], [300, 200], 'not enlarged');
    assert.deepEqual(webpSize((await c.ana.get(small.json.preview_url)).bytes), { width: 300, height: 200 });
    // Not posted yet: nobody else sees it.
    assertProblem(assert, await c.bo.get(r.json.url), 404);
    assertProblem(assert, await new Client(server.url).get(r.json.url), 404);
    assertProblem(assert, await c.ana.get(`/api/v1/images/${r.json.id}/100`), 404);
  });

  test('a post shows its images to its readers only, in order; deleting it removes the files', async () => {
    const filesBefore = mediaFiles(server.dataDir).length;
    const first = (await upload('ana', png(120, 80), { alt: 'first' })).json;
    const second = (await upload('ana', png(80, 120), { alt: 'second' })).json;
    assert.equal(mediaFiles(server.dataDir).length, filesBefore + 4, 'two renditions each');
    const post = await c.ana.post('/api/v1/posts', {
      body: 'Two pictures for Bo', audience: 'restricted', people: [people.bo.id], image_ids: [second.id, first.id],
    });
    assert.equal(post.status, 201, post.text);
    assert.deepEqual(post.json.images.map((i) => [i.id, i.alt]), [[second.id, 'second'], [first.id, 'first']]);
    const feed = (await c.bo.get('/api/v1/feed')).json;
    const item = feed.items.find((i) => i.id === post.json.id);
    assert.ok(item, 'in bo\'s feed');
    assert.equal(item.images.length, 2);
    assert.equal((await c.bo.get(first.url)).status, 200, 'a named reader sees it');
    for (const who of ['cy', 'gus', 'alf']) assertProblem(assert, await c[who].get(first.url), 404);
    assertProblem(assert, await new Client(server.url).get(first.preview_url), 404);
    // Each image goes on one post only.
    assertProblem(assert, await c.ana.post('/api/v1/posts', { body: 'again', image_ids: [first.id] }), 422, { field: 'image_ids[0]' });

    assert.equal((await c.ana.delete(`/api/v1/posts/${post.json.id}`)).status, 204);
    assertProblem(assert, await c.ana.get(first.url), 404);
    assertProblem(assert, await c.bo.get(second.url), 404);
    assert.equal(mediaFiles(server.dataDir).length, filesBefore, 'the files went with the post');
  });

  test('public posts show their images to everyone, signed in or not', async () => {
    const img = (await upload('ana', png(50, 50), { alt: '' })).json;
    const post = await c.ana.post('/api/v1/posts', { body: 'For everyone', audience: 'public', image_ids: [img.id] });
    assert.equal(post.status, 201, post.text);
    assert.equal((await new Client(server.url).get(img.url)).status, 200);
    assert.equal((await c.alf.get(img.url)).status, 200, 'alumni see public content');
    const shared = await c.bo.post('/api/v1/posts', { body: 'look', share_of: post.json.id });
    assert.equal(shared.json.shared.images[0].id, img.id, 'a share shows the original\'s images');
  });

  test('refusals: not an image, someone else\'s or unknown image, too many, bad alt text, alumni', async () => {
    const before = mediaFiles(server.dataDir);
    assertProblem(assert, await upload('ana', Buffer.from('<?php system($_GET["c"]); ?>'), { type: 'image/jpeg' }), 415, { field: 'image' });
    assertProblem(assert, await upload('ana', png(20, 20), { type: 'application/pdf' }), 415);
    assertProblem(assert, await upload('ana', png(16, 16, { claimedWidth: 60000, claimedHeight: 60000 })), 422, { field: 'image' });
    assertProblem(assert, await upload('ana', png(20, 20), { alt: 'x'.repeat(1001) }), 422, { field: 'alt' });
    assertProblem(assert, await upload('alf', png(20, 20)), 403);
    assert.deepEqual(mediaFiles(server.dataDir), before, 'nothing stored');

    const bos = (await upload('bo', png(30, 30))).json;
    assertProblem(assert, await c.ana.post('/api/v1/posts', { body: 'not mine', image_ids: [bos.id] }), 422, { field: 'image_ids[0]' });
    const mine = (await upload('ana', png(30, 30))).json;
    assertProblem(assert, await c.ana.post('/api/v1/posts', { body: 'unknown', image_ids: [mine.id, '12345'] }), 422, { field: 'image_ids[1]' });
    // Nothing was attached by the refused post: the image can still be used.
    assert.equal((await c.ana.post('/api/v1/posts', { body: 'now', image_ids: [mine.id] })).status, 201);
    assertProblem(assert, await c.ana.post('/api/v1/posts', { body: 'five', image_ids: ['1', '2', '3', '4', '5'] }), 422, { field: 'image_ids' });
    assertProblem(assert, await c.ana.post('/api/v1/posts', { body: 'bad', image_ids: ['x'] }), 422, { field: 'image_ids[0]' });
  });
});

// The audience matrix (DESIGN.md "Audience: one rule, everywhere"): every content kind built
// so far x every audience x every kind of reader, through every read path. A reader who may
// not read a content gets 404 from its own routes, never sees it in a list, is not notified
// of it, and cannot comment on or react to it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { addPeople, assertProblem, Client, setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

// A reader's live stream, keeping every event.
async function openStream(server, token) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`, { headers: { Authorization: `Bearer ${token}` } });
  const events = [];
  ws.on('message', (data) => events.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, events, watch: (ids) => ws.send(JSON.stringify({ type: 'watch', ids })) };
}
async function until(check, what, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (check()) return;
  assert.fail(`timed out waiting for ${what}`);
}

const READERS = ['author', 'follower', 'stranger', 'listed', 'guest1', 'alum1', 'admin', 'anonymous'];
// Who may read each audience (restricted posts list `listed` and `guest1`).
const MAY_READ = {
  public: new Set(READERS),
  organization: new Set(['author', 'follower', 'stranger', 'listed', 'admin']),
  restricted: new Set(['author', 'listed', 'guest1']),
};

describe('audience matrix: posts x audiences x readers x read paths', () => {
  let server;
  const c = {};
  const p = {};
  const posts = {};
  const streams = {};
  const images = {};
  before(async () => {
    server = await startServer();
    c.admin = await setupAdmin(server);
    p.admin = c.admin.user;
    const added = await addPeople(server, c.admin, [['author', 'member'], ['follower', 'member'], ['stranger', 'member'],
      ['listed', 'member'], ['guest1', 'guest'], ['alum1', 'alumnus']]);
    Object.assign(p, added.people);
    Object.assign(c, added.clients);
    c.anonymous = new Client(server.url);
    assert.equal((await c.follower.post(`/api/v1/people/${p.author.id}/follow`)).status, 204);
    // Every signed-in reader has a live stream open while the posts are made.
    for (const reader of READERS.filter((r) => r !== 'anonymous')) {
      const t = await c[reader].post('/api/v1/auth/tokens', { name: 'matrix' });
      streams[reader] = await openStream(server, t.json.token);
    }
    const mentions = '@follower @stranger @listed @guest1 @alum1';
    for (const audience of Object.keys(MAY_READ)) {
      const image = await c.author.request('POST', '/api/v1/images?alt=matrix', { raw: png(40, 30), headers: { 'Content-Type': 'image/png' } });
      assert.equal(image.status, 201, image.text);
      images[audience] = image.json;
      const body = { body: `${audience} post #matrix${audience} ${mentions}`, audience, image_ids: [image.json.id] };
      if (audience === 'restricted') body.people = [p.listed.id, p.guest1.id];
      const r = await c.author.post('/api/v1/posts', body);
      assert.equal(r.status, 201, r.text);
      posts[audience] = r.json;
    }
    // Every reader asks to watch every post; the server keeps only what each may read. The
    // author's comment and reaction then reach exactly those watchers.
    const ids = Object.values(posts).map((x) => x.id);
    for (const s of Object.values(streams)) s.watch(ids);
    await new Promise((r) => setTimeout(r, 200));
    for (const post of Object.values(posts)) {
      assert.equal((await c.author.post(`/api/v1/content/${post.id}/comments`, { body: 'the author comments' })).status, 201);
      assert.equal((await c.author.request('PUT', `/api/v1/content/${post.id}/reactions/like`)).status, 200);
    }
    for (const [audience, post] of Object.entries(posts))
      for (const reader of MAY_READ[audience]) {
        if (reader === 'anonymous') continue;
        await until(() => streams[reader].events.some((e) => e.type === 'counts' && e.data.id === post.id && e.data.reaction_count === 1),
          `${reader}'s live counts of the ${audience} post`);
      }
    await new Promise((r) => setTimeout(r, 100)); // anything wrongly sent would have arrived by now
  });
  after(async () => {
    for (const s of Object.values(streams)) s.ws.terminate();
    await server.stop();
  });

  for (const audience of Object.keys(MAY_READ)) {
    for (const reader of READERS) {
      const may = MAY_READ[audience].has(reader);
      test(`${audience} post, read by ${reader}: ${may ? 'visible' : 'hidden'} everywhere`, async () => {
        const post = posts[audience];
        const client = c[reader];
        const id = post.id;
        const expectVisible = (res, what) => {
          if (may) assert.equal(res.status, 200, `${what}: ${res.text}`);
          else assertProblem(assert, res, 404);
        };
        expectVisible(await client.get(`/api/v1/posts/${id}`), 'post');
        expectVisible(await client.get(`/api/v1/posts/${id}/revisions`), 'revisions');
        expectVisible(await client.get(`/api/v1/content/${id}/comments`), 'comments');
        expectVisible(await client.get(`/api/v1/content/${id}/reactions`), 'reactions');
        expectVisible(await client.get(images[audience].preview_url), 'image');

        const inList = async (path) => {
          const r = await client.get(path);
          assert.equal(r.status, 200, `${path}: ${r.text}`);
          return r.json.items.some((i) => i.id === id);
        };
        assert.equal(await inList(`/api/v1/feed?source=person:${p.author.id}`), may, 'person timeline');
        assert.equal(await inList(`/api/v1/feed?source=tag:matrix${audience}`), may, 'hashtag feed');
        if (reader !== 'anonymous') {
          const home = await inList('/api/v1/feed');
          // Home shows followed people, shared-by-name posts and one's own; never what one may not read.
          const expected = may && ['author', 'follower', 'listed', 'guest1'].includes(reader) &&
            (reader !== 'listed' && reader !== 'guest1' ? true : audience === 'restricted');
          assert.equal(home, expected, 'home feed');
          // The stream: a live feed item exactly where the home feed has it; comments and
          // counts of a watched post only for those who may read it.
          const live = streams[reader].events;
          assert.equal(live.some((e) => e.type === 'post' && e.data.id === id), expected, 'live feed item');
          assert.equal(live.some((e) => e.type === 'comment' && e.data.content_id === id), may, 'live comment');
          assert.equal(live.some((e) => e.type === 'counts' && e.data.id === id), may, 'live counts');
          const notes = await client.get('/api/v1/notifications');
          const notified = notes.json.items.some((n) => n.kind === 'mention' && n.content_id === id);
          const mentioned = ['follower', 'stranger', 'listed', 'guest1', 'alum1'].includes(reader);
          assert.equal(notified, may && mentioned, 'mention notification');
        }

        // Writes against content one may not read are 404 too (anonymous: 401 first).
        const comment = await client.post(`/api/v1/content/${id}/comments`, { body: 'hello' });
        const react = await client.request('PUT', `/api/v1/content/${id}/reactions/celebrate`);
        if (reader === 'anonymous') {
          assertProblem(assert, comment, 401);
          assertProblem(assert, react, 401);
        } else if (may) {
          assert.equal(comment.status, 201, comment.text);
          assert.equal(react.status, 200, react.text);
        } else {
          assertProblem(assert, comment, 404);
          assertProblem(assert, react, 404);
        }
      });
    }
  }

  test('counts on a post only reflect what happened; a share can never widen its original', async () => {
    const restricted = (await c.author.get(`/api/v1/posts/${posts.restricted.id}`)).json;
    // The author commented twice (setup and matrix), listed and guest1 once; each of the
    // three reacted once (the author's second reaction replaced the first).
    assert.equal(restricted.comment_count, 4);
    assert.equal(restricted.reaction_count, 3);
    assert.deepEqual(restricted.people.sort(), [p.listed.id, p.guest1.id].sort(), 'the author sees who may read');
    const seenByListed = (await c.listed.get(`/api/v1/posts/${posts.restricted.id}`)).json;
    assert.equal(seenByListed.people, undefined, 'readers do not see the list');
    for (const audience of ['public', 'organization']) {
      assertProblem(assert, await c.listed.post('/api/v1/posts', { body: 'fwd', share_of: posts.restricted.id, audience }), 422, { field: 'audience' });
    }
    const share = await c.guest1.post('/api/v1/posts', { body: 'fwd', share_of: posts.restricted.id, audience: 'restricted', people: [p.listed.id] });
    assert.equal(share.status, 201, share.text);
    assertProblem(assert, await c.stranger.get(`/api/v1/posts/${share.json.id}`), 404);
  });
});

// The audience matrix grows the `community` audience (open communities are read before
// joining): open, moderated, restricted and secret
// communities x owner, moderator, member, pending (or invited), banned, non-member, guest and
// alumnus, through every read path: the community, the directory, a profile's "member of",
// its members, its stream
// and forum, its posts and topics (and their revisions, comments and reactions), the
// person, hashtag and home feeds, notifications and the live stream.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

const TYPES = {
  open: { type: 'open' },
  moderated: { type: 'moderated' },
  restricted: { type: 'restricted' },
  secret: { type: 'restricted', listed: false },
};
const READERS = ['owner', 'moderator', 'member', 'pending', 'banned', 'outsider', 'guest', 'alumnus'];
const MEMBERS = new Set(['owner', 'moderator', 'member']);
// Who reads a community's content: its members; in an open community also everyone in the
// organization who is not banned from it (they read before they join, and join to take part).
function readsContent(kind, reader) {
  if (MEMBERS.has(reader)) return true;
  return kind === 'open' && (reader === 'pending' || reader === 'outsider');
}
// Who may know that a community exists (its page, the directory, its member list).
function seesCommunity(kind, reader) {
  if (MEMBERS.has(reader) || reader === 'pending') return true; // pending: asked or invited
  if (kind === 'secret') return false;
  return reader === 'banned' || reader === 'outsider';
}

async function streamOf(server, token) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`, { headers: { Authorization: `Bearer ${token}` } });
  const events = [];
  ws.on('message', (d) => events.push(JSON.parse(d.toString())));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return { ws, events };
}

describe('audience matrix: community content x community types x readers x read paths', () => {
  let server;
  let p;
  let c;
  const streams = {};
  const made = {};
  const posts = {};
  const topics = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['owner', 'member'], ['moderator', 'member'], ['member', 'member'], ['pending', 'member'], ['banned', 'member'],
      ['outsider', 'member'], ['guest', 'guest'], ['alumnus', 'alumnus'],
    ]));
    for (const reader of READERS) {
      const t = await c[reader].post('/api/v1/auth/tokens', { name: 'matrix' });
      streams[reader] = await streamOf(server, t.json.token);
    }
    const ok = (r, what) => assert.ok(r.status < 300, `${what}: ${r.status} ${r.text}`);
    for (const [kind, shape] of Object.entries(TYPES)) {
      const r = await c.owner.post('/api/v1/communities', { name: `Matrix ${kind}`, handle: `matrix-${kind}`, ...shape });
      ok(r, `create ${kind}`);
      const id = r.json.id;
      made[kind] = r.json;
      const base = `/api/v1/communities/${id}`;
      // Everyone who becomes a member gets there the way this type allows.
      const enter = async (who) => {
        if (kind === 'open') ok(await c[who].post(`${base}/join`), `${who} joins ${kind}`);
        else if (kind === 'moderated') {
          ok(await c[who].post(`${base}/join`), `${who} asks ${kind}`);
          ok(await c.owner.patch(`${base}/members/${p[who].id}`, { state: 'active' }), `approve ${who}`);
        } else {
          ok(await c.owner.post(`${base}/invitations`, { person_id: p[who].id }), `invite ${who}`);
          ok(await c[who].post(`${base}/join`), `${who} accepts ${kind}`);
        }
      };
      for (const who of ['moderator', 'member', 'banned']) await enter(who);
      ok(await c.owner.patch(`${base}/members/${p.moderator.id}`, { role: 'moderator' }), 'moderator role');
      ok(await c.owner.request('DELETE', `${base}/members/${p.banned.id}`, { body: { ban: true } }), 'ban');
      if (kind === 'moderated') ok(await c.pending.post(`${base}/join`), 'pending asks');
      else if (kind !== 'open') ok(await c.owner.post(`${base}/invitations`, { person_id: p.pending.id }), 'pending invited');
      const mentions = READERS.map((r) => `@${r}`).join(' ');
      const post = await c.member.post('/api/v1/posts', { body: `${kind} news #matrixc${kind} ${mentions}`, audience: 'community', community_id: id });
      ok(post, `post in ${kind}`);
      posts[kind] = post.json;
      ok(await c.owner.post(`/api/v1/content/${post.json.id}/comments`, { body: 'owner comments' }), 'comment');
      ok(await c.owner.request('PUT', `/api/v1/content/${post.json.id}/reactions/like`), 'react');
      const topic = await c.member.post(`${base}/topics`, { title: `${kind} topic`, body: 'a topic', question: true });
      ok(topic, `topic in ${kind}`);
      topics[kind] = topic.json;
    }
    await new Promise((r) => setTimeout(r, 300)); // live events settle
  });
  after(async () => {
    for (const s of Object.values(streams)) s.ws.terminate();
    await server.stop();
  });

  for (const kind of Object.keys(TYPES)) {
    for (const reader of READERS) {
      const reads = readsContent(kind, reader);
      const member = MEMBERS.has(reader);
      const sees = seesCommunity(kind, reader);
      test(`${kind} community, ${reader}: ${reads ? 'reads its content' : sees ? 'sees it, not its content' : 'it does not exist'}`, async () => {
        const client = c[reader];
        const id = made[kind].id;
        const base = `/api/v1/communities/${id}`;
        const visible = (res, may, what) => {
          if (may) assert.equal(res.status, 200, `${what}: ${res.text}`);
          else assertProblem(assert, res, 404);
        };
        // The community itself.
        visible(await client.get(base), sees, 'community');
        visible(await client.get(`/api/v1/communities/matrix-${kind}`), sees, 'community by handle');
        visible(await client.get(`${base}/members`), sees, 'members');
        const directory = (await client.get(`/api/v1/communities?q=matrix-${kind}`)).json.items.map((i) => i.id);
        assert.equal(directory.includes(id), sees, 'directory');
        const memberOf = await client.get(`/api/v1/people/${p.member.id}/communities`);
        if (reader === 'guest' || reader === 'alumnus') assertProblem(assert, memberOf, 404); // nor the profile
        else assert.equal(memberOf.json.items.some((i) => i.id === id), sees, 'member of, on a profile');
        const stream = await client.get(`/api/v1/feed?source=community:${id}`);
        visible(stream, sees, 'community stream');
        if (sees) assert.equal(stream.json.items.some((i) => i.id === posts[kind].id), reads, 'community stream items');
        const forum = await client.get(`${base}/topics`);
        visible(forum, sees, 'forum');
        if (sees) assert.equal(forum.json.items.some((t) => t.id === topics[kind].id), reads, 'forum topics');

        // Its content, through every path.
        const postId = posts[kind].id;
        visible(await client.get(`/api/v1/posts/${postId}`), reads, 'post');
        visible(await client.get(`/api/v1/posts/${postId}/revisions`), reads, 'revisions');
        visible(await client.get(`/api/v1/content/${postId}/comments`), reads, 'comments');
        visible(await client.get(`/api/v1/content/${postId}/reactions`), reads, 'reactions');
        visible(await client.get(`/api/v1/topics/${topics[kind].id}`), reads, 'topic');
        visible(await client.get(`/api/v1/content/${topics[kind].id}/comments`), reads, 'topic replies');
        const inFeed = async (path) => {
          const r = await client.get(path);
          assert.equal(r.status, 200, `${path}: ${r.text}`);
          return r.json.items.some((i) => i.id === postId);
        };
        assert.equal(await inFeed(`/api/v1/feed?source=tag:matrixc${kind}`), reads, 'hashtag feed');
        if (reader !== 'guest' && reader !== 'alumnus') assert.equal(await inFeed(`/api/v1/feed?source=person:${p.member.id}`), reads, 'person timeline');
        assert.equal(await inFeed('/api/v1/feed'), member, 'home feed: the communities one is in');
        const notes = (await client.get('/api/v1/notifications')).json.items;
        assert.equal(notes.some((n) => n.kind === 'mention' && n.content_id === postId), reads && reader !== 'member', 'mention');
        assert.equal(streams[reader].events.some((e) => e.type === 'post' && e.data.id === postId), member, 'live post: to home feeds');

        // Writing to it: only members; readers who are not are asked to join; everyone else is
        // told it does not exist.
        const comment = await client.post(`/api/v1/content/${postId}/comments`, { body: 'hi' });
        const react = await client.request('PUT', `/api/v1/content/${postId}/reactions/celebrate`);
        if (member) {
          assert.equal(comment.status, 201, comment.text);
          assert.equal(react.status, 200, react.text);
        } else if (reads) {
          assertProblem(assert, comment, 403);
          assertProblem(assert, react, 403);
        } else {
          assertProblem(assert, comment, 404);
          assertProblem(assert, react, 404);
        }
      });
    }
  }
});

// GET /api/v1/stream: live feed items, notification counts and comment events over a
// WebSocket, under the audience rule; resuming with the last event id; ping/pong; and a
// client that cannot keep up is closed without holding up the others.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { openStream, tokenFor } from '../support/stream.mjs';
import { addPeople, Client, runCli, setupAdmin, startServer } from '../support/server.mjs';

// A stream client that keeps every event and can wait for one that matches.
describe('the live stream', () => {
  let server;
  let admin;
  let people;
  let clients;
  const tokens = {};
  before(async () => {
    // The slow-client test posts 3,000 times as one person: no write limit here.
    // Streams check their credential again every second here (30 s by default).
    server = await startServer({ env: { AGORA_HTTP_WRITES_PER_MINUTE: '0', AGORA_HTTP_STREAM_RECHECK_SECONDS: '1' } });
    admin = await setupAdmin(server);
    ({ people, clients } = await addPeople(server, admin, [['ana', 'member', 'Ana Live'], ['bob', 'member', 'Bob Live'],
      ['cat', 'member', 'Cat Live'], ['gil', 'guest', 'Gil Guest']]));
    for (const k of Object.keys(clients)) tokens[k] = await tokenFor(clients[k]);
    assert.equal((await clients.bob.post(`/api/v1/people/${people.ana.id}/follow`)).status, 204);
  });
  after(() => server.stop());

  test('only signed-in people connect; a cookie needs a page of this site as its origin', async () => {
    const anonymous = openStream(server);
    await assert.rejects(anonymous.opened, (e) => e.status === 401);
    const badToken = openStream(server, { token: 'agp_nonsense' });
    await assert.rejects(badToken.opened, (e) => e.status === 401);
    const foreign = openStream(server, { cookie: clients.ana.cookie, origin: 'https://evil.example' });
    await assert.rejects(foreign.opened, (e) => e.status === 403);
    const own = openStream(server, { cookie: clients.ana.cookie, origin: server.url });
    await own.opened;
    own.send({ type: 'ping' });
    assert.equal((await own.next((e) => e.type === 'pong')).type, 'pong');
    own.send({ type: 'gossip' });
    await own.next((e) => e.type === 'error');
    own.ws.send('not json');
    await own.next((e) => e.type === 'error' && own.events.filter((x) => x.type === 'error').length === 2);
    await own.close();
    const plain = await new Client(server.url).get('/api/v1/stream');
    assert.equal(plain.status, 401);
  });

  test("a post reaches its author's followers who may read it, as they would see it, and no one else", async () => {
    const bob = openStream(server, { token: tokens.bob });
    const cat = openStream(server, { token: tokens.cat });
    const gil = openStream(server, { token: tokens.gil });
    await Promise.all([bob.opened, cat.opened, gil.opened]);
    await clients.gil.post(`/api/v1/people/${people.ana.id}/follow`); // guests cannot follow; nothing may leak anyway
    const p = (await clients.ana.post('/api/v1/posts', { body: 'live from ana' })).json;
    const got = await bob.next((e) => e.type === 'post' && e.data.id === p.id);
    assert.equal(got.data.body, 'live from ana');
    assert.equal(got.data.author.id, people.ana.id);
    assert.equal(got.data.can_edit, false);
    assert.match(got.id, /^[0-9a-f]+\.\d+$/);
    const secret = (await clients.ana.post('/api/v1/posts', { body: 'for cat only', audience: 'restricted', people: [people.cat.id] })).json;
    await cat.next((e) => e.type === 'post' && e.data.id === secret.id);
    const marker = (await clients.ana.post('/api/v1/posts', { body: 'marker', audience: 'public' })).json;
    await bob.next((e) => e.type === 'post' && e.data.id === marker.id);
    assert.ok(!bob.events.some((e) => e.data?.id === secret.id), 'a restricted post does not reach followers it does not name');
    assert.ok(!cat.events.some((e) => e.type === 'post' && e.data.id === p.id), 'cat does not follow ana');
    assert.ok(!gil.events.some((e) => e.type === 'post'), 'the guest gets nothing of organization posts');
    await Promise.all([bob.close(), cat.close(), gil.close()]);
  });

  test('notification counts rise live; a watched post gets its comments and counts live', async () => {
    const ana = openStream(server, { token: tokens.ana });
    const outsider = openStream(server, { token: tokens.gil });
    await Promise.all([ana.opened, outsider.opened]);
    const p = (await clients.ana.post('/api/v1/posts', { body: 'watch me' })).json;
    ana.send({ type: 'watch', ids: [p.id] });
    outsider.send({ type: 'watch', ids: [p.id] }); // may not read it: watching gives nothing
    await new Promise((r) => setTimeout(r, 100));
    const before = (await clients.ana.get('/api/v1/notifications')).json.unread;
    const c = (await clients.bob.post(`/api/v1/content/${p.id}/comments`, { body: 'live comment' })).json;
    const comment = await ana.next((e) => e.type === 'comment' && e.data.id === c.id);
    assert.equal(comment.data.body, 'live comment');
    const counts = await ana.next((e) => e.type === 'counts' && e.data.id === p.id && e.data.comment_count === 1);
    assert.equal(counts.data.reaction_count, 0);
    const n = await ana.next((e) => e.type === 'notifications' && e.data.unread === before + 1);
    assert.ok(n);
    await clients.cat.request('PUT', `/api/v1/content/${p.id}/reactions/love`);
    const reacted = await ana.next((e) => e.type === 'counts' && e.data.reaction_count === 1);
    assert.deepEqual(reacted.data.reactions.counts, { love: 1 });
    await clients.ana.delete(`/api/v1/posts/${p.id}`);
    await ana.next((e) => e.type === 'post.deleted' && e.data.id === p.id);
    assert.ok(!outsider.events.some((e) => ['comment', 'counts', 'post.deleted'].includes(e.type)), 'nothing reaches a reader who may not read it');
    await Promise.all([ana.close(), outsider.close()]);
  });

  test('a client that reconnects with its last event id gets what it missed; an unknown id gets resync', async () => {
    const first = openStream(server, { token: tokens.bob });
    await first.opened;
    const a = (await clients.ana.post('/api/v1/posts', { body: 'before the gap' })).json;
    const seen = await first.next((e) => e.type === 'post' && e.data.id === a.id);
    await first.close();
    const missed1 = (await clients.ana.post('/api/v1/posts', { body: 'during the gap 1' })).json;
    const missed2 = (await clients.ana.post('/api/v1/posts', { body: 'during the gap 2' })).json;
    await new Promise((r) => setTimeout(r, 200));
    const again = openStream(server, { token: tokens.bob, lastEventId: seen.id });
    await again.opened;
    await again.next((e) => e.type === 'post' && e.data.id === missed2.id);
    const ids = again.events.filter((e) => e.type === 'post').map((e) => e.data.id);
    assert.deepEqual(ids, [missed1.id, missed2.id], 'exactly the missed events, in order');
    await again.close();
    const stale = openStream(server, { token: tokens.bob, lastEventId: 'deadbeef.1' });
    await stale.opened;
    await stale.next((e) => e.type === 'resync');
    await stale.close();
  });

  test("an admin's change of a person's role or active state closes their streams; a deactivated person cannot reopen one", async () => {
    const { people: p, clients: c } = await addPeople(server, admin, [['dan', 'member', 'Dan Live']]);
    const token = await tokenFor(c.dan);
    const s1 = openStream(server, { token });
    await s1.opened;
    assert.equal((await admin.patch(`/api/v1/admin/users/${p.dan.id}`, { role: 'guest' })).status, 200);
    assert.equal((await s1.closed).code, 1000);
    const s2 = openStream(server, { token });
    await s2.opened; // a guest may still have a stream, now with a guest's view
    assert.equal((await admin.patch(`/api/v1/admin/users/${p.dan.id}`, { active: false })).status, 200);
    await s2.closed;
    await assert.rejects(openStream(server, { token }).opened, (e) => e.status === 401);
  });

  test('signing out or revoking a token closes the streams opened with it, and only those', async () => {
    const { clients: c } = await addPeople(server, admin, [['eve', 'member', 'Eve Live']]);
    const first = await c.eve.post('/api/v1/auth/tokens', { name: 'first' });
    const second = await c.eve.post('/api/v1/auth/tokens', { name: 'second' });
    const byFirst = openStream(server, { token: first.json.token });
    const bySecond = openStream(server, { token: second.json.token });
    const byCookie = openStream(server, { cookie: c.eve.cookie, origin: server.url });
    await Promise.all([byFirst.opened, bySecond.opened, byCookie.opened]);
    assert.equal((await c.eve.delete(`/api/v1/auth/tokens/${first.json.id}`)).status, 204);
    assert.equal((await byFirst.closed).code, 1000);
    assert.equal((await c.eve.post('/api/v1/auth/logout')).status, 204);
    assert.equal((await byCookie.closed).code, 1000);
    // The other token's stream is untouched: it still answers.
    bySecond.send({ type: 'ping' });
    await bySecond.next((e) => e.type === 'pong');
    assert.equal(bySecond.ws.readyState, WebSocket.OPEN);
    await bySecond.close();
  });

  test('a role change made from the command line closes the stream within the recheck interval', async () => {
    const { clients: c } = await addPeople(server, admin, [['fay', 'member', 'Fay Live']]);
    const token = await tokenFor(c.fay);
    const s = openStream(server, { token });
    await s.opened;
    const r = runCli(['admin', 'set-role', '--email', 'fay@example.com', '--role', 'guest'], { dataDir: server.dataDir });
    assert.equal(r.code, 0, r.stderr);
    const outcome = await Promise.race([s.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
    assert.equal(outcome.code, 1000, 'closed by the recheck');
  });

  test('a client that stops reading is closed (1013) while another keeps receiving', async () => {
    const slow = openStream(server, { token: tokens.bob });
    const fast = openStream(server, { token: tokens.bob });
    await Promise.all([slow.opened, fast.opened]);
    slow.ws._socket.pause(); // reads nothing more: the socket, then the server's queue, fill up
    const big = 'x'.repeat(4000);
    let last;
    for (let i = 0; i < 3000; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => clients.ana.post('/api/v1/posts', { body: `${big} ${i + k}` })));
      last = batch.at(-1).json;
    }
    slow.ws._socket.resume(); // now it reads what was buffered, then the server's close frame
    const { code } = await slow.closed;
    assert.equal(code, 1013);
    await fast.next((e) => e.type === 'post' && e.data.id === last.id, 15000);
    await fast.close();
  });
});

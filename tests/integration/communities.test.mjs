// Communities: creating them, the directory, joining, asking, invitations, roles, posting
// to a community, its stream, and the rule that a secret community does not exist for
// anyone outside it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { addPeople, assertProblem, Client, setupAdmin, startServer } from '../support/server.mjs';
import { mediaFiles, png, webpSize } from '../support/images.mjs';

describe('communities', () => {
  let server;
  let p;
  let c;
  const made = {};
  const create = (who, body) => c[who].post('/api/v1/communities', body);

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Owner'], ['bo', 'member', 'Bo Member'], ['cy', 'member', 'Cy Outsider'],
      ['gus', 'guest', 'Gus Guest'], ['alf', 'alumnus', 'Alf Alum'],
    ]));
    for (const [key, type, extra] of [['open', 'open', {}], ['moderated', 'moderated', {}], ['listed', 'restricted', {}],
      ['secret', 'restricted', { listed: false }], ['clients', 'restricted', { allow_guests: true }]]) {
      const r = await create('ana', { name: `Team ${key}`, handle: `team-${key}`, description: `The **${key}** one`, type, tags: ['rust', 'Pilot'], ...extra });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.membership.role, 'owner');
      assert.equal(r.json.member_count, 1);
      made[key] = r.json;
    }
  });
  after(() => server.stop());

  test('creating checks its fields; guests and alumni cannot create', async () => {
    assert.equal(made.open.description_html, '<p>The <strong>open</strong> one</p>\n');
    assert.deepEqual(made.open.tags, ['pilot', 'rust']);
    assertProblem(assert, await create('ana', { name: 'x', handle: 'a', type: 'open' }), 422, { field: 'handle' });
    assertProblem(assert, await create('ana', { name: '', handle: 'fine-handle', type: 'open' }), 422, { field: 'name' });
    assertProblem(assert, await create('ana', { name: 'X', handle: 'fine-handle', type: 'club' }), 422, { field: 'type' });
    assertProblem(assert, await create('ana', { name: 'X', handle: 'fine-handle', type: 'open', listed: false }), 422, { field: 'listed' });
    assertProblem(assert, await create('bo', { name: 'Again', handle: 'TEAM-OPEN', type: 'open' }), 409, { field: 'handle' });
    assertProblem(assert, await create('ana', { name: 'X', handle: 'fine-handle', type: 'open', colour: 'red' }), 422);
    assertProblem(assert, await create('gus', { name: 'G', handle: 'guests-own', type: 'open' }), 403);
    assertProblem(assert, await create('alf', { name: 'A', handle: 'alumni-own', type: 'open' }), 403);
  });

  test('the directory shows listed communities, never a secret one to outsiders', async () => {
    const names = async (who, query = '') => (await c[who].get(`/api/v1/communities${query}`)).json.items.map((i) => i.handle);
    assert.deepEqual(await names('cy'), ['team-clients', 'team-listed', 'team-moderated', 'team-open']);
    assert.ok((await names('ana')).includes('team-secret'), 'its owner sees it');
    assert.deepEqual(await names('cy', '?q=moder'), ['team-moderated']);
    assert.deepEqual(await names('cy', '?q=secret'), []);
    assert.equal((await names('cy', '?q=rust')).length, 4, 'by tag');
    assert.deepEqual(await names('gus'), [], 'guests see only their own communities');
    assert.deepEqual(await names('alf'), [], 'alumni see alumni communities only');
    assertProblem(assert, await c.cy.get(`/api/v1/communities/${made.secret.id}`), 404);
    assertProblem(assert, await c.cy.get('/api/v1/communities/team-secret'), 404);
    assertProblem(assert, await c.cy.post(`/api/v1/communities/${made.secret.id}/join`), 404);
    assertProblem(assert, await c.cy.get(`/api/v1/feed?source=community:${made.secret.id}`), 404);
    assertProblem(assert, await c.cy.get(`/api/v1/communities/${made.secret.id}/members`), 404);
    const page = await c.cy.get('/api/v1/communities?limit=2');
    const rest = await c.cy.get(`/api/v1/communities?limit=2&cursor=${encodeURIComponent(page.json.next_cursor)}`);
    assert.deepEqual([...page.json.items, ...rest.json.items].map((i) => i.handle), ['team-clients', 'team-listed', 'team-moderated', 'team-open']);
  });

  test('join an open one, ask a moderated one, be invited to a restricted one', async () => {
    const joined = await c.bo.post(`/api/v1/communities/${made.open.id}/join`);
    assert.equal(joined.status, 200, joined.text);
    assert.equal(joined.json.membership.state, 'active');
    assert.equal(joined.json.member_count, 2);

    const asked = await c.bo.post(`/api/v1/communities/${made.moderated.id}/join`);
    assert.equal(asked.json.membership.state, 'pending');
    assertProblem(assert, await c.bo.get(`/api/v1/communities/${made.moderated.id}/members?state=pending`), 403);
    const pending = await c.ana.get(`/api/v1/communities/${made.moderated.id}/members?state=pending`);
    assert.deepEqual(pending.json.items.map((m) => m.person_id), [p.bo.id]);
    const notes = async (who) => (await c[who].get('/api/v1/notifications')).json.items;
    assert.ok((await notes('ana')).some((n) => n.kind === 'community_request' && n.community_id === made.moderated.id && n.actor.id === p.bo.id),
      'the owner hears of the request');
    const approved = await c.ana.patch(`/api/v1/communities/${made.moderated.id}/members/${p.bo.id}`, { state: 'active' });
    assert.equal(approved.status, 200, approved.text);
    assert.ok((await notes('bo')).some((n) => n.kind === 'community_accepted' && n.community_id === made.moderated.id));
    assert.equal((await c.bo.get(`/api/v1/communities/${made.moderated.id}`)).json.membership.state, 'active');

    assertProblem(assert, await c.bo.post(`/api/v1/communities/${made.listed.id}/join`), 403);
    assertProblem(assert, await c.bo.post(`/api/v1/communities/${made.secret.id}/invitations`, { person_id: p.cy.id }), 404);
    const invited = await c.ana.post(`/api/v1/communities/${made.secret.id}/invitations`, { person_id: p.bo.id });
    assert.equal(invited.status, 201, invited.text);
    assert.equal(invited.json.state, 'invited');
    assert.equal((await c.bo.get(`/api/v1/communities/${made.secret.id}`)).json.membership.state, 'invited', 'the invited may see it');
    assert.ok((await notes('bo')).some((n) => n.kind === 'community_invite' && n.community_id === made.secret.id && n.actor.id === p.ana.id));
    assert.equal((await c.bo.post(`/api/v1/communities/${made.secret.id}/join`)).json.membership.state, 'active');
    const members = await c.bo.get(`/api/v1/communities/${made.secret.id}/members`);
    assert.deepEqual(members.json.items.map((m) => [m.person_id, m.role]).sort(), [[p.ana.id, 'owner'], [p.bo.id, 'member']].sort());
    // Each member comes with their card: a page of members is one request.
    const ana = members.json.items.find((m) => m.person_id === p.ana.id).person;
    assert.equal(ana.id, p.ana.id);
    assert.equal(ana.display_name, p.ana.display_name);
    assert.ok('photo' in ana && 'handle' in ana);
  });

  test('avatars and banners: set by owners and moderators, re-encoded, shown to whoever sees the community', async () => {
    const put = (who, key, which, bytes, type = 'image/png') =>
      c[who].request('PUT', `/api/v1/communities/${key}/${which}`, { raw: bytes, headers: { 'Content-Type': type } });
    const before = mediaFiles(server.dataDir).length;
    const set = await put('ana', made.listed.id, 'avatar', png(300, 200, { comment: 'SECRET-EXIF' }));
    assert.equal(set.status, 200, set.text);
    assert.match(set.json.avatar.small, /^\/api\/v1\/communities\/\d+\/avatar\/64\?v=[0-9a-f]{16}$/);
    const small = await c.cy.get(set.json.avatar.small);
    assert.equal(small.status, 200, 'an outsider sees a listed community\'s avatar');
    assert.deepEqual(webpSize(small.bytes), { width: 64, height: 64 });
    assert.ok(!small.bytes.includes('SECRET-EXIF'));
    assert.match(small.headers.get('cache-control'), /immutable/);
    const banner = await put('ana', made.listed.id, 'banner', png(2400, 600));
    assert.deepEqual(webpSize((await c.ana.get(banner.json.banner.large)).bytes), { width: 1600, height: 400 });
    assert.equal(mediaFiles(server.dataDir).length, before + 4);
    assertProblem(assert, await put('bo', made.listed.id, 'avatar', png(20, 20)), 403); // sees it, is not a member
    assertProblem(assert, await put('ana', made.listed.id, 'avatar', Buffer.from('<?php echo 1; ?>'), 'image/jpeg'), 415, { field: 'image' });
    const secret = await put('ana', made.secret.id, 'avatar', png(40, 40));
    assert.equal(secret.status, 200);
    assertProblem(assert, await c.cy.get(secret.json.avatar.small), 404);
    assertProblem(assert, await put('bo', made.secret.id, 'avatar', png(20, 20)), 403); // a member, not a moderator (yet)
    assertProblem(assert, await put('cy', made.secret.id, 'avatar', png(20, 20)), 404); // for outsiders it does not exist
    assert.equal((await c.ana.delete(`/api/v1/communities/${made.listed.id}/avatar`)).status, 204);
    assert.equal((await c.ana.delete(`/api/v1/communities/${made.listed.id}/banner`)).status, 204);
    assert.equal((await c.ana.get(`/api/v1/communities/${made.listed.id}`)).json.avatar, null);
    assertProblem(assert, await c.cy.get(set.json.avatar.small), 404);
    assert.equal(mediaFiles(server.dataDir).length, before + 2, 'the listed community\'s files went; the secret one\'s stay');
  });

  test('roles: only owners set them, and the last owner cannot go', async () => {
    assertProblem(assert, await c.ana.post(`/api/v1/communities/${made.secret.id}/leave`), 409);
    assertProblem(assert, await c.ana.patch(`/api/v1/communities/${made.secret.id}/members/${p.ana.id}`, { role: 'member' }), 409);
    assertProblem(assert, await c.bo.patch(`/api/v1/communities/${made.secret.id}/members/${p.bo.id}`, { role: 'owner' }), 403);
    const promoted = await c.ana.patch(`/api/v1/communities/${made.secret.id}/members/${p.bo.id}`, { role: 'moderator' });
    assert.equal(promoted.json.role, 'moderator');
    const changed = await c.bo.patch(`/api/v1/communities/${made.secret.id}`, { description: 'Moderated by Bo' });
    assert.equal(changed.status, 200, changed.text);
    assertProblem(assert, await c.bo.patch(`/api/v1/communities/${made.secret.id}`, { name: 'Mine now' }), 403);
    assertProblem(assert, await c.ana.patch(`/api/v1/communities/${made.secret.id}/members/${p.bo.id}`, { role: 'boss' }), 422, { field: 'role' });
  });

  test('community posts: members post and read them; nobody else sees them anywhere', async () => {
    const post = await c.bo.post('/api/v1/posts', { body: 'Inside news #pilot', audience: 'community', community_id: made.secret.id });
    assert.equal(post.status, 201, post.text);
    assert.equal(post.json.audience, 'community');
    assert.deepEqual(post.json.community, { id: made.secret.id, handle: made.secret.handle, name: made.secret.name }, 'a post names its community');
    assertProblem(assert, await c.cy.post('/api/v1/posts', { body: 'let me in', audience: 'community', community_id: made.secret.id }), 422, { field: 'community_id' });
    assertProblem(assert, await c.bo.post('/api/v1/posts', { body: 'no community', audience: 'community' }), 422, { field: 'community_id' });
    const stream = await c.ana.get(`/api/v1/feed?source=community:${made.secret.id}`);
    assert.deepEqual(stream.json.items.map((i) => i.id), [post.json.id]);
    const inHome = (await c.ana.get('/api/v1/feed')).json.items.find((i) => i.id === post.json.id);
    assert.ok(inHome, 'in a member\'s home feed');
    assert.deepEqual(inHome.reason, { kind: 'community' }, 'because she is in its community');
    for (const who of ['cy', 'gus', 'alf']) {
      assertProblem(assert, await c[who].get(`/api/v1/posts/${post.json.id}`), 404);
      assertProblem(assert, await c[who].get(`/api/v1/content/${post.json.id}/comments`), 404);
      assert.ok(!(await c[who].get('/api/v1/feed?source=tag:pilot')).json.items.some((i) => i.id === post.json.id));
      assert.ok(!(await c[who].get(`/api/v1/feed?source=person:${p.bo.id}`)).json.items?.some((i) => i.id === post.json.id));
    }
    // Pinning: owners and moderators, posts of this community only.
    const pins = `/api/v1/communities/${made.secret.id}/pins`;
    assert.equal((await c.ana.request('PUT', `${pins}/${post.json.id}`)).status, 204);
    assert.deepEqual((await c.bo.get(pins)).json.items.map((i) => i.id), [post.json.id]);
    assertProblem(assert, await c.cy.get(pins), 404);
    const elsewhere = await c.ana.post('/api/v1/posts', { body: 'org-wide' });
    assertProblem(assert, await c.ana.request('PUT', `${pins}/${elsewhere.json.id}`), 422, { field: 'post_id' });
    assert.equal((await c.bo.request('DELETE', `${pins}/${post.json.id}`)).status, 204, 'a moderator unpins');
    assertProblem(assert, await c.bo.request('DELETE', `${pins}/${post.json.id}`), 404);
    assert.deepEqual((await c.ana.get(pins)).json.items, []);
    // A community's post is shared only within it.
    assertProblem(assert, await c.ana.post('/api/v1/posts', { body: 'fwd', share_of: post.json.id, audience: 'organization' }), 422, { field: 'audience' });
    const inside = await c.ana.post('/api/v1/posts', { body: 'fwd', share_of: post.json.id, audience: 'community', community_id: made.secret.id });
    assert.equal(inside.status, 201, inside.text);
    // Muting keeps it out of the home feed, not out of the community's stream.
    assert.equal((await c.ana.request('PUT', `/api/v1/communities/${made.secret.id}/mute`)).status, 200);
    assert.ok(!(await c.ana.get('/api/v1/feed')).json.items.some((i) => i.id === post.json.id), 'muted');
    assert.equal((await c.ana.get(`/api/v1/feed?source=community:${made.secret.id}`)).json.items.length, 2);
    assert.equal((await c.ana.delete(`/api/v1/communities/${made.secret.id}/mute`)).status, 200);
    assert.ok((await c.ana.get('/api/v1/feed')).json.items.some((i) => i.id === post.json.id), 'unmuted');
  });

  test('the forum: questions, replies, an accepted answer, sticky and locked topics, following', async () => {
    const base = `/api/v1/communities/${made.moderated.id}/topics`;
    const q = await c.bo.post(base, { title: 'How do we deploy?', body: 'Is there a **runbook**?', question: true });
    assert.equal(q.status, 201, q.text);
    assert.equal(q.json.question, true);
    assert.equal(q.json.following, true, 'the asker follows their topic');
    assert.equal(q.json.body_html, '<p>Is there a <strong>runbook</strong>?</p>\n');
    assertProblem(assert, await c.bo.post(base, { title: '', body: 'x' }), 422, { field: 'title' });
    assertProblem(assert, await c.cy.post(base, { title: 'Outsider', body: 'hi' }), 403);
    assert.deepEqual((await c.cy.get(base)).json.items, [], 'a non-member sees no topics of a listed community');
    assertProblem(assert, await c.cy.get(`/api/v1/topics/${q.json.id}`), 404);
    assertProblem(assert, await c.cy.get(`/api/v1/content/${q.json.id}/comments`), 404);

    assert.equal((await c.ana.post(`/api/v1/topics/${q.json.id}/follow`)).json.following, true);
    const reply = await c.ana.post(`/api/v1/content/${q.json.id}/comments`, { body: 'See the wiki page.' });
    assert.equal(reply.status, 201, reply.text);
    const second = await c.bo.post(`/api/v1/content/${q.json.id}/comments`, { body: 'Thanks!' });
    assert.equal(second.status, 201);
    const anaNotes = (await c.ana.get('/api/v1/notifications')).json.items;
    assert.ok(anaNotes.some((n) => n.kind === 'comment' && n.content_id === q.json.id), 'a follower hears of replies');
    assert.ok((await c.bo.get('/api/v1/notifications')).json.items.some((n) => n.kind === 'comment' && n.content_id === q.json.id));

    const other = await c.bo.post('/api/v1/posts', { body: 'elsewhere' });
    const elsewhere = await c.bo.post(`/api/v1/content/${other.json.id}/comments`, { body: 'not on the topic' });
    assertProblem(assert, await c.bo.patch(`/api/v1/topics/${q.json.id}`, { answer_id: elsewhere.json.id }), 422, { field: 'answer_id' });
    const answered = await c.bo.patch(`/api/v1/topics/${q.json.id}`, { answer_id: reply.json.id });
    assert.equal(answered.status, 200, answered.text);
    assert.equal(answered.json.answer_id, reply.json.id);
    assert.equal(answered.json.reply_count, 2);

    const later = await c.bo.post(base, { title: 'Lunch on Friday?', body: 'Anyone?' });
    assertProblem(assert, await c.bo.patch(`/api/v1/topics/${q.json.id}`, { sticky: true }), 403);
    assert.equal((await c.ana.patch(`/api/v1/topics/${q.json.id}`, { sticky: true })).json.sticky, true);
    const list = (await c.bo.get(base)).json.items.map((t) => t.id);
    assert.deepEqual(list, [q.json.id, later.json.id], 'sticky first, then newest');
    const page1 = await c.bo.get(`${base}?limit=1`);
    const page2 = await c.bo.get(`${base}?limit=1&cursor=${encodeURIComponent(page1.json.next_cursor)}`);
    assert.deepEqual([...page1.json.items, ...page2.json.items].map((t) => t.id), list);

    // The overview: counts of content for members only; newest members for whoever sees it.
    const activity = `/api/v1/communities/${made.moderated.id}/activity`;
    const mine = (await c.bo.get(activity)).json;
    assert.equal(mine.topics_30d, 2);
    assert.equal(mine.posts_30d, 0);
    assert.ok(mine.new_members.some((m) => m.person_id === p.bo.id));
    const outside = (await c.cy.get(activity)).json;
    assert.equal(outside.topics_30d, null, 'no counts of what they may not read');
    assert.equal(outside.new_members.length, mine.new_members.length);
    assertProblem(assert, await c.cy.get(`/api/v1/communities/${made.secret.id}/activity`), 404);

    assert.equal((await c.ana.patch(`/api/v1/topics/${q.json.id}`, { locked: true })).json.locked, true);
    assertProblem(assert, await c.bo.post(`/api/v1/content/${q.json.id}/comments`, { body: 'one more' }), 403);
    assertProblem(assert, await c.ana.patch(`/api/v1/topics/${q.json.id}`, { title: 'Mine' }), 403);
  });

  test('owners and moderators delete posts, comments and topics in their community (audited), nobody else\'s', async () => {
    const key = made.moderated.id;
    const post = await c.bo.post('/api/v1/posts', { body: 'off topic', audience: 'community', community_id: key });
    const comment = await c.bo.post(`/api/v1/content/${post.json.id}/comments`, { body: 'more off topic' });
    const topic = await c.bo.post(`/api/v1/communities/${key}/topics`, { title: 'Spam', body: 'spam' });
    const item = (await c.ana.get(`/api/v1/feed?source=community:${key}`)).json.items.find((i) => i.id === post.json.id);
    assert.equal(item.can_delete, true, 'a moderator may delete it');
    const orgPost = await c.bo.post('/api/v1/posts', { body: 'not in a community' });
    assertProblem(assert, await c.ana.delete(`/api/v1/posts/${orgPost.json.id}`), 403);
    assertProblem(assert, await c.cy.delete(`/api/v1/topics/${topic.json.id}`), 404);
    const dc = await c.ana.delete(`/api/v1/comments/${comment.json.id}`); assert.equal(dc.status, 204, dc.text);
    const dt = await c.ana.delete(`/api/v1/topics/${topic.json.id}`); assert.equal(dt.status, 204, dt.text);
    const dp = await c.ana.delete(`/api/v1/posts/${post.json.id}`); assert.equal(dp.status, 204, dp.text);
    assertProblem(assert, await c.bo.get(`/api/v1/posts/${post.json.id}`), 404);
    assertProblem(assert, await c.bo.get(`/api/v1/topics/${topic.json.id}`), 404);
  });

  test('members are found by a few letters of their name, in any spelling', async () => {
    const base = `/api/v1/communities/${made.open.id}/members`;
    const names = async (q) => (await c.cy.get(`${base}?q=${encodeURIComponent(q)}`)).json.items.map((m) => m.person.display_name);
    assert.deepEqual(await names('own'), ['Ana Owner']);
    assert.deepEqual(await names('OWNER ana'), ['Ana Owner'], 'every word, in any case');
    assert.deepEqual(await names('zz'), []);
    assertProblem(assert, await c.cy.get(`${base}?q=${'x'.repeat(201)}`), 422, { field: 'q' });
  });

  test('a removed or banned member loses access at once; a banned one cannot come back', async () => {
    const post = await c.ana.post('/api/v1/posts', { body: 'For members', audience: 'community', community_id: made.open.id });
    assert.equal((await c.bo.get(`/api/v1/posts/${post.json.id}`)).status, 200);
    assert.equal((await c.ana.delete(`/api/v1/communities/${made.open.id}/members/${p.bo.id}`)).status, 204);
    // An open community is read by everyone in the organization: removed, Bo still reads it,
    // but takes part only by joining again.
    assert.equal((await c.bo.get(`/api/v1/posts/${post.json.id}`)).status, 200);
    assert.equal((await c.bo.get(`/api/v1/feed?source=community:${made.open.id}`)).json.items.length > 0, true, 'an open community\'s stream');
    assertProblem(assert, await c.bo.post(`/api/v1/content/${post.json.id}/comments`, { body: 'still here' }), 403);
    assert.equal((await c.bo.post(`/api/v1/communities/${made.open.id}/join`)).json.membership.state, 'active', 'removed, not banned: may rejoin');
    assert.equal((await c.ana.request('DELETE', `/api/v1/communities/${made.open.id}/members/${p.bo.id}`, { body: { ban: true } })).status, 204);
    assertProblem(assert, await c.bo.get(`/api/v1/posts/${post.json.id}`), 404);
    assertProblem(assert, await c.bo.post(`/api/v1/communities/${made.open.id}/join`), 403);
    const banned = await c.ana.get(`/api/v1/communities/${made.open.id}/members?state=banned`);
    assert.deepEqual(banned.json.items.map((m) => m.person_id), [p.bo.id]);
  });

  test('invitations by e-mail: an account is invited as a person; a new address gets a link to a guest account', async () => {
    const inv = `/api/v1/communities/${made.clients.id}/invitations`;
    const existing = await c.ana.post(`/api/v1/communities/${made.listed.id}/invitations`, { email: 'BO@example.com' });
    assert.equal(existing.status, 201, existing.text);
    assert.equal(existing.json.person_id, p.bo.id);
    assertProblem(assert, await c.ana.post(`/api/v1/communities/${made.listed.id}/invitations`, { email: 'new@partner.example' }), 422, { field: 'email' });
    assertProblem(assert, await c.ana.post(inv, { email: 'not an address' }), 422, { field: 'email' });
    assertProblem(assert, await c.bo.post(inv, { email: 'new@partner.example' }), 403); // not a moderator
    const link = await c.ana.post(inv, { email: 'new@partner.example' });
    assert.equal(link.status, 201, link.text);
    const token = link.json.invite_url.match(/^\/invite#token=([\w-]+)$/)[1];
    const anonymous = new Client(server.url);
    const info = await anonymous.get(`/api/v1/invitations/${token}`);
    assert.equal(info.json.community.name, 'Team clients');
    assert.equal(info.json.email, 'new@partner.example');
    assertProblem(assert, await anonymous.post(`/api/v1/invitations/${token}/accept`, { display_name: 'Nia New', password: 'short' }), 422, { field: 'password' });
    const accepted = await anonymous.post(`/api/v1/invitations/${token}/accept`, { display_name: 'Nia New', password: 'nia-password-1' });
    assert.equal(accepted.status, 201, accepted.text);
    assert.equal(accepted.json.role, 'guest');
    assertProblem(assert, await anonymous.post(`/api/v1/invitations/${token}/accept`, { display_name: 'Again', password: 'nia-password-1' }), 404);
    assertProblem(assert, await anonymous.get(`/api/v1/invitations/${token}`), 404);
    assertProblem(assert, await anonymous.get('/api/v1/invitations/not-a-token'), 404);
    const nia = new Client(server.url);
    assert.equal((await nia.login('new@partner.example', 'nia-password-1')).status, 200);
    assert.equal((await nia.get(`/api/v1/communities/${made.clients.id}`)).json.membership.state, 'active');
    assert.deepEqual((await nia.get('/api/v1/communities')).json.items.map((i) => i.handle), ['team-clients']);
  });

  test('a removed member\'s open stream stops carrying the community at once', async () => {
    const key = made.listed.id;
    assert.equal((await c.ana.post(`/api/v1/communities/${key}/invitations`, { person_id: p.cy.id })).status, 201);
    assert.equal((await c.cy.post(`/api/v1/communities/${key}/join`)).json.membership.state, 'active');
    const token = (await c.cy.post('/api/v1/auth/tokens', { name: 'live' })).json.token;
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`, { headers: { Authorization: `Bearer ${token}` } });
    const events = [];
    ws.on('message', (d) => events.push(JSON.parse(d.toString())));
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    try {
      const first = await c.ana.post('/api/v1/posts', { body: 'while cy is in', audience: 'community', community_id: key });
      const until = async (check) => { for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20)); };
      await until(() => events.some((e) => e.type === 'post' && e.data.id === first.json.id));
      assert.ok(events.some((e) => e.type === 'post' && e.data.id === first.json.id), 'a member gets it live');
      ws.send(JSON.stringify({ type: 'watch', ids: [first.json.id] }));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await c.ana.delete(`/api/v1/communities/${key}/members/${p.cy.id}`)).status, 204);
      const second = await c.ana.post('/api/v1/posts', { body: 'after cy left', audience: 'community', community_id: key });
      await c.ana.post(`/api/v1/content/${first.json.id}/comments`, { body: 'a comment cy must not see' });
      const witness = await c.cy.post('/api/v1/posts', { body: 'cy posts for the org' });
      await until(() => events.some((e) => e.type === 'post' && e.data.id === witness.json.id));
      assert.ok(events.some((e) => e.type === 'post' && e.data.id === witness.json.id), 'the stream still works');
      assert.ok(!events.some((e) => e.type === 'post' && e.data.id === second.json.id), 'no new community post');
      assert.ok(!events.some((e) => e.type === 'comment' && e.data.content_id === first.json.id), 'no comment on a watched one');
    } finally {
      ws.terminate();
    }
  });

  test('guests join only communities that allow guests, and see nothing of the organization', async () => {
    assertProblem(assert, await c.ana.post(`/api/v1/communities/${made.listed.id}/invitations`, { person_id: p.gus.id }), 422, { field: 'person_id' });
    assert.equal((await c.ana.post(`/api/v1/communities/${made.clients.id}/invitations`, { person_id: p.gus.id })).status, 201);
    assert.equal((await c.gus.post(`/api/v1/communities/${made.clients.id}/join`)).json.membership.state, 'active');
    assert.deepEqual((await c.gus.get('/api/v1/communities')).json.items.map((i) => i.handle), ['team-clients']);
    const mine = await c.gus.post('/api/v1/posts', { body: 'Hello from the client side', audience: 'community', community_id: made.clients.id });
    assert.equal(mine.status, 201, mine.text);
    assert.ok((await c.ana.get(`/api/v1/feed?source=community:${made.clients.id}`)).json.items.some((i) => i.id === mine.json.id));
    const orgPost = await c.ana.post('/api/v1/posts', { body: 'internal only' });
    assertProblem(assert, await c.gus.get(`/api/v1/posts/${orgPost.json.id}`), 404);
    // Profiles: a guest and the people they share a community with see each other; no one else.
    assert.equal((await c.gus.get(`/api/v1/people/${p.ana.id}`)).status, 200);
    assert.equal((await c.ana.get(`/api/v1/people/${p.gus.id}`)).status, 200);
    assertProblem(assert, await c.gus.get(`/api/v1/people/${p.cy.id}`), 404);
    assertProblem(assert, await c.cy.get(`/api/v1/people/${p.gus.id}`), 404);
    assert.equal((await c.ana.delete(`/api/v1/communities/${made.clients.id}/members/${p.gus.id}`)).status, 204);
    assertProblem(assert, await c.gus.get(`/api/v1/people/${p.ana.id}`), 404); // not after leaving it
  });
});

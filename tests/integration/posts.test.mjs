// Status updates, shares, edits and deletion; comments and reactions; feeds; notifications.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, Client, setupAdmin, startServer } from '../support/server.mjs';

describe('posts, comments, reactions, feeds and notifications', () => {
  let server;
  let admin;
  let people;
  let clients;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    ({ people, clients } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Berg'], ['bo', 'member', 'Bo Ek'], ['cy', 'member', 'Cy Lund'],
      ['dee', 'member', 'Dee Ström'], ['gus', 'guest', 'Gus Guest'], ['al', 'alumnus', 'Al Umnus'],
    ]));
  });
  after(() => server.stop());

  const post = (who, body) => clients[who].post('/api/v1/posts', body);
  const notes = async (who) => (await clients[who].get('/api/v1/notifications')).json;

  test('a post renders Markdown safely, links mentions and hashtags, and refuses bad input naming the field', async () => {
    const r = await post('ana', { body: `Hello @${people.bo.handle} and @nobody-here, see #Kubernetes and \`#not-a-tag\`\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>` });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.get('location'), `/api/v1/posts/${r.json.id}`);
    assert.equal(r.json.audience, 'organization');
    assert.equal(r.json.author.handle, 'ana');
    assert.ok(r.json.body_html.includes(`<a href="/people/${people.bo.handle}" class="mention" title="@${people.bo.handle}">Bo Ek</a>`), r.json.body_html);
    assert.ok((await notes('bo')).items.some((n) => n.kind === 'mention' && n.content_id === r.json.id));
    assert.match(r.json.body_html, /@nobody-here/);
    assert.doesNotMatch(r.json.body_html, /href="\/people\/nobody-here"/);
    assert.match(r.json.body_html, /<a href="\/tags\/kubernetes">#Kubernetes<\/a>/);
    assert.match(r.json.body_html, /<code>#not-a-tag<\/code>/);
    assert.doesNotMatch(r.json.body_html, /<script|javascript:|onerror=|<img/i);
    assert.deepEqual(r.json.tags, ['kubernetes']);

    for (const [body, field] of [
      [{ body: '   ' }, 'body'], [{ body: 'x'.repeat(5001) }, 'body'], [{}, 'body'], [{ body: 5 }, 'body'],
      [{ body: 'hi', audience: 'everyone' }, 'audience'], [{ body: 'hi', audience: 'restricted' }, 'people'],
      [{ body: 'hi', audience: 'restricted', people: ['12x'] }, 'people[0]'],
      [{ body: 'hi', audience: 'restricted', people: ['999999'] }, 'people[0]'],
      [{ body: 'hi', people: [people.bo.id] }, 'people'],
      [{ body: 'hi', image_ids: ['1', '2', '3', '4', '5'] }, 'image_ids'],
      [{ body: 'hi', colour: 'red' }, 'colour'],
    ]) assertProblem(assert, await post('ana', body), 422, { field });
    assertProblem(assert, await clients.ana.request('POST', '/api/v1/posts', { raw: '{"body":', headers: { 'Content-Type': 'application/json' } }), 400);
    assertProblem(assert, await clients.al.post('/api/v1/posts', { body: 'alumni cannot post' }), 403);
    assertProblem(assert, await clients.gus.post('/api/v1/posts', { body: 'to everyone' }), 422, { field: 'audience' });
  });

  test('mentions show the name as it is now and follow a changed handle; the author of a post for named people sees whom', async () => {
    const written = (await post('cy', { body: `Thanks @dee <b>and</b> [her page](/people/dee), and @dee again` })).json;
    const comment = (await clients.bo.post(`/api/v1/content/${written.id}/comments`, { body: 'Agreed, @dee!' })).json;
    assert.equal(comment.body_html, '<p>Agreed, <a href="/people/dee" class="mention" title="@dee">Dee Ström</a>!</p>\n');
    const renamed = await admin.patch(`/api/v1/admin/users/${people.dee.id}`, { display_name: 'Dee <Lind> & Co' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((await clients.dee.patch('/api/v1/people/me', { handle: 'dee.lind' })).status, 200);
    const mention = '<a href="/people/dee.lind" class="mention" title="@dee.lind">Dee &lt;Lind&gt; &amp; Co</a>';
    const read = (await clients.ana.get(`/api/v1/posts/${written.id}`)).json;
    assert.equal(read.body_html, `<p>Thanks ${mention} <!-- raw HTML omitted -->and<!-- raw HTML omitted --> <a href="/people/dee">her page</a>, and ${mention} again</p>\n`,
      'the new name, escaped, under the new handle; a link someone wrote stays as written');
    const comments = (await clients.ana.get(`/api/v1/content/${written.id}/comments`)).json;
    assert.equal(comments.items[0].body_html, `<p>Agreed, ${mention}!</p>\n`);
    assert.equal(read.body, 'Thanks @dee <b>and</b> [her page](/people/dee), and @dee again', 'the text as written is kept');
    assert.equal((await clients.dee.patch('/api/v1/people/me', { handle: 'dee' })).status, 200);
    assert.equal((await admin.patch(`/api/v1/admin/users/${people.dee.id}`, { display_name: 'Dee Ström' })).status, 200);

    const named = await post('ana', { body: 'For you two', audience: 'restricted', people: [people.bo.id, people.cy.id] });
    assert.equal(named.status, 201, named.text);
    for (const source of [named.json, (await clients.ana.get(`/api/v1/posts/${named.json.id}`)).json,
      (await clients.ana.get(`/api/v1/feed?source=person:${people.ana.id}`)).json.items.find((p) => p.id === named.json.id)]) {
      assert.deepEqual(source.readers.map((c) => c.display_name).sort(), ['Bo Ek', 'Cy Lund']);
      assert.deepEqual(source.people.sort(), [people.bo.id, people.cy.id].sort());
    }
    const seenByBo = (await clients.bo.get(`/api/v1/posts/${named.json.id}`)).json;
    assert.equal(seenByBo.readers, undefined, 'only the author sees whom it names');
    const boFeed = (await clients.bo.get('/api/v1/feed')).json.items.find((p) => p.id === named.json.id);
    assert.ok(boFeed, 'bo sees the post meant for him');
    assert.equal(boFeed.readers, undefined);
  });

  test('a retried post with the same Idempotency-Key is created once', async () => {
    const headers = { 'Idempotency-Key': 'post-retry-1' };
    const a = await clients.bo.request('POST', '/api/v1/posts', { body: { body: 'only once' }, headers });
    const b = await clients.bo.request('POST', '/api/v1/posts', { body: { body: 'only once' }, headers });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(a.json.id, b.json.id);
    const timeline = await clients.bo.get(`/api/v1/feed?source=person:${people.bo.id}`);
    assert.equal(timeline.json.items.filter((i) => i.body === 'only once').length, 1);
  });

  test('editing keeps every version; only the author edits; the author or an admin deletes, and it is gone everywhere', async () => {
    const p = (await post('cy', { body: 'first #draft' })).json;
    assertProblem(assert, await clients.bo.patch(`/api/v1/posts/${p.id}`, { body: 'hijack' }), 403);
    const e = await clients.cy.patch(`/api/v1/posts/${p.id}`, { body: 'second, now with @dee' });
    assert.equal(e.status, 200, e.text);
    assert.ok(e.json.edited_at);
    assert.deepEqual(e.json.tags, []);
    const h = await clients.bo.get(`/api/v1/posts/${p.id}/revisions`);
    assert.deepEqual(h.json.items.map((r) => [r.revision, r.body]), [[1, 'first #draft'], [2, 'second, now with @dee']]);
    assert.ok((await notes('dee')).items.some((n) => n.kind === 'mention' && n.content_id === p.id), 'a mention added by an edit notifies');

    const c = await clients.bo.post(`/api/v1/content/${p.id}/comments`, { body: 'nice' });
    assert.equal(c.status, 201);
    await clients.dee.request('PUT', `/api/v1/content/${p.id}/reactions/like`);
    assert.ok((await notes('cy')).items.some((n) => n.content_id === p.id));
    assertProblem(assert, await clients.bo.delete(`/api/v1/posts/${p.id}`), 403);
    assert.equal((await clients.cy.delete(`/api/v1/posts/${p.id}`)).status, 204);
    assertProblem(assert, await clients.cy.get(`/api/v1/posts/${p.id}`), 404);
    assertProblem(assert, await clients.bo.get(`/api/v1/content/${p.id}/comments`), 404);
    assertProblem(assert, await clients.bo.get(`/api/v1/content/${p.id}/reactions`), 404);
    assert.ok(!(await notes('cy')).items.some((n) => n.content_id === p.id), 'its notifications are gone');
    assert.ok(!(await notes('dee')).items.some((n) => n.content_id === p.id));
    const feed = await clients.cy.get(`/api/v1/feed?source=person:${people.cy.id}`);
    assert.ok(!feed.json.items.some((i) => i.id === p.id));

    const q = (await post('cy', { body: 'an admin removes this' })).json;
    assert.equal((await admin.delete(`/api/v1/posts/${q.id}`)).status, 204);
    assertProblem(assert, await clients.cy.get(`/api/v1/posts/${q.id}`), 404);
    // Each removal is a row of its own in the audit log (a second one once clashed with the first).
    const r = (await post('cy', { body: 'and this' })).json;
    const rc = (await clients.cy.post(`/api/v1/content/${r.id}/comments`, { body: 'mine' })).json;
    assert.equal((await admin.delete(`/api/v1/comments/${rc.id}`)).status, 204);
    assert.equal((await admin.delete(`/api/v1/posts/${r.id}`)).status, 204);
  });

  test('a share carries its own comment and can only narrow the audience', async () => {
    const pub = (await post('ana', { body: 'public news', audience: 'public' })).json;
    const s = await post('bo', { body: 'worth reading', share_of: pub.id });
    assert.equal(s.status, 201, s.text);
    assert.equal(s.json.shared.id, pub.id);
    assert.equal(s.json.shared.body, 'public news');
    assert.equal((await clients.ana.get(`/api/v1/posts/${pub.id}`)).json.share_count, 1);
    assert.ok((await notes('ana')).items.some((n) => n.kind === 'share' && n.content_id === s.json.id));

    const org = (await post('ana', { body: 'internal news' })).json;
    assertProblem(assert, await post('bo', { body: 'out!', share_of: org.id, audience: 'public' }), 422, { field: 'audience' });
    const narrow = (await post('ana', { body: 'for bo and cy', audience: 'restricted', people: [people.bo.id, people.cy.id] })).json;
    assertProblem(assert, await post('bo', { body: 'fwd', share_of: narrow.id }), 422, { field: 'audience' });
    assertProblem(assert, await post('bo', { body: 'fwd', share_of: narrow.id, audience: 'restricted', people: [people.dee.id] }), 422, { field: 'people[0]' });
    const ok = await post('bo', { body: 'fwd', share_of: narrow.id, audience: 'restricted', people: [people.cy.id] });
    assert.equal(ok.status, 201, ok.text);
    assertProblem(assert, await post('dee', { body: 'fwd', share_of: narrow.id, audience: 'restricted', people: [people.cy.id] }), 422, { field: 'share_of' });

    assert.equal((await clients.ana.delete(`/api/v1/posts/${pub.id}`)).status, 204);
    const orphan = await clients.bo.get(`/api/v1/posts/${s.json.id}`);
    assert.equal(orphan.json.shared, null);
    assert.equal(orphan.json.shared_unavailable, true);
  });

  test('comments and replies: two levels, edits by the author, deletion by the author, the content author or an admin', async () => {
    const p = (await post('dee', { body: 'discuss' })).json;
    const c1 = (await clients.ana.post(`/api/v1/content/${p.id}/comments`, { body: 'first' })).json;
    const r1 = (await clients.bo.post(`/api/v1/content/${p.id}/comments`, { body: 'reply', reply_to: c1.id })).json;
    const r2 = await clients.cy.post(`/api/v1/content/${p.id}/comments`, { body: 'reply to reply', reply_to: r1.id });
    assert.equal(r2.json.reply_to, c1.id, 'a reply to a reply joins the thread');
    const list = await clients.bo.get(`/api/v1/content/${p.id}/comments?limit=2`);
    assert.deepEqual(list.json.items.map((x) => x.body), ['first', 'reply']);
    const more = await clients.bo.get(`/api/v1/content/${p.id}/comments?limit=2&cursor=${encodeURIComponent(list.json.next_cursor)}`);
    assert.deepEqual(more.json.items.map((x) => x.body), ['reply to reply']);
    assert.equal(more.json.next_cursor, null);
    assert.equal((await clients.dee.get(`/api/v1/posts/${p.id}`)).json.comment_count, 3);

    const dn = await notes('dee');
    assert.ok(dn.items.some((n) => n.kind === 'comment' && n.comment_id === c1.id));
    const an = await notes('ana');
    assert.ok(an.items.some((n) => n.kind === 'reply' && n.comment_id === r1.id), 'the replied-to author hears of the reply');

    assertProblem(assert, await clients.bo.patch(`/api/v1/comments/${c1.id}`, { body: 'not mine' }), 403);
    const ed = await clients.ana.patch(`/api/v1/comments/${c1.id}`, { body: '**first**, edited' });
    assert.equal(ed.status, 200);
    assert.match(ed.json.body_html, /<strong>first<\/strong>/);
    assert.ok(ed.json.edited_at);
    for (const [body, field] of [[{ body: '' }, 'body'], [{ body: 'x', reply_to: 'abc' }, 'reply_to'], [{ body: 'x', reply_to: '123' }, 'reply_to'], [{ body: 'x'.repeat(5001) }, 'body']])
      assertProblem(assert, await clients.bo.post(`/api/v1/content/${p.id}/comments`, body), 422, { field });
    assertProblem(assert, await clients.bo.delete(`/api/v1/comments/${c1.id}`), 403);
    assert.equal((await clients.dee.delete(`/api/v1/comments/${c1.id}`)).status, 204, 'the content author moderates their thread');
    const after = await clients.bo.get(`/api/v1/content/${p.id}/comments`);
    assert.equal(after.json.items.length, 0, 'replies go with their comment');
    assert.equal((await clients.dee.get(`/api/v1/posts/${p.id}`)).json.comment_count, 0);
    assert.ok(!(await notes('ana')).items.some((n) => n.comment_id === r1.id));
  });

  test('reactions: one per person, a fixed set, counts, who reacted, grouped notifications', async () => {
    const p = (await post('ana', { body: 'react to me' })).json;
    assertProblem(assert, await clients.bo.request('PUT', `/api/v1/content/${p.id}/reactions/angry`), 422, { field: 'kind' });
    let r = await clients.bo.request('PUT', `/api/v1/content/${p.id}/reactions/like`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { counts: { like: 1 }, total: 1, mine: 'like' });
    r = await clients.bo.request('PUT', `/api/v1/content/${p.id}/reactions/celebrate`);
    assert.deepEqual(r.json, { counts: { celebrate: 1 }, total: 1, mine: 'celebrate' }, 'a second kind replaces the first');
    await clients.cy.request('PUT', `/api/v1/content/${p.id}/reactions/like`);
    await clients.dee.request('PUT', `/api/v1/content/${p.id}/reactions/like`);
    const view = await clients.ana.get(`/api/v1/posts/${p.id}`);
    assert.equal(view.json.reaction_count, 3);
    assert.deepEqual(view.json.reactions, { counts: { like: 2, celebrate: 1 }, total: 3, mine: null });
    const who = await clients.ana.get(`/api/v1/content/${p.id}/reactions?kind=like`);
    assert.deepEqual(who.json.items.map((x) => x.person.id).sort(), [people.cy.id, people.dee.id].sort());

    const grouped = (await notes('ana')).items.filter((n) => n.kind === 'reaction' && n.content_id === p.id);
    assert.equal(grouped.length, 1, 'reactions on one target make one notification');
    assert.equal(grouped[0].actor_count, 3);
    assert.equal(grouped[0].actor.id, people.dee.id, 'the latest actor is named');
    assert.equal(grouped[0].content_kind, 'post');
    assert.equal(grouped[0].snippet, 'react to me', 'which post, in a line');
    assert.equal(grouped[0].reaction, 'like', 'and which reaction');
    await clients.dee.request('DELETE', `/api/v1/content/${p.id}/reactions/like`);
    const after = (await notes('ana')).items.find((n) => n.kind === 'reaction' && n.content_id === p.id);
    assert.equal(after.actor_count, 2);

    const c = (await clients.bo.post(`/api/v1/content/${p.id}/comments`, { body: 'a comment to like' })).json;
    r = await clients.ana.request('PUT', `/api/v1/content/${c.id}/reactions/insightful`);
    assert.deepEqual(r.json, { counts: { insightful: 1 }, total: 1, mine: 'insightful' });
    const comments = await clients.cy.get(`/api/v1/content/${p.id}/comments`);
    assert.deepEqual(comments.json.items[0].reactions.counts, { insightful: 1 });
    const onComment = (await notes('bo')).items.find((n) => n.kind === 'reaction' && n.comment_id === c.id);
    assert.equal(onComment.snippet, 'a comment to like', 'a comment\'s own text');
    assert.equal(onComment.reaction, 'insightful');
  });

  const tagFeedReason = (r) => r.json.items[0]?.reason;
  test('home feed: followed people and hashtags, posts shared with me by name, my own; newest first with cursors', async () => {
    const [x, y, z] = await Promise.all([
      addPeople(server, admin, [['fay', 'member', 'Fay Feed']]),
      addPeople(server, admin, [['hal', 'member', 'Hal Heed']]),
      addPeople(server, admin, [['ivy', 'member', 'Ivy Ink']]),
    ]);
    const fay = x.clients.fay;
    const hal = y.people.hal;
    const ivy = z.clients.ivy;
    assert.equal((await fay.post(`/api/v1/people/${hal.id}/follow`)).status, 204);
    const fromHal = (await y.clients.hal.post('/api/v1/posts', { body: 'from hal' })).json;
    const unfollowed = (await ivy.post('/api/v1/posts', { body: 'from ivy, nobody follows' })).json;
    const tagged = (await ivy.post('/api/v1/posts', { body: 'ivy on #rust' })).json;
    const mine = (await fay.post('/api/v1/posts', { body: 'my own' })).json;
    const direct = (await ivy.post('/api/v1/posts', { body: 'just for fay', audience: 'restricted', people: [x.people.fay.id] })).json;
    let feed = (await fay.get('/api/v1/feed')).json;
    let ids = feed.items.map((i) => i.id);
    assert.deepEqual(ids, [direct.id, mine.id, fromHal.id]);
    assert.equal((await fay.post('/api/v1/tags/Rust/follow')).json.followed_by_me, true);
    feed = (await fay.get('/api/v1/feed?limit=2')).json;
    assert.deepEqual(feed.items.map((i) => i.id), [direct.id, mine.id]);
    const rest = (await fay.get(`/api/v1/feed?limit=2&cursor=${encodeURIComponent(feed.next_cursor)}`)).json;
    assert.deepEqual(rest.items.map((i) => i.id), [tagged.id, fromHal.id]);
    assert.ok(!rest.items.some((i) => i.id === unfollowed.id));
    // Each says why it is there.
    assert.deepEqual([...feed.items, ...rest.items].map((i) => i.reason),
      [{ kind: 'named' }, { kind: 'own' }, { kind: 'tag', tag: 'rust' }, { kind: 'following' }]);
    assert.equal(tagFeedReason(await fay.get('/api/v1/feed?source=tag:rust')), undefined, 'only the home feed says why');
    for (const i of [...feed.items, ...rest.items]) {
      assert.equal(i.kind, 'post');
      assert.ok(i.author.id && i.created_at && Number.isInteger(i.comment_count) && Number.isInteger(i.reaction_count));
    }
    const tagFeed = (await fay.get('/api/v1/feed?source=tag:rust')).json;
    assert.deepEqual(tagFeed.items.map((i) => i.id), [tagged.id]);
    await fay.delete('/api/v1/tags/rust/follow');
    assert.ok(!(await fay.get('/api/v1/feed')).json.items.some((i) => i.id === tagged.id));
    // Follow lists are kept in memory: an unfollow and a follow show on the very next page.
    assert.equal((await fay.delete(`/api/v1/people/${hal.id}/follow`)).status, 204);
    assert.ok(!(await fay.get('/api/v1/feed')).json.items.some((i) => i.id === fromHal.id));
    assert.equal((await fay.post(`/api/v1/people/${hal.id}/follow`)).status, 204);
    assert.ok((await fay.get('/api/v1/feed')).json.items.some((i) => i.id === fromHal.id));
    assertProblem(assert, await fay.get('/api/v1/feed?source=group:1'), 422, { field: 'source' });
    assertProblem(assert, await fay.get('/api/v1/feed?cursor=nonsense'), 400);
    assertProblem(assert, await new Client(server.url).get('/api/v1/feed'), 401);
  });

  test('notifications: follows, read state, settings, and no notice for a mention one cannot read', async () => {
    const { people: p2, clients: c2 } = await addPeople(server, admin, [['kim', 'member', 'Kim Note'], ['lee', 'member', 'Lee Note']]);
    await c2.lee.post(`/api/v1/people/${p2.kim.id}/follow`);
    let n = await c2.kim.get('/api/v1/notifications');
    assert.equal(n.json.unread, 1);
    assert.equal(n.json.items[0].kind, 'follow');
    assert.equal(n.json.items[0].actor.handle, 'lee');
    const r = await c2.kim.post('/api/v1/notifications/read', { ids: [n.json.items[0].id] });
    assert.equal(r.json.unread, 0);
    assertProblem(assert, await c2.kim.post('/api/v1/notifications/read', {}), 422, { field: 'ids' });
    assertProblem(assert, await c2.kim.post('/api/v1/notifications/read', { ids: ['x'] }), 422, { field: 'ids[0]' });

    const s = await c2.kim.request('PUT', '/api/v1/notifications/settings', { body: { mention: false } });
    assert.equal(s.json.mention, false);
    assert.equal(s.json.comment, true);
    assertProblem(assert, await c2.kim.request('PUT', '/api/v1/notifications/settings', { body: { gossip: true } }), 422, { field: 'gossip' });
    await c2.lee.post('/api/v1/posts', { body: 'hey @kim' });
    assert.equal((await c2.kim.get('/api/v1/notifications')).json.unread, 0, 'mentions turned off');
    await c2.kim.request('PUT', '/api/v1/notifications/settings', { body: { mention: true } });

    await c2.lee.post('/api/v1/posts', { body: 'secret for ana about @kim', audience: 'restricted', people: [people.ana.id] });
    await clients.ana.post('/api/v1/posts', { body: 'hello @gus and @al' });
    assert.equal((await c2.kim.get('/api/v1/notifications')).json.unread, 0, 'kim cannot read it: no notice');
    assert.equal((await clients.gus.get('/api/v1/notifications')).json.unread, 0, 'guests cannot read organization posts');
    assert.equal((await clients.al.get('/api/v1/notifications')).json.unread, 0);
    await c2.lee.post('/api/v1/posts', { body: 'fine for @kim' });
    n = await c2.kim.get('/api/v1/notifications');
    assert.equal(n.json.unread, 1);
    assert.equal((await c2.kim.post('/api/v1/notifications/read', { all: true })).json.unread, 0);
  });
});

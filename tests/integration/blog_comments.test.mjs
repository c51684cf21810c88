// Comment moderation on blogs: owners say what becomes of readers' comments (open, a person's
// first held, every one held, closed); a held comment is read by its author and the blog's
// owners and editors only, counts, notifies, takes replies and reactions, and is found by
// search only once approved.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, eventually, setupAdmin, startServer } from '../support/server.mjs';

describe('blog comment moderation', () => {
  let server;
  let p;
  let c;
  let entry;

  const comments = async (who) => {
    const r = await c[who].get(`/api/v1/content/${entry.id}/comments?limit=100`);
    assert.equal(r.status, 200, r.text);
    return r.json.items;
  };
  const notes = async (who, kind) => (await c[who].get('/api/v1/notifications?limit=50')).json.items.filter((n) => n.kind === kind);
  const count = async () => (await c.ana.get(`/api/v1/blog-entries/${entry.id}`)).json.comment_count;
  const comment = async (who, body, extra = {}) => c[who].post(`/api/v1/content/${entry.id}/comments`, { body, ...extra });

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Owner'], ['bo', 'member', 'Bo Editor'], ['cy', 'member', 'Cy Author'],
      ['dee', 'member', 'Dee Reader'], ['eve', 'member', 'Eve Reader'], ['gus', 'guest', 'Gus Guest'],
    ]));
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'Field notes', handle: 'field-notes' })).status, 201);
    for (const [who, role] of [['bo', 'editor'], ['cy', 'author']])
      assert.equal((await c.ana.put(`/api/v1/blogs/field-notes/roles/${p[who].handle}`, { role })).status, 200);
    const e = await c.ana.post('/api/v1/blogs/field-notes/entries', { title: 'Moss survey', body: 'Counting moss', publish: true });
    assert.equal(e.status, 201, e.text);
    entry = e.json;
  });
  after(() => server.stop());

  test('owners, and only they, change a blog and its comment policy', async () => {
    assert.equal(entry.blog.comment_policy, 'open');
    assertProblem(assert, await c.ana.patch('/api/v1/blogs/field-notes', { comment_policy: 'sometimes' }), 422, { field: 'comment_policy' });
    assertProblem(assert, await c.ana.patch('/api/v1/blogs/field-notes', { name: '' }), 422, { field: 'name' });
    assertProblem(assert, await c.ana.patch('/api/v1/blogs/field-notes', { colour: 'green' }), 422);
    assertProblem(assert, await c.bo.patch('/api/v1/blogs/field-notes', { comment_policy: 'open' }), 403);
    assertProblem(assert, await c.dee.patch('/api/v1/blogs/field-notes', { comment_policy: 'open' }), 403);
    assertProblem(assert, await c.gus.patch('/api/v1/blogs/field-notes', { comment_policy: 'open' }), 404);
    const r = await c.ana.patch('/api/v1/blogs/field-notes', { comment_policy: 'hold_first', description: 'What grows where' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.comment_policy, 'hold_first');
    assert.equal(r.json.description, 'What grows where');
    assert.equal((await c.dee.get('/api/v1/blogs/field-notes')).json.comment_policy, 'hold_first');
    assert.equal((await c.dee.get(`/api/v1/blog-entries/${entry.id}`)).json.blog.comment_policy, 'hold_first');
  });

  test('a held comment is read by its author and the blog\'s moderators only, and waits for approval', async () => {
    const held = await comment('dee', 'Quokka sightings near the moss');
    assert.equal(held.status, 201, held.text);
    assert.equal(held.json.held, true);
    assert.equal(held.json.can_approve, false);
    const other = await comment('eve', 'Wombat tracks too');
    assert.equal(other.json.held, true);
    assert.equal(await count(), 0, 'held comments are not counted');

    // Who reads which.
    const ids = async (who) => (await comments(who)).map((x) => x.id);
    assert.deepEqual(await ids('dee'), [held.json.id]);
    assert.deepEqual(await ids('eve'), [other.json.id]);
    assert.deepEqual(await ids('cy'), [], 'an author of the blog does not moderate');
    const seenByAna = await comments('ana');
    assert.deepEqual(seenByAna.map((x) => x.id), [held.json.id, other.json.id]);
    assert.ok(seenByAna.every((x) => x.held && x.can_approve && x.can_delete));

    // Nobody else replies to it, reacts to it or approves it; its author does not approve it.
    assertProblem(assert, await comment('eve', 'me too', { reply_to: held.json.id }), 422, { field: 'reply_to' });
    assertProblem(assert, await c.eve.put(`/api/v1/content/${held.json.id}/reactions/like`), 404);
    assertProblem(assert, await c.eve.post(`/api/v1/comments/${held.json.id}/approval`), 404);
    assertProblem(assert, await c.cy.post(`/api/v1/comments/${held.json.id}/approval`), 404);
    assertProblem(assert, await c.dee.post(`/api/v1/comments/${held.json.id}/approval`), 403);
    assertProblem(assert, await c.eve.delete(`/api/v1/comments/${held.json.id}`), 404);

    // The owner and the editor hear of it; the author of the blog and the entry's readers do not.
    for (const who of ['ana', 'bo']) {
      const n = (await notes(who, 'comment_held')).find((x) => x.comment_id === held.json.id);
      assert.ok(n, `${who} is told a comment waits`);
      assert.equal(n.content_kind, 'blog_entry');
      assert.equal(n.actor.handle, p.dee.handle);
    }
    assert.equal((await notes('cy', 'comment_held')).length, 0);
    assert.equal((await notes('ana', 'comment')).length, 0, 'the entry\'s author hears of it once it is shown');

    // The queue: owners and editors; other readers are refused, those who may not see the blog find nothing.
    const queue = await c.bo.get('/api/v1/blogs/field-notes/held-comments');
    assert.equal(queue.status, 200, queue.text);
    assert.deepEqual(queue.json.items.map((x) => [x.id, x.entry.id, x.entry.title]),
      [[held.json.id, entry.id, 'Moss survey'], [other.json.id, entry.id, 'Moss survey']]);
    assertProblem(assert, await c.cy.get('/api/v1/blogs/field-notes/held-comments'), 403);
    assertProblem(assert, await c.eve.get('/api/v1/blogs/field-notes/held-comments'), 403);
    assertProblem(assert, await c.gus.get('/api/v1/blogs/field-notes/held-comments'), 404);

    // Approved by the editor: shown, counted, told, found; the waiting notices are gone.
    const ok = await c.bo.post(`/api/v1/comments/${held.json.id}/approval`);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.held, false);
    assert.equal((await c.bo.post(`/api/v1/comments/${held.json.id}/approval`)).status, 200, 'approving twice is harmless');
    assert.equal(await count(), 1);
    assert.deepEqual(await ids('eve'), [held.json.id, other.json.id]);
    assert.deepEqual(await ids('cy'), [held.json.id]);
    assert.ok((await notes('ana', 'comment')).some((x) => x.comment_id === held.json.id));
    for (const who of ['ana', 'bo'])
      assert.ok(!(await notes(who, 'comment_held')).some((x) => x.comment_id === held.json.id), `${who}'s notice went`);
    assert.equal((await c.eve.put(`/api/v1/content/${held.json.id}/reactions/like`)).status, 200);
    const search = async (who, word) => (await c[who].get(`/api/v1/search?q=${word}&kind=comment`)).json.items.map((x) => x.id);
    assert.ok(await eventually(async () => (await search('eve', 'quokka')).includes(held.json.id), 10000), 'found once approved');
    // The queue is taken in order, so Eve's comment, held and written before, is indexed by
    // now if it ever would be: nobody finds it, its moderators neither.
    assert.deepEqual(await search('ana', 'wombat'), []);
    assert.deepEqual(await search('eve', 'wombat'), []);

    // hold_first: Dee, approved once, is trusted; Eve still waits.
    const next = await comment('dee', 'And lichens');
    assert.equal(next.json.held, false);
    assert.equal((await comment('eve', 'Second try')).json.held, true);
    assert.equal(await count(), 2);
  });

  test('hold_all holds everyone but the blog\'s writers; deleting a thread counts only what was shown; closed takes none', async () => {
    assert.equal((await c.ana.patch('/api/v1/blogs/field-notes', { comment_policy: 'hold_all' })).status, 200);
    const before = await count();
    const trusted = await comment('dee', 'Held now');
    assert.equal(trusted.json.held, true, 'every comment waits, trusted or not');
    const writer = await comment('cy', 'A word from a writer');
    assert.equal(writer.json.held, false);
    assert.equal(await count(), before + 1);
    // A held reply under a shown comment; deleting the comment takes the reply but counts one.
    const reply = await comment('eve', 'Replying to Cy', { reply_to: writer.json.id });
    assert.equal(reply.json.held, true);
    assert.equal((await c.bo.delete(`/api/v1/comments/${writer.json.id}`)).status, 204, 'an editor deletes any comment on the blog');
    assert.equal(await count(), before);
    assert.ok(!(await comments('ana')).some((x) => x.id === reply.json.id));
    // The editor deletes a held comment: nothing was counted, nothing changes.
    assert.equal((await c.bo.delete(`/api/v1/comments/${trusted.json.id}`)).status, 204);
    assert.equal(await count(), before);

    assert.equal((await c.ana.patch('/api/v1/blogs/field-notes', { comment_policy: 'closed' })).status, 200);
    assertProblem(assert, await comment('dee', 'Anyone there?'), 403);
    assertProblem(assert, await comment('ana', 'Not even the owner'), 403);
    assert.equal((await c.ana.patch('/api/v1/blogs/field-notes', { comment_policy: 'open' })).status, 200);
    assert.equal((await comment('eve', 'Open again')).json.held, false);
  });
});

// Blogs: a person's own blog made on first use, shared blogs and their roles, drafts that
// only their writers read, publishing, a community's blog read by its readers only, the
// directory, comments on an entry, editing with its history, and deleting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

describe('blogs', () => {
  let server;
  let p;
  let c;
  let team;

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Owner'], ['bo', 'member', 'Bo Editor'], ['cy', 'member', 'Cy Contributor'],
      ['dee', 'member', 'Dee Reader'], ['gus', 'guest', 'Gus Guest'], ['alf', 'alumnus', 'Alf Alum'],
    ]));
    const r = await c.ana.post('/api/v1/blogs', { name: 'Platform team', handle: 'platform', description: 'How we run things' });
    assert.equal(r.status, 201, r.text);
    team = r.json;
    for (const [who, role] of [['bo', 'editor'], ['cy', 'contributor']]) {
      const g = await c.ana.put(`/api/v1/blogs/platform/roles/${p[who].handle}`, { role });
      assert.equal(g.status, 200, g.text);
    }
  });
  after(() => server.stop());

  test('a person\'s own blog is made on first use, at their handle; guests and alumni have none', async () => {
    const first = await c.dee.post('/api/v1/me/blog');
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.handle, p.dee.handle);
    assert.equal(first.json.name, 'Dee Reader');
    assert.equal(first.json.personal, true);
    assert.equal(first.json.my_role, 'owner');
    const again = await c.dee.post('/api/v1/me/blog');
    assert.equal(again.status, 200);
    assert.equal(again.json.id, first.json.id);
    assertProblem(assert, await c.gus.post('/api/v1/me/blog'), 403);
    assertProblem(assert, await c.alf.post('/api/v1/me/blog'), 403);
    // Dee publishes on it at once; the organization reads it, a guest does not.
    const e = await c.dee.post(`/api/v1/blogs/${p.dee.handle}/entries`, { title: 'Hello, blog', body: 'First words', publish: true });
    assert.equal(e.status, 201, e.text);
    assert.equal(e.json.state, 'published');
    assert.equal(e.json.audience, 'organization');
    assert.equal((await c.ana.get(`/api/v1/blog-entries/${e.json.id}`)).status, 200);
    assertProblem(assert, await c.gus.get(`/api/v1/blog-entries/${e.json.id}`), 404);
    assertProblem(assert, await c.gus.get(`/api/v1/blogs/${p.dee.handle}`), 404);
  });

  test('making a blog checks its fields; a person\'s handle and a taken one are refused', async () => {
    assertProblem(assert, await c.ana.post('/api/v1/blogs', { name: '', handle: 'fine-one' }), 422, { field: 'name' });
    assertProblem(assert, await c.ana.post('/api/v1/blogs', { name: 'X', handle: 'a' }), 422, { field: 'handle' });
    assertProblem(assert, await c.ana.post('/api/v1/blogs', { name: 'X', handle: 'fine-one', audience: 'restricted' }), 422, { field: 'audience' });
    assertProblem(assert, await c.ana.post('/api/v1/blogs', { name: 'X', handle: 'fine-one', audience: 'community' }), 422, { field: 'community' });
    assertProblem(assert, await c.ana.post('/api/v1/blogs', { name: 'X', handle: 'platform' }), 409, { field: 'handle' });
    assertProblem(assert, await c.ana.post('/api/v1/blogs', { name: 'X', handle: p.bo.handle }), 409, { field: 'handle' });
    assertProblem(assert, await c.gus.post('/api/v1/blogs', { name: 'X', handle: 'guest-blog' }), 403);
    assertProblem(assert, await c.ana.put('/api/v1/blogs/platform/roles/nobody-at-all', { role: 'author' }), 422, { field: 'person' });
    assertProblem(assert, await c.ana.put(`/api/v1/blogs/platform/roles/${p.dee.handle}`, { role: 'boss' }), 422, { field: 'role' });
    assertProblem(assert, await c.bo.put(`/api/v1/blogs/platform/roles/${p.dee.handle}`, { role: 'author' }), 403);
    assertProblem(assert, await c.ana.delete(`/api/v1/blogs/platform/roles/${p.ana.handle}`), 409, { field: 'role' });
  });

  test('a contributor\'s draft is read by its writers only until an editor publishes it', async () => {
    const draft = await c.cy.post('/api/v1/blogs/platform/entries', {
      title: 'Что нового в платформе', body: 'Draft of #release notes', excerpt: 'The short of it',
    });
    assert.equal(draft.status, 201, draft.text);
    assert.equal(draft.json.state, 'draft');
    assert.equal(draft.json.audience, 'restricted');
    assert.equal(draft.json.slug, 'cto-novogo-v-platforme');
    assert.equal(draft.json.can_publish, false);
    assertProblem(assert, await c.cy.post('/api/v1/blogs/platform/entries', { title: 'Now', body: 'x', publish: true }), 403);
    assertProblem(assert, await c.cy.post(`/api/v1/blog-entries/${draft.json.id}/publication`), 403);
    const id = draft.json.id;
    // The owner and the editor read it; a member of the organization does not, in any list.
    assert.equal((await c.ana.get(`/api/v1/blog-entries/${id}`)).status, 200);
    assert.equal((await c.bo.get(`/api/v1/blog-entries/${id}`)).json.can_publish, true);
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${id}`), 404);
    assert.deepEqual((await c.dee.get('/api/v1/blogs/platform/entries?state=draft')).json.items, []);
    assert.deepEqual((await c.dee.get('/api/v1/blogs/platform/entries')).json.items, []);
    assert.deepEqual((await c.bo.get('/api/v1/blogs/platform/entries?state=draft')).json.items.map((e) => e.id), [id]);
    assertProblem(assert, await c.dee.patch(`/api/v1/blog-entries/${id}`, { title: 'Mine now' }), 404);
    // The editor fixes it and publishes it: now the organization reads it.
    const edited = await c.bo.patch(`/api/v1/blog-entries/${id}`, { body: 'Final #release notes' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.body, 'Final #release notes');
    assert.notEqual(edited.json.edited_at, null);
    assertProblem(assert, await c.bo.patch(`/api/v1/blog-entries/${id}`, { title: '' }), 422, { field: 'title' });
    const published = await c.bo.post(`/api/v1/blog-entries/${id}/publication`);
    assert.equal(published.status, 200, published.text);
    assert.equal(published.json.state, 'published');
    assert.equal(published.json.audience, 'organization');
    assert.notEqual(published.json.published_at, null);
    const read = await c.dee.get(`/api/v1/blog-entries/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.json.can_edit, false);
    assert.equal(read.json.author.handle, p.cy.handle);
    const list = await c.dee.get('/api/v1/blogs/platform/entries');
    assert.deepEqual(list.json.items.map((e) => e.id), [id]);
    assert.equal((await c.dee.get('/api/v1/blogs/platform')).json.entry_count, 1);
    assertProblem(assert, await c.gus.get(`/api/v1/blog-entries/${id}`), 404);
    // Readers comment on it; unpublished again, it and its comments are the writers' only.
    const comment = await c.dee.post(`/api/v1/content/${id}/comments`, { body: 'Useful, thanks' });
    assert.equal(comment.status, 201, comment.text);
    const back = await c.ana.delete(`/api/v1/blog-entries/${id}/publication`);
    assert.equal(back.json.state, 'draft');
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${id}`), 404);
    assertProblem(assert, await c.dee.get(`/api/v1/content/${id}/comments`), 404);
    assert.equal((await c.dee.get('/api/v1/blogs/platform')).json.entry_count, 0);
    // Its contributor deletes it.
    assert.equal((await c.cy.delete(`/api/v1/blog-entries/${id}`)).status, 204);
    assertProblem(assert, await c.ana.get(`/api/v1/blog-entries/${id}`), 404);
  });

  test('a community\'s blog is read by its readers; the directory lists what each person may see', async () => {
    const community = await c.ana.post('/api/v1/communities', { name: 'Secret lab', handle: 'secret-lab', type: 'restricted', listed: false });
    assert.equal(community.status, 201, community.text);
    assertProblem(assert, await c.bo.post('/api/v1/blogs', { name: 'Lab', handle: 'lab-notes', audience: 'community', community: 'secret-lab' }), 422, { field: 'community' });
    const lab = await c.ana.post('/api/v1/blogs', { name: 'Lab notes', handle: 'lab-notes', audience: 'community', community: 'secret-lab' });
    assert.equal(lab.status, 201, lab.text);
    assert.equal(lab.json.community_id, community.json.id);
    const e = await c.ana.post('/api/v1/blogs/lab-notes/entries', { title: 'Inside the lab', body: 'Only for us', publish: true });
    assert.equal(e.json.audience, 'community');
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${e.json.id}`), 404);
    assertProblem(assert, await c.dee.get('/api/v1/blogs/lab-notes'), 404);
    const seen = async (who) => (await c[who].get('/api/v1/blogs?limit=100')).json.items.map((b) => b.handle);
    assert.ok((await seen('ana')).includes('lab-notes'));
    assert.ok(!(await seen('dee')).includes('lab-notes'));
    assert.ok((await seen('dee')).includes('platform'));
    assert.ok(!(await seen('gus')).includes('platform'));
    // Newest publication first: the lab's entry is the latest.
    assert.equal((await seen('ana'))[0], 'lab-notes');
    // Paging walks every blog once.
    const pages = [];
    let cursor = '';
    for (let i = 0; i < 10; i++) {
      const r = await c.ana.get(`/api/v1/blogs?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      pages.push(...r.json.items.map((b) => b.handle));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.deepEqual(pages, await seen('ana'));
    // Forty more blogs Dee may not see, newer than hers: pages of one, cut short after
    // reading forty, still page on to every blog she may see.
    for (let i = 0; i < 40; i++) {
      const r = await c.ana.post('/api/v1/blogs', { name: `Lab ${i}`, handle: `lab-${i}`, audience: 'community', community: 'secret-lab' });
      assert.equal(r.status, 201, r.text);
    }
    const deeSees = [];
    cursor = '';
    for (let i = 0; i < 20; i++) {
      const r = await c.dee.get(`/api/v1/blogs?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, r.text);
      deeSees.push(...r.json.items.map((b) => b.handle));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.deepEqual(deeSees, await seen('dee'));
    assert.ok(deeSees.includes('platform') && deeSees.includes(p.dee.handle), deeSees.join());
  });

  test('an entry is deleted by its author, the blog\'s editors or an admin only', async () => {
    const e = await c.ana.post('/api/v1/blogs/platform/entries', { title: 'Versions', body: 'one', publish: true });
    assert.equal(e.status, 201, e.text);
    assertProblem(assert, await c.dee.delete(`/api/v1/blog-entries/${e.json.id}`), 403);
    assertProblem(assert, await c.cy.delete(`/api/v1/blog-entries/${e.json.id}`), 403);
    assert.equal((await c.bo.delete(`/api/v1/blog-entries/${e.json.id}`)).status, 204);
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${e.json.id}`), 404);
    assert.equal(team.my_role, 'owner');
  });
  test('whoever sees a blog sees its writers, owners first; a guest sees neither', async () => {
    const r = await c.dee.get('/api/v1/blogs/platform/writers');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((w) => [w.person.handle, w.role]),
      [[p.ana.handle, 'owner'], [p.bo.handle, 'editor'], [p.cy.handle, 'contributor']]);
    assert.equal(r.json.items[0].person.display_name, 'Ana Owner');
    assertProblem(assert, await c.gus.get('/api/v1/blogs/platform/writers'), 404);
    // Giving the role someone has already changes nothing.
    assert.equal((await c.ana.put(`/api/v1/blogs/platform/roles/${p.bo.handle}`, { role: 'editor' })).status, 200);
    assert.equal((await c.dee.get('/api/v1/blogs/platform/writers')).json.items.length, 3);
  });

  test('readers are counted once a day, recommendations rank blogs without favouring few votes, blogs are followed', async () => {
    const make = async (handle) => {
      assert.equal((await c.ana.post('/api/v1/blogs', { name: `Rank ${handle}`, handle })).status, 201);
      const e = await c.ana.post(`/api/v1/blogs/${handle}/entries`, { title: `Entry of ${handle}`, body: 'text', publish: true });
      assert.equal(e.status, 201, e.text);
      return e.json.id;
    };
    const one = await make('rank-one');
    const three = await make('rank-three');
    const view = async (who, id) => assert.equal((await c[who].post(`/api/v1/blog-entries/${id}/views`)).status, 204);
    // A reload is no view: Dee twice, Bo once.
    await view('dee', one);
    await view('dee', one);
    await view('bo', one);
    let e = (await c.dee.get(`/api/v1/blog-entries/${one}`)).json;
    assert.equal(e.view_count, 2);
    assert.equal(e.reader_count, 2);
    // Recommending: not one's own, not a draft; idempotent; withdrawn.
    assertProblem(assert, await c.ana.put(`/api/v1/blog-entries/${one}/recommendation`), 403);
    const draft = await c.ana.post('/api/v1/blogs/rank-one/entries', { title: 'Not yet', body: 'x' });
    assertProblem(assert, await c.bo.put(`/api/v1/blog-entries/${draft.json.id}/recommendation`), 404);  // Bo may not read it
    assertProblem(assert, await c.ana.put(`/api/v1/blog-entries/${draft.json.id}/recommendation`), 409);
    e = (await c.dee.put(`/api/v1/blog-entries/${one}/recommendation`)).json;
    assert.equal(e.recommend_count, 1);
    assert.equal(e.recommended, true);
    assert.equal((await c.dee.put(`/api/v1/blog-entries/${one}/recommendation`)).json.recommend_count, 1);
    assert.equal((await c.bo.get(`/api/v1/blog-entries/${one}`)).json.recommended, false);
    assert.equal((await c.dee.delete(`/api/v1/blog-entries/${one}/recommendation`)).json.recommend_count, 0);
    // One of two readers recommends "one"; three of three recommend "three" (each recommendation
    // counts as a reading): "three" ranks first, though a vote of one would be a larger share
    // of few readers elsewhere.
    await c.dee.put(`/api/v1/blog-entries/${one}/recommendation`);
    for (const who of ['bo', 'cy', 'dee']) assert.equal((await c[who].put(`/api/v1/blog-entries/${three}/recommendation`)).status, 200);
    const ranked = (await c.dee.get('/api/v1/blogs?sort=recommended&limit=50')).json.items.map((b) => b.handle);
    assert.ok(ranked.indexOf('rank-three') < ranked.indexOf('rank-one'), ranked.join());
    assert.ok(ranked.indexOf('rank-one') < ranked.indexOf('platform'), 'a blog nobody recommends comes after');
    // Paging in that order walks every blog once.
    const paged = [];
    for (let cursor = '', i = 0; i < 100; i++) {
      const r = await c.dee.get(`/api/v1/blogs?sort=recommended&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...r.json.items.map((b) => b.handle));
      if (!r.json.next_cursor) break;
      cursor = r.json.next_cursor;
    }
    assert.deepEqual(paged, ranked);
    // Unpublished, an entry no longer lifts its blog.
    assert.equal((await c.ana.delete(`/api/v1/blog-entries/${three}/publication`)).status, 200);
    const after = (await c.dee.get('/api/v1/blogs?sort=recommended&limit=50')).json.items.map((b) => b.handle);
    assert.ok(after.indexOf('rank-one') < after.indexOf('rank-three'), after.join());
    // Following.
    let b = (await c.dee.put('/api/v1/blogs/rank-one/follow')).json;
    assert.equal(b.following, true);
    assert.equal(b.follower_count, 1);
    assert.equal((await c.dee.put('/api/v1/blogs/rank-one/follow')).json.follower_count, 1);
    assert.equal((await c.bo.put('/api/v1/blogs/rank-one/follow')).json.follower_count, 2);
    assert.equal((await c.dee.get('/api/v1/blogs?sort=followers&limit=1')).json.items[0].handle, 'rank-one');
    assert.equal((await c.bo.get('/api/v1/blogs/rank-one')).json.following, true);
    b = (await c.dee.delete('/api/v1/blogs/rank-one/follow')).json;
    assert.equal(b.following, false);
    assert.equal(b.follower_count, 1);
    assertProblem(assert, await c.gus.put('/api/v1/blogs/rank-one/follow'), 404);
    assertProblem(assert, await c.dee.get('/api/v1/blogs?sort=best'), 422, { field: 'sort' });
  });

  test('followers who may read it hear of an entry\'s first publication; comments on it lead to it', async () => {
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'News desk', handle: 'news-desk' })).status, 201);
    for (const who of ['bo', 'dee']) assert.equal((await c[who].put('/api/v1/blogs/news-desk/follow')).status, 200);
    const unread = async (who) => (await c[who].get('/api/v1/notifications?limit=50')).json.items.filter((n) => n.kind === 'blog_entry');
    const before = { bo: (await unread('bo')).length, dee: (await unread('dee')).length };
    const draft = await c.ana.post('/api/v1/blogs/news-desk/entries', { title: 'Quarter in review', body: 'numbers' });
    assert.equal((await unread('dee')).length, before.dee, 'a draft tells nobody');
    assert.equal((await c.ana.post(`/api/v1/blog-entries/${draft.json.id}/publication`)).status, 200);
    const [n] = await unread('dee');
    assert.equal((await unread('dee')).length, before.dee + 1);
    assert.equal(n.content_id, draft.json.id);
    assert.equal(n.content_kind, 'blog_entry');
    assert.equal(n.snippet, 'Quarter in review');
    assert.equal(n.actor.handle, p.ana.handle);
    assert.equal((await unread('bo')).length, before.bo + 1);
    // Unpublished and published again: nobody is told twice.
    await c.ana.delete(`/api/v1/blog-entries/${draft.json.id}/publication`);
    await c.ana.post(`/api/v1/blog-entries/${draft.json.id}/publication`);
    assert.equal((await unread('dee')).length, before.dee + 1);
    // Written and published at once tells them too; the author is never told of their own.
    await c.ana.put('/api/v1/blogs/news-desk/follow');
    await c.ana.post('/api/v1/blogs/news-desk/entries', { title: 'Second', body: 'more', publish: true });
    assert.equal((await unread('dee')).length, before.dee + 2);
    assert.equal((await unread('ana')).length, 0);
    // A comment on the entry tells its author, about a blog entry.
    assert.equal((await c.dee.post(`/api/v1/content/${draft.json.id}/comments`, { body: 'Good numbers' })).status, 201);
    const comment = (await c.ana.get('/api/v1/notifications?limit=5')).json.items.find((x) => x.kind === 'comment');
    assert.equal(comment.content_kind, 'blog_entry');
    assert.equal(comment.content_id, draft.json.id);
  });

  test('two people saving the same entry never overwrite each other: If-Match names the version begun from', async () => {
    const e = await c.bo.post('/api/v1/blogs/platform/entries', { title: 'Shared notes', body: 'first words' });
    assert.equal(e.json.version, 1);
    const save = (who, version, body) => c[who].request('PATCH', `/api/v1/blog-entries/${e.json.id}`,
      { body, headers: version === null ? {} : { 'If-Match': version } });
    const first = await save('ana', '"1"', { body: 'Ana\'s words' });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.version, 2);
    // Bo began from version 1 too: refused, with the entry as Ana left it.
    const second = await save('bo', '"1"', { body: 'Bo\'s words' });
    assertProblem(assert, second, 412, { field: 'If-Match' });
    assert.equal(second.json.current.body, 'Ana\'s words');
    assert.equal(second.json.current.version, 2);
    assert.equal((await c.bo.get(`/api/v1/blog-entries/${e.json.id}`)).json.body, 'Ana\'s words', 'nothing of Bo\'s was saved');
    // Having merged, Bo saves from version 2.
    const merged = await save('bo', '"2"', { body: 'Ana\'s words and Bo\'s words' });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.json.version, 3);
    assertProblem(assert, await save('bo', 'three', { body: 'x' }), 422, { field: 'If-Match' });
    assert.equal((await save('bo', '*', { title: 'Shared notes, merged' })).json.version, 4);
    assert.equal((await save('bo', null, { title: 'Shared notes, again' })).json.version, 5);
    // Its history, for its writers: each text it has had, the current last.
    const history = await c.bo.get(`/api/v1/blog-entries/${e.json.id}/revisions`);
    assert.equal(history.status, 200, history.text);
    assert.deepEqual(history.json.items.map((r) => r.body), ['first words', 'Ana\'s words', 'Ana\'s words and Bo\'s words']);
    assert.deepEqual(history.json.items.map((r) => r.revision), [1, 2, 3]);
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${e.json.id}/revisions`), 404);  // a draft Dee may not read
    assert.equal((await c.bo.post(`/api/v1/blog-entries/${e.json.id}/publication`)).status, 200);
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${e.json.id}/revisions`), 403);  // a reader, not a writer
  });

  test('an entry scheduled for a time is a draft until then, and then published as its scheduler', async () => {
    const e = await c.bo.post('/api/v1/blogs/platform/entries', { title: 'Launch day', body: 'at nine sharp' });
    const at = new Date(Date.now() + 1500).toISOString();
    const publication = `/api/v1/blog-entries/${e.json.id}/publication`;
    assertProblem(assert, await c.cy.post(publication, { at }), 404, 'a contributor reads only their own drafts');
    const cys = await c.cy.post('/api/v1/blogs/platform/entries', { title: 'Mine to schedule?', body: 'no' });
    assertProblem(assert, await c.cy.post(`/api/v1/blog-entries/${cys.json.id}/publication`, { at }), 403);
    assertProblem(assert, await c.bo.post(publication, { at: 'tomorrow' }), 422, { field: 'at' });
    assertProblem(assert, await c.bo.post(publication, { at: '2099-01-01T00:00:00Z' }), 422, { field: 'at' });
    const scheduled = await c.bo.post(publication, { at });
    assert.equal(scheduled.status, 200, scheduled.text);
    assert.equal(scheduled.json.state, 'scheduled');
    assert.equal(scheduled.json.scheduled_at, at);
    assert.equal(scheduled.json.published_at, null);
    assertProblem(assert, await c.dee.get(`/api/v1/blog-entries/${e.json.id}`), 404, 'a reader does not see it yet');
    for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 200)))
      if ((await c.dee.get(`/api/v1/blog-entries/${e.json.id}`)).status === 200) break;
    const published = (await c.dee.get(`/api/v1/blog-entries/${e.json.id}`)).json;
    assert.equal(published.state, 'published');
    assert.equal(published.scheduled_at, null);
    assert.ok(Date.parse(published.published_at) >= Date.parse(at));
    // A schedule ends when the entry is made a draft again, and is refused on a published entry.
    assertProblem(assert, await c.bo.post(publication, { at: new Date(Date.now() + 60000).toISOString() }), 409, { field: 'at' });
    const other = await c.bo.post('/api/v1/blogs/platform/entries', { title: 'Maybe later', body: 'x' });
    await c.bo.post(`/api/v1/blog-entries/${other.json.id}/publication`, { at: new Date(Date.now() + 60000).toISOString() });
    const unscheduled = await c.bo.delete(`/api/v1/blog-entries/${other.json.id}/publication`);
    assert.equal(unscheduled.json.state, 'draft');
    assert.equal(unscheduled.json.scheduled_at, null);
  });

  test('co-authors: writers credited beside the author, who read the draft, edit it and are in their own feeds', async () => {
    assertProblem(assert, await c.bo.post('/api/v1/blogs/platform/entries', { title: 'Pair', body: 'x', coauthors: [p.dee.handle] }), 422, { field: 'coauthors' });
    assertProblem(assert, await c.bo.post('/api/v1/blogs/platform/entries', { title: 'Pair', body: 'x', coauthors: [42] }), 422, { field: 'coauthors[0]' });
    const e = await c.bo.post('/api/v1/blogs/platform/entries', { title: 'Written in pairs', body: 'two hands', coauthors: [p.cy.handle, p.bo.handle] });
    assert.equal(e.status, 201, e.text);
    assert.deepEqual(e.json.coauthors.map((a) => a.handle), [p.cy.handle], 'the author is not their own co-author');
    // Cy, a contributor, reads the draft and edits it as its author does, but does not publish it.
    const seen = await c.cy.get(`/api/v1/blog-entries/${e.json.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.json.can_edit, true);
    assert.equal(seen.json.can_publish, false);
    assert.equal((await c.cy.patch(`/api/v1/blog-entries/${e.json.id}`, { body: 'two hands, one text' })).status, 200);
    assertProblem(assert, await c.cy.post(`/api/v1/blog-entries/${e.json.id}/publication`), 403);
    assert.equal((await c.bo.post(`/api/v1/blog-entries/${e.json.id}/publication`)).status, 200);
    // Published, it is in each author's feed.
    const token = (await c.dee.post('/api/v1/me/feed-token')).json.token;
    const cyFeed = await (await fetch(`${server.url}/feeds/${token}/authors/${p.cy.handle}`)).text();
    assert.match(cyFeed, /<title>Written in pairs<\/title>/);
    assert.match(cyFeed, /<name>Bo Editor<\/name>[\s\S]*<name>Cy Contributor<\/name>/);
    // On each author's list, as the reader may read it.
    const cyList = await c.dee.get(`/api/v1/people/${p.cy.handle}/blog-entries?limit=50`);
    assert.equal(cyList.status, 200, cyList.text);
    assert.ok(cyList.json.items.some((i) => i.id === e.json.id));
    assert.ok(cyList.json.items.every((i) => i.state === 'published'), 'no drafts on a list for readers');
    assert.ok((await c.dee.get(`/api/v1/people/${p.bo.handle}/blog-entries`)).json.items.some((i) => i.id === e.json.id));
    assertProblem(assert, await c.gus.get(`/api/v1/people/${p.cy.handle}/blog-entries`), 404);  // a guest browses no one
    assertProblem(assert, await c.dee.get('/api/v1/people/nobody-here/blog-entries'), 404);
    // Taken off, Cy no longer edits it.
    const solo = await c.bo.patch(`/api/v1/blog-entries/${e.json.id}`, { coauthors: [] });
    assert.deepEqual(solo.json.coauthors, []);
    assert.equal((await c.cy.get(`/api/v1/blog-entries/${e.json.id}`)).json.can_edit, false);
  });

  test('search finds a published entry for its readers, a draft for its writers only', async () => {
    const search = (who, words) => c[who].get(`/api/v1/search?q=${encodeURIComponent(words)}&kind=blog_entry`);
    const found = async (who, words) => {
      const r = await search(who, words);
      assert.equal(r.status, 200, r.text);
      return r.json.items.map((i) => i.id);
    };
    // Until the indexer has taken it: the queue is drained a little after each write.
    const eventually = async (who, words, id) => {
      for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
        if ((await found(who, words)).includes(id)) return;
      assert.fail(`${who} never found ${id} by "${words}"`);
    };
    const draft = await c.cy.post('/api/v1/blogs/platform/entries', { title: 'Zeppelin maintenance', body: 'Helium checks', excerpt: 'Airships' });
    assert.equal(draft.status, 201, draft.text);
    await eventually('cy', 'zeppelin', draft.json.id);
    await eventually('bo', 'helium', draft.json.id);  // an editor reads drafts
    assert.deepEqual(await found('dee', 'zeppelin'), []);
    const pub = await c.bo.post(`/api/v1/blog-entries/${draft.json.id}/publication`);
    assert.equal(pub.status, 200, pub.text);
    await eventually('dee', 'zeppelin', draft.json.id);
    const r = await search('dee', 'airships');
    const item = r.json.items.find((i) => i.id === draft.json.id);
    assert.ok(item, r.text);
    assert.equal(item.kind, 'blog_entry');
    assert.equal(item.title, 'Zeppelin maintenance');
    assert.equal(item.url, `/blogs/platform/entries/${draft.json.id}`);
    assert.equal(item.author.handle, p.cy.handle);
    // The query language's kind filter names it too; a guest finds nothing of the organization's.
    const byWord = await c.dee.get(`/api/v1/search?q=${encodeURIComponent('zeppelin kind:blog_entries')}`);
    assert.deepEqual(byWord.json.items.map((i) => i.id), [draft.json.id]);
    assert.deepEqual(await found('gus', 'zeppelin'), []);
  });

  test('search finds the blogs a reader may see, by name, handle and description', async () => {
    const blogs = async (who, words) => {
      const r = await c[who].get(`/api/v1/search?q=${encodeURIComponent(words)}&kind=blog`);
      assert.equal(r.status, 200, r.text);
      return r.json.items;
    };
    const made = await c.ana.post('/api/v1/blogs', { name: 'Quasar notes', handle: 'quasar', description: 'Astronomy at lunch' });
    assert.equal(made.status, 201, made.text);
    const hidden = await c.ana.post('/api/v1/blogs', { name: 'Quasar lab', handle: 'quasar-lab', audience: 'community', community: 'secret-lab' });
    assert.equal(hidden.status, 201, hidden.text);
    for (const end = Date.now() + 10000; Date.now() < end && (await blogs('ana', 'quasar')).length < 2;)
      await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual((await blogs('ana', 'quasar')).map((b) => b.id).sort(), [made.json.id, hidden.json.id].sort());
    const seen = await blogs('dee', 'quasar');
    assert.deepEqual(seen.map((b) => b.id), [made.json.id]);
    assert.equal(seen[0].kind, 'blog');
    assert.equal(seen[0].title, 'Quasar notes');
    assert.equal(seen[0].subtitle, 'quasar');
    assert.equal(seen[0].url, '/blogs/quasar');
    assert.deepEqual((await blogs('dee', 'astronomy')).map((b) => b.id), [made.json.id]);
    // Given a role, Dee sees the secret community's blog too.
    assert.equal((await c.ana.put(`/api/v1/blogs/quasar-lab/roles/${p.dee.handle}`, { role: 'author' })).status, 200);
    for (const end = Date.now() + 10000; Date.now() < end && (await blogs('dee', 'quasar')).length < 2;)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal((await blogs('dee', 'quasar')).length, 2);
    assert.deepEqual(await blogs('gus', 'quasar'), []);
    // Found by what it writes about (its entries' tags) and by who writes it.
    assert.equal((await c.ana.post('/api/v1/blogs/quasar/entries', { title: 'Clouds', body: 'On #nebulae', publish: true })).status, 201);
    for (const end = Date.now() + 10000; Date.now() < end && (await blogs('dee', 'nebulae')).length < 1;)
      await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual((await blogs('dee', 'nebulae')).map((b) => b.id), [made.json.id]);
    assert.ok((await blogs('dee', 'Ana Owner')).some((b) => b.id === made.json.id), 'by its writer\'s name');
  });
});

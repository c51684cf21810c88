// A followed blog's entries in the home feed: among the posts by the time they were published
// (a draft written long ago and published now comes first), paged without losses or repeats,
// only for the blog's followers, only what they may read, drafts never.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('followed blogs in the home feed', () => {
  let server;
  let c;
  const pause = () => new Promise((r) => setTimeout(r, 5));
  const home = async (who, extra = '') => {
    const r = await c[who].get(`/api/v1/feed?${extra.includes('limit=') ? '' : 'limit=50'}${extra}`);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const keys = (page) => page.items.map((i) => `${i.kind}:${i.kind === 'blog_entry' ? i.title : i.body}`);

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ clients: c } = await addPeople(server, admin, [['ana', 'member', 'Ana Writer'], ['dee', 'member', 'Dee Reader'], ['bo', 'member', 'Bo Other']]));
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'Team news', handle: 'team-news' })).status, 201);
    assert.equal((await c.dee.put('/api/v1/blogs/team-news/follow')).status, 200);
  });
  after(() => server.stop());

  test('entries come among the posts by publication time, page after page', async () => {
    const post = async (body) => assert.equal((await c.dee.post('/api/v1/posts', { body })).status, 201);
    const publish = async (title) => assert.equal((await c.ana.post('/api/v1/blogs/team-news/entries', { title, body: `${title}.`, publish: true })).status, 201);
    await post('first post');
    await pause();
    await publish('First entry');
    await pause();
    const draft = await c.ana.post('/api/v1/blogs/team-news/entries', { title: 'Written early', body: 'long ago' });
    await pause();
    await post('second post');
    await pause();
    await c.ana.post('/api/v1/blogs/team-news/entries', { title: 'Never published', body: 'a draft' });
    await pause();
    assert.equal((await c.ana.post(`/api/v1/blog-entries/${draft.json.id}/publication`)).status, 200);

    const all = await home('dee');
    assert.deepEqual(keys(all), ['blog_entry:Written early', 'post:second post', 'blog_entry:First entry', 'post:first post']);
    const entry = all.items[0];
    assert.equal(entry.blog.handle, 'team-news');
    assert.equal(entry.author.display_name, 'Ana Writer');

    // One item a page: the same items in the same order, none twice.
    const seen = [];
    let cursor = null;
    do {
      const page = await home('dee', `limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...keys(page));
      cursor = page.next_cursor;
    } while (cursor && seen.length < 10);
    assert.deepEqual(seen, keys(all));

    // Not a follower: no entries. Stopped following: none either.
    assert.ok(!keys(await home('bo')).some((k) => k.startsWith('blog_entry:')));
    assert.equal((await c.dee.delete('/api/v1/blogs/team-news/follow')).status, 200);
    assert.deepEqual(keys(await home('dee')), ['post:second post', 'post:first post']);
    // Other feeds never carry entries.
    assert.ok(!(await c.dee.get('/api/v1/feed?source=discover')).json.items.some((i) => i.kind === 'blog_entry'));
  });

  test('several followed blogs: their entries merged by publication time, page after page', async () => {
    assert.equal((await c.bo.post('/api/v1/blogs', { name: 'Field log', handle: 'field-log' })).status, 201);
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'Lab log', handle: 'lab-log' })).status, 201);
    for (const blog of ['field-log', 'lab-log']) assert.equal((await c.bo.put(`/api/v1/blogs/${blog}/follow`)).status, 200);
    const order = [];
    for (const [who, blog, title] of [['ana', 'lab-log', 'L1'], ['bo', 'field-log', 'F1'], ['ana', 'lab-log', 'L2'], ['ana', 'lab-log', 'L3'],
      ['bo', 'field-log', 'F2'], ['ana', 'lab-log', 'L4']]) {
      assert.equal((await c[who].post(`/api/v1/blogs/${blog}/entries`, { title, body: 'x', publish: true })).status, 201);
      order.unshift(`blog_entry:${title}`);
      await pause();
    }
    const seen = [];
    let cursor = null;
    do {
      const page = await home('bo', `limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...keys(page).filter((k) => k.startsWith('blog_entry:')));
      cursor = page.next_cursor;
    } while (cursor && seen.length < 20);
    assert.deepEqual(seen, order);
    assert.deepEqual(keys(await home('bo', 'limit=3')), order.slice(0, 3));
  });
});

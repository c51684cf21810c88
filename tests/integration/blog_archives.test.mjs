// Blog archives: a blog's commonest tags; its entries with a tag or by an author; and across
// every blog the reader may read, a tag's and an author's entries (co-authored ones too),
// paged newest first, under the audience rule.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

describe('blog archives', () => {
  let server;
  let p;
  let c;
  const titles = (r) => {
    assert.equal(r.status, 200, r.text);
    return r.json.items.map((e) => e.title);
  };

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Owner'], ['bo', 'member', 'Bo Writer'], ['dee', 'member', 'Dee Reader'], ['gus', 'guest', 'Gus Guest'],
    ]));
    // A team blog read by the organization, and a community's blog read by its members only.
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'Team', handle: 'team' })).status, 201);
    assert.equal((await c.ana.put(`/api/v1/blogs/team/roles/${p.bo.handle}`, { role: 'author' })).status, 200);
    const club = await c.ana.post('/api/v1/communities', { name: 'Secret club', handle: 'secret-club', type: 'restricted', listed: false });
    assert.equal(club.status, 201, club.text);
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'Club blog', handle: 'club-blog', audience: 'community', community: 'secret-club' })).status, 201);
    const write = async (who, blog, title, body, extra = {}) => {
      const r = await c[who].post(`/api/v1/blogs/${blog}/entries`, { title, body, publish: true, ...extra });
      assert.equal(r.status, 201, r.text);
      return r.json;
    };
    await write('ana', 'team', 'One', 'about #rust and #cpp');
    await write('bo', 'team', 'Two', 'about #rust', { coauthors: [p.ana.handle] });
    await write('ana', 'team', 'Three', 'about #go');
    await write('ana', 'club-blog', 'Hidden', 'about #rust');
    // A draft with the tag is nobody's archive.
    assert.equal((await c.ana.post('/api/v1/blogs/team/entries', { title: 'Draft', body: '#rust draft' })).status, 201);
  });
  after(() => server.stop());

  test('a blog\'s tags, commonest first, and its entries with a tag or by an author', async () => {
    const tags = await c.dee.get('/api/v1/blogs/team/tags');
    assert.equal(tags.status, 200, tags.text);
    assert.deepEqual(tags.json.items, [{ tag: 'rust', count: 2 }, { tag: 'cpp', count: 1 }, { tag: 'go', count: 1 }]);
    assert.deepEqual(titles(await c.dee.get('/api/v1/blogs/team/entries?tag=rust')), ['Two', 'One']);
    assert.deepEqual(titles(await c.dee.get('/api/v1/blogs/team/entries?tag=%23Rust')), ['Two', 'One'], 'with # and in capitals');
    assert.deepEqual(titles(await c.dee.get(`/api/v1/blogs/team/entries?author=${p.bo.handle}`)), ['Two']);
    assert.deepEqual(titles(await c.dee.get(`/api/v1/blogs/team/entries?author=${p.ana.handle}`)), ['Three', 'Two', 'One'], 'co-authored ones too');
    assert.deepEqual(titles(await c.dee.get(`/api/v1/blogs/team/entries?author=${p.ana.handle}&tag=go`)), ['Three']);
    assertProblem(assert, await c.dee.get('/api/v1/blogs/team/entries?tag=%21%21'), 422, { field: 'tag' });
    assertProblem(assert, await c.ana.get('/api/v1/blogs/team/entries?tag=rust&state=draft'), 422, { field: 'state' });
    assertProblem(assert, await c.dee.get('/api/v1/blogs/team/entries?author=nobody-here'), 404);
    assertProblem(assert, await c.dee.get('/api/v1/blogs/club-blog/tags'), 404, 'a secret community\'s blog is nobody else\'s');
    assertProblem(assert, await c.gus.get('/api/v1/blogs/team/entries?tag=rust'), 404);
  });

  test('across blogs: a tag\'s and an author\'s entries, paged, each reader seeing what they may', async () => {
    assert.deepEqual(titles(await c.dee.get('/api/v1/blog-entries?tag=rust')), ['Two', 'One']);
    assert.deepEqual(titles(await c.ana.get('/api/v1/blog-entries?tag=rust')), ['Hidden', 'Two', 'One'], 'the club\'s member reads its blog');
    assert.deepEqual(titles(await c.gus.get('/api/v1/blog-entries?tag=rust')), [], 'a guest reads no organization blog');
    assert.deepEqual(titles(await c.dee.get(`/api/v1/blog-entries?author=${p.ana.handle}`)), ['Three', 'Two', 'One']);
    // Paged newest first, with nothing lost or repeated.
    const first = await c.ana.get(`/api/v1/blog-entries?author=${p.ana.handle}&limit=2`);
    assert.deepEqual(titles(first), ['Hidden', 'Three']);
    const second = await c.ana.get(`/api/v1/blog-entries?author=${p.ana.handle}&limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.deepEqual(titles(second), ['Two', 'One']);
    assert.equal(second.json.next_cursor, null);
    assertProblem(assert, await c.dee.get('/api/v1/blog-entries'), 422, { field: 'tag' });
  });

  test('a community\'s blogs, for its Blog tab: its readers see them, nobody else learns of them', async () => {
    const r = await c.ana.get('/api/v1/communities/secret-club/blogs');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((b) => [b.handle, b.audience, b.my_role]), [['club-blog', 'community', 'owner']]);
    assertProblem(assert, await c.dee.get('/api/v1/communities/secret-club/blogs'), 404);
    assertProblem(assert, await c.gus.get('/api/v1/communities/secret-club/blogs'), 404);
  });
});

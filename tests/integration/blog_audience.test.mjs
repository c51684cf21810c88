// The audience matrix for blogs (DESIGN.md "Audience: one rule, everywhere"): a personal
// blog, a shared one, a secret community's and a public one, each with a draft, a scheduled
// and a published entry, read by every kind of reader through every read path: the entry, the blog's lists,
// search, the Atom feeds (a blog's, an author's, a hashtag's; public and through a feed token),
// the public page, the archives (a blog's tag, a tag's and an author's across blogs), the home
// feed of a blog's followers, and commenting. A reader who may not read an entry gets 404 from its routes
// and never meets it in a list, a search or a feed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, Client, setupAdmin, startServer } from '../support/server.mjs';

const READERS = ['owner', 'editor', 'member', 'stranger', 'guest1', 'alum1', 'admin', 'anonymous'];
const ORGANIZATION = ['owner', 'editor', 'member', 'stranger', 'admin'];
// Who reads each blog's published entries, and its drafts (the author and the blog's owners
// and editors).
// A scheduled entry is a draft until its time.
const BLOGS = {
  personal: { published: ORGANIZATION, draft: ['owner'], scheduled: ['owner'] },
  shared: { published: ORGANIZATION, draft: ['owner', 'editor'], scheduled: ['owner', 'editor'] },
  community: { published: ['owner', 'member'], draft: ['owner'], scheduled: ['owner'] },
  public: { published: READERS, draft: ['owner', 'editor'], scheduled: ['owner', 'editor'] },
};

describe('audience matrix: blog entries x blogs x states x readers x read paths', () => {
  let server;
  const c = {};
  const p = {};
  const handles = {};
  const entries = {};  // `${blog}/${state}` -> the entry as its author got it
  const tokens = {};
  const may = (blog, state, reader) => BLOGS[blog][state].includes(reader);
  const cases = () => Object.keys(BLOGS).flatMap((blog) => ['published', 'draft', 'scheduled'].map((state) => [blog, state]));

  before(async () => {
    server = await startServer();
    c.admin = await setupAdmin(server);
    const added = await addPeople(server, c.admin, [['owner', 'member'], ['editor', 'member'], ['member', 'member'],
      ['stranger', 'member'], ['guest1', 'guest'], ['alum1', 'alumnus']]);
    Object.assign(p, added.people);
    Object.assign(c, added.clients);
    c.anonymous = new Client(server.url);
    const community = await c.owner.post('/api/v1/communities', { name: 'Hidden lab', handle: 'hidden-lab', type: 'restricted', listed: false });
    assert.equal(community.status, 201, community.text);
    const invited = await c.owner.post(`/api/v1/communities/${community.json.id}/invitations`, { person_id: p.member.id });
    assert.ok(invited.status < 300, invited.text);
    const joined = await c.member.post(`/api/v1/communities/${community.json.id}/join`);
    assert.ok(joined.status < 300, joined.text);
    handles.personal = (await c.owner.post('/api/v1/me/blog')).json.handle;
    for (const [blog, body] of [['shared', {}], ['community', { audience: 'community', community: 'hidden-lab' }], ['public', { audience: 'public' }]]) {
      const r = await c.owner.post('/api/v1/blogs', { name: `Matrix ${blog}`, handle: `matrix-${blog}`, ...body });
      assert.equal(r.status, 201, r.text);
      handles[blog] = r.json.handle;
      if (blog !== 'community')
        assert.equal((await c.owner.put(`/api/v1/blogs/${handles[blog]}/roles/${p.editor.handle}`, { role: 'editor' })).status, 200);
    }
    for (const [blog, state] of cases()) {
      const word = `zq${blog}${state}`;
      const r = await c.owner.post(`/api/v1/blogs/${handles[blog]}/entries`, {
        title: `Entry ${word}`, body: `About ${word} #matrixtag`, publish: state === 'published',
      });
      assert.equal(r.status, 201, r.text);
      if (state === 'scheduled') {
        const s = await c.owner.post(`/api/v1/blog-entries/${r.json.id}/publication`, { at: new Date(Date.now() + 86400000).toISOString() });
        assert.equal(s.json.state, 'scheduled', s.text);
      }
      entries[`${blog}/${state}`] = { ...r.json, word };
    }
    for (const reader of READERS.filter((r) => r !== 'anonymous')) tokens[reader] = (await c[reader].post('/api/v1/me/feed-token')).json.token;
    // Search has indexed them all (the owner reads every one).
    for (const e of Object.values(entries))
      for (const end = Date.now() + 10000; ; await new Promise((r) => setTimeout(r, 50))) {
        const r = await c.owner.get(`/api/v1/search?q=${e.word}&kind=blog_entry`);
        if (r.json.items.some((i) => i.id === e.id)) break;
        assert.ok(Date.now() < end, `search never indexed ${e.word}`);
      }
  });
  after(() => server.stop());

  test('the entry itself: 200 for its readers, 404 for everyone else (401 with no account)', async () => {
    for (const [blog, state] of cases())
      for (const reader of READERS) {
        const r = await c[reader].get(`/api/v1/blog-entries/${entries[`${blog}/${state}`].id}`);
        const expected = reader === 'anonymous' ? 401 : may(blog, state, reader) ? 200 : 404;
        assert.equal(r.status, expected, `${reader} reading the ${state} entry of the ${blog} blog`);
      }
  });

  test('the blog\'s lists of published entries and drafts', async () => {
    for (const [blog, state] of cases())
      for (const reader of READERS.filter((r) => r !== 'anonymous')) {
        const r = await c[reader].get(`/api/v1/blogs/${handles[blog]}/entries?state=${state === 'published' ? 'published' : 'draft'}&limit=50`);
        const listed = r.status === 200 && r.json.items.some((e) => e.id === entries[`${blog}/${state}`].id);
        assert.equal(listed, may(blog, state, reader), `${reader} listing the ${blog} blog's ${state} entries (${r.status})`);
      }
  });

  test('search', async () => {
    for (const [blog, state] of cases())
      for (const reader of READERS.filter((r) => r !== 'anonymous')) {
        const e = entries[`${blog}/${state}`];
        const r = await c[reader].get(`/api/v1/search?q=${e.word}`);
        assert.equal(r.status, 200);
        assert.equal(r.json.items.some((i) => i.id === e.id), may(blog, state, reader), `${reader} searching the ${state} entry of the ${blog} blog`);
      }
  });

  test('Atom feeds: the public ones and each reader\'s own, of a blog, an author and a hashtag', async () => {
    const titles = async (path) => {
      const r = await fetch(`${server.url}${path}`);
      if (r.status !== 200) return [];
      return [...(await r.text()).matchAll(/<title>Entry (\w+)<\/title>/g)].map((m) => m[1]);
    };
    for (const reader of READERS) {
      const base = reader === 'anonymous' ? '/feeds' : `/feeds/${tokens[reader]}`;
      const byAuthor = await titles(`${base}/authors/${p.owner.handle}`);
      const byTag = await titles(`${base}/tags/matrixtag`);
      for (const [blog, state] of cases()) {
        const e = entries[`${blog}/${state}`];
        const expected = may(blog, state, reader) && state === 'published';
        const where = `${reader}: the ${state} entry of the ${blog} blog`;
        assert.equal((await titles(`${base}/blogs/${handles[blog]}`)).includes(e.word), expected, `${where}, the blog's feed`);
        assert.equal(byAuthor.includes(e.word), expected, `${where}, the author's feed`);
        assert.equal(byTag.includes(e.word), expected, `${where}, the hashtag's feed`);
      }
    }
  });

  test('the public page exists for the public blog\'s published entry alone', async () => {
    for (const [blog, state] of cases()) {
      const e = entries[`${blog}/${state}`];
      const d = new Date(e.published_at ?? e.created_at);
      const path = `/blogs/${handles[blog]}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${e.slug}`;
      const r = await fetch(`${server.url}${path}`, { redirect: 'manual' });
      assert.equal(r.status, blog === 'public' && state === 'published' ? 200 : 404, `${path}`);
      assert.equal(e.public_path, blog === 'public' && state === 'published' ? path : null);
    }
  });

  test('commenting: its readers who take part may comment; nobody else learns it exists', async () => {
    for (const [blog, state] of cases())
      for (const reader of READERS.filter((r) => r !== 'anonymous')) {
        const r = await c[reader].post(`/api/v1/content/${entries[`${blog}/${state}`].id}/comments`, { body: `from ${reader}` });
        assert.equal(r.status, may(blog, state, reader) ? 201 : 404, `${reader} commenting on the ${state} entry of the ${blog} blog`);
      }
  });

  test('archives and the home feed: a blog\'s tag, a tag\'s and an author\'s entries, a follower\'s home', async () => {
    const ids = async (reader, path) => {
      const r = await c[reader].get(path);
      return r.status === 200 ? r.json.items.map((e) => e.id) : [];
    };
    for (const reader of READERS.filter((r) => r !== 'anonymous')) {
      // Who may not see the author's profile has no archive of theirs (404), whatever they read.
      const seesOwner = (await c[reader].get(`/api/v1/people/${p.owner.handle}`)).status === 200;
      const byTag = await ids(reader, '/api/v1/blog-entries?tag=matrixtag&limit=50');
      const byAuthor = await ids(reader, `/api/v1/blog-entries?author=${p.owner.handle}&limit=50`);
      // Following every blog they may see brings the published entries into their home feed.
      for (const blog of Object.keys(BLOGS)) await c[reader].put(`/api/v1/blogs/${handles[blog]}/follow`);
      const home = await ids(reader, '/api/v1/feed?limit=50');
      for (const [blog, state] of cases()) {
        const e = entries[`${blog}/${state}`];
        const expected = may(blog, state, reader) && state === 'published';
        const where = `${reader}: the ${state} entry of the ${blog} blog`;
        assert.equal((await ids(reader, `/api/v1/blogs/${handles[blog]}/entries?tag=matrixtag&limit=50`)).includes(e.id), expected,
          `${where}, the blog's tag archive`);
        assert.equal(byTag.includes(e.id), expected, `${where}, the tag's archive`);
        assert.equal(byAuthor.includes(e.id), expected && seesOwner, `${where}, the author's archive`);
        assert.equal(home.includes(e.id), expected, `${where}, the home feed`);
      }
    }
  });
});

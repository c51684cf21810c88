// The audience matrix for the wiki (DESIGN.md "Audience: one rule, everywhere"): an
// organization space, a secret community's space and a named people's space, each with a
// page that has two revisions and links to a page of the organization space, read by every
// kind of reader through every wiki read path: the space, the list of spaces, its members,
// its tree and recent changes, its broken links, the page by address and by id, its
// revisions, a revision, a diff, what links to the organization page (and the count on it),
// how a link into each space renders, and search. A reader who may not read a space gets 404
// from its routes and never meets its pages in a list, a count, a link or a search.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, Client, setupAdmin, startServer } from '../support/server.mjs';

const READERS = ['owner', 'member', 'stranger', 'guest1', 'alum1', 'admin', 'anonymous'];
const SPACES = {
  org: ['owner', 'member', 'stranger', 'admin'],
  community: ['owner', 'member'],
  people: ['owner', 'member'],
};

describe('audience matrix: wiki spaces x readers x read paths', () => {
  let server;
  const c = {};
  const p = {};
  const pages = {};  // space -> its page (as its owner got it)
  let target;  // the organization page every space's page links to
  let linker;  // an organization page linking into every space
  const may = (space, reader) => SPACES[space].includes(reader);
  const statusFor = (space, reader) => (reader === 'anonymous' ? 401 : may(space, reader) ? 200 : 404);

  before(async () => {
    server = await startServer();
    c.admin = await setupAdmin(server);
    const added = await addPeople(server, c.admin, [['owner', 'member'], ['member', 'member'], ['stranger', 'member'],
      ['guest1', 'guest'], ['alum1', 'alumnus']]);
    Object.assign(p, added.people);
    Object.assign(c, added.clients);
    c.anonymous = new Client(server.url);
    const community = await c.owner.post('/api/v1/communities', { name: 'Hidden wiki lab', handle: 'hidden-wiki-lab', type: 'restricted', listed: false });
    assert.equal(community.status, 201, community.text);
    assert.ok((await c.owner.post(`/api/v1/communities/${community.json.id}/invitations`, { person_id: p.member.id })).status < 300);
    assert.ok((await c.member.post(`/api/v1/communities/${community.json.id}/join`)).status < 300);
    const bodies = {
      org: { name: 'Matrix org', handle: 'mx-org' },
      community: { name: 'Matrix community', handle: 'mx-community', kind: 'community', community: 'hidden-wiki-lab' },
      people: { name: 'Matrix people', handle: 'mx-people', kind: 'people', members: [p.member.handle] },
    };
    for (const [space, body] of Object.entries(bodies)) {
      const r = await c.owner.post('/api/v1/wiki/spaces', body);
      assert.equal(r.status, 201, r.text);
    }
    const t = await c.owner.post('/api/v1/wiki/spaces/mx-org/pages', { title: 'Shared target', body: 'The target.' });
    assert.equal(t.status, 201, t.text);
    target = t.json;
    for (const space of Object.keys(SPACES)) {
      const word = `zqwiki${space}`;
      const r = await c.owner.post(`/api/v1/wiki/spaces/mx-${space}/pages`, {
        title: `Page ${word}`, body: `About ${word}. See [[mx-org:Shared target]] and [[Nowhere ${space}]].`,
      });
      assert.equal(r.status, 201, r.text);
      const s = await c.owner.post(`/api/v1/wiki/pages/${r.json.id}/revisions`, { body: `${r.json.body}\n\nMore.`, base_revision: 1 });
      assert.equal(s.status, 200, s.text);
      pages[space] = { ...s.json.page, word };
    }
    const l = await c.owner.post('/api/v1/wiki/spaces/mx-org/pages', {
      title: 'Links everywhere', body: Object.keys(SPACES).map((s) => `[[mx-${s}:Page zqwiki${s}|to ${s}]]`).join(' '),
    });
    assert.equal(l.status, 201, l.text);
    linker = l.json;
    for (const page of Object.values(pages))
      for (const end = Date.now() + 10000; ; await new Promise((r) => setTimeout(r, 50))) {
        const r = await c.owner.get(`/api/v1/search?q=${page.word}&kind=wiki_page`);
        if (r.json.items.some((i) => i.id === page.id)) break;
        assert.ok(Date.now() < end, `search never indexed ${page.word}`);
      }
  });
  after(() => server.stop());

  test('the space, its members, tree, recent changes and broken links: 200 for its readers, 404 for others', async () => {
    for (const space of Object.keys(SPACES))
      for (const reader of READERS)
        for (const path of ['', '/members', '/pages', '/pages?order=recent', '/broken-links']) {
          const r = await c[reader].get(`/api/v1/wiki/spaces/mx-${space}${path}`);
          assert.equal(r.status, statusFor(space, reader), `${reader} reading ${space}${path}`);
        }
  });

  test('the list of spaces shows those the reader may see', async () => {
    for (const reader of READERS.filter((r) => r !== 'anonymous')) {
      const r = await c[reader].get('/api/v1/wiki/spaces?limit=100');
      assert.equal(r.status, 200);
      for (const space of Object.keys(SPACES))
        assert.equal(r.json.items.some((s) => s.handle === `mx-${space}`), may(space, reader), `${reader} listing ${space}`);
    }
  });

  test('the page, by address and by id, its revisions, a revision, a diff, who wrote what, who edits it and its files', async () => {
    for (const space of Object.keys(SPACES))
      for (const reader of READERS) {
        const page = pages[space];
        for (const path of [`/api/v1/wiki/spaces/mx-${space}/pages/${page.slug}`, `/api/v1/wiki/pages/${page.id}`,
          `/api/v1/wiki/pages/${page.id}/revisions`, `/api/v1/wiki/pages/${page.id}/revisions/1`,
          `/api/v1/wiki/pages/${page.id}/diff?from=1&to=2`, `/api/v1/wiki/pages/${page.id}/backlinks`,
          `/api/v1/wiki/pages/${page.id}/blame`, `/api/v1/wiki/pages/${page.id}/editing`, `/api/v1/wiki/pages/${page.id}/attachments`]) {
          const r = await c[reader].get(path);
          assert.equal(r.status, statusFor(space, reader), `${reader} reading ${path} (${space})`);
        }
        // A reader who may not see the space cannot write in it either.
        if (reader !== 'anonymous' && !may(space, reader)) {
          const w = await c[reader].post(`/api/v1/wiki/pages/${page.id}/revisions`, { body: 'mine', base_revision: 2 });
          assert.equal(w.status, 404, `${reader} saving in ${space}`);
        }
      }
  });

  test('what links to an organization page, and the count on it, hold only pages the reader reads', async () => {
    for (const reader of READERS.filter((r) => r !== 'anonymous' && may('org', r))) {
      const list = await c[reader].get(`/api/v1/wiki/pages/${target.id}/backlinks?limit=100`);
      assert.equal(list.status, 200);
      const page = await c[reader].get(`/api/v1/wiki/pages/${target.id}`);
      const expected = Object.keys(SPACES).filter((s) => may(s, reader));
      for (const space of Object.keys(SPACES))
        assert.equal(list.json.items.some((i) => i.id === pages[space].id), may(space, reader), `${reader}: backlink from ${space}`);
      assert.equal(page.json.backlink_count, expected.length, `${reader}: backlink count`);
    }
  });

  test('a link into a space the reader may not see is plain words', async () => {
    for (const reader of READERS.filter((r) => r !== 'anonymous' && may('org', r))) {
      const html = (await c[reader].get(`/api/v1/wiki/pages/${linker.id}`)).json.html;
      for (const space of Object.keys(SPACES)) {
        const linked = html.includes(`<a href="/wiki/mx-${space}/${pages[space].slug}">to ${space}</a>`);
        assert.equal(linked, may(space, reader), `${reader}: link into ${space}`);
        assert.ok(html.includes(`to ${space}`), `${reader}: the words for ${space} stay`);
      }
    }
  });

  test('search', async () => {
    for (const space of Object.keys(SPACES))
      for (const reader of READERS.filter((r) => r !== 'anonymous')) {
        const r = await c[reader].get(`/api/v1/search?q=${pages[space].word}`);
        assert.equal(r.status, 200);
        assert.equal(r.json.items.some((i) => i.id === pages[space].id), may(space, reader), `${reader} searching ${space}`);
      }
  });

  test('a people space\'s member who leaves stops reading it; one who joins reads its pages and finds them', async () => {
    assert.equal((await c.owner.delete(`/api/v1/wiki/spaces/mx-people/members/${p.member.handle}`)).status, 200);
    assert.equal((await c.member.get(`/api/v1/wiki/pages/${pages.people.id}`)).status, 404);
    assert.equal((await c.owner.put(`/api/v1/wiki/spaces/mx-people/members/${p.stranger.handle}`, { role: 'reader' })).status, 200);
    assert.equal((await c.stranger.get(`/api/v1/wiki/pages/${pages.people.id}`)).status, 200);
    for (const end = Date.now() + 10000; ; await new Promise((r) => setTimeout(r, 50))) {
      const r = await c.stranger.get(`/api/v1/search?q=${pages.people.word}`);
      if (r.json.items.some((i) => i.id === pages.people.id)) break;
      assert.ok(Date.now() < end, 'the new member never found the page');
    }
    const gone = await c.member.get(`/api/v1/search?q=${pages.people.word}`);
    assert.equal(gone.json.items.some((i) => i.id === pages.people.id), false);
  });
});

// Pictures in blog entries: a cover and the pictures the Markdown names, attached to the entry
// on saving so that its readers (a draft's writers, then the blog's audience) and only they
// read them; the cover on the public page and in its link previews; deleting the entry
// removes the files. And the editors' preview: Markdown rendered as it will show.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mediaFiles, png } from '../support/images.mjs';
import { Client, addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

describe('pictures in blog entries', () => {
  let server;
  let p;
  let c;
  const upload = async (who, bytes, alt) => {
    const r = await c[who].request('POST', `/api/v1/images?alt=${encodeURIComponent(alt)}`, { raw: bytes, headers: { 'Content-Type': 'image/png' } });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Owner'], ['cy', 'member', 'Cy Author'], ['dee', 'member', 'Dee Reader'], ['gus', 'guest', 'Gus Guest'],
    ]));
    assert.equal((await c.ana.post('/api/v1/blogs', { name: 'Open lab', handle: 'open-lab', audience: 'public' })).status, 201);
    assert.equal((await c.ana.put(`/api/v1/blogs/open-lab/roles/${p.cy.handle}`, { role: 'author' })).status, 200);
  });
  after(() => server.stop());

  test('a draft\'s pictures are its writers\' to see; published, the world\'s; deleted, gone', async () => {
    const filesBefore = mediaFiles(server.dataDir).length;
    const cover = await upload('cy', png(1200, 600), 'A heron at dawn');
    const inline = await upload('cy', png(300, 200), 'The lab bench');
    const body = `Morning at the lab.\n\n![The lab bench](${inline.url})\n\nMore text.`;
    assertProblem(assert, await c.cy.post('/api/v1/blogs/open-lab/entries', { title: 'x', body: 'y', cover_image: 'nope' }), 422, { field: 'cover_image' });
    const dees = await upload('dee', png(10, 10), 'not Cy\'s');
    assertProblem(assert, await c.cy.post('/api/v1/blogs/open-lab/entries', { title: 'x', body: 'y', cover_image: dees.id }), 422, { field: 'cover_image' });

    const made = await c.cy.post('/api/v1/blogs/open-lab/entries', { title: 'Dawn at the lab', body, cover_image: cover.id });
    assert.equal(made.status, 201, made.text);
    const entry = made.json;
    assert.equal(entry.cover.id, cover.id);
    assert.equal(entry.cover.alt, 'A heron at dawn');
    assert.match(entry.body_html, new RegExp(`<img src="${inline.url}" alt="The lab bench"`));
    // A draft: its writers read its pictures, nobody else.
    for (const url of [cover.url, inline.url]) {
      assert.equal((await c.ana.get(url)).status, 200, 'the blog\'s owner reads the draft\'s pictures');
      assertProblem(assert, await c.dee.get(url), 404);
      assertProblem(assert, await new Client(server.url).get(url), 404);
    }
    // Each picture goes on one entry only: Ana cannot make Cy's her cover.
    assertProblem(assert, await c.ana.post('/api/v1/blogs/open-lab/entries', { title: 'z', body: 'z', cover_image: cover.id }), 422, { field: 'cover_image' });

    // Published in a public blog: the world reads them, and the public page shows the cover.
    assert.equal((await c.cy.post(`/api/v1/blog-entries/${entry.id}/publication`)).status, 200);
    const published = (await c.cy.get(`/api/v1/blog-entries/${entry.id}`)).json;
    for (const url of [cover.url, inline.url]) assert.equal((await new Client(server.url).get(url)).status, 200);
    const page = await new Client(server.url).get(published.public_path);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<meta property="og:image" content="[^"]*${cover.url}">`));
    assert.match(page.text, /<meta property="og:image:alt" content="A heron at dawn">/);
    assert.match(page.text, /<meta name="twitter:card" content="summary_large_image">/);
    assert.match(page.text, new RegExp(`<figure class="cover"><img src="${cover.url}" alt="A heron at dawn" width="1200" height="600">`));

    // The cover is taken away (a new version; the page changes at once), then another put.
    const v = published.version;
    const bare = await c.cy.patch(`/api/v1/blog-entries/${entry.id}`, { cover_image: null });
    assert.equal(bare.status, 200, bare.text);
    assert.equal(bare.json.cover, null);
    assert.equal(bare.json.version, v + 1);
    assert.doesNotMatch((await new Client(server.url).get(published.public_path)).text, /og:image/);
    const again = await c.cy.patch(`/api/v1/blog-entries/${entry.id}`, { cover_image: cover.id });
    assert.equal(again.json.cover.id, cover.id, 'a picture of the entry\'s own may be its cover again');
    // A new picture named in an edit is attached too.
    const later = await upload('cy', png(64, 64), 'A later picture');
    const edited = await c.cy.patch(`/api/v1/blog-entries/${entry.id}`, { body: `${body}\n\n![A later picture](${later.url})` });
    assert.equal(edited.status, 200, edited.text);
    assert.equal((await new Client(server.url).get(later.url)).status, 200);

    assert.equal((await c.cy.delete(`/api/v1/blog-entries/${entry.id}`)).status, 204);
    for (const url of [cover.url, inline.url, later.url]) assertProblem(assert, await c.cy.get(url), 404);
    // Dee's waiting upload remains; the entry's files went with it.
    assert.equal(mediaFiles(server.dataDir).length, filesBefore + 2, 'only Dee\'s upload\'s two renditions are left');
  });

  test('the editor\'s preview renders Markdown as it will show, and saves nothing', async () => {
    const r = await c.cy.post('/api/v1/markdown', { body: `# Notes\n\nHello @${p.dee.handle}, see #herons and <script>x</script>` });
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.html, /<h1>Notes<\/h1>/);
    assert.match(r.json.html, /class="mention"[^>]*>Dee Reader<\/a>/);
    assert.match(r.json.html, /href="\/tags\/herons"/);
    assert.doesNotMatch(r.json.html, /<script>/);
    assert.equal((await c.cy.post('/api/v1/markdown', { body: '' })).json.html, '');
    assertProblem(assert, await c.cy.post('/api/v1/markdown', { body: 'x'.repeat(100001) }), 422, { field: 'body' });
    assertProblem(assert, await c.cy.post('/api/v1/markdown', { text: 'x' }), 422);
    assertProblem(assert, await new Client(server.url).post('/api/v1/markdown', { body: 'x' }), 401);
  });
});

// Atom feeds of blogs: a public blog's feed read with no credential, a blog, an author's and a
// hashtag's feed through a feed token (what only its person may read, and nothing after it
// is revoked), an entry's comments; conditional GET with ETag and If-Modified-Since. Every
// feed is parsed by a feed reader's parser (npm feedparser) and validated against the Atom
// RELAX NG schema of RFC 4287 (scripts/atom-schema.sh) with xmllint.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

// The schema is made once per machine (it comes from Debian's copy of the RFC).
const schemaDir = join(process.cwd(), 'build', 'test-cache');

function parse(xml) {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ normalize: true, addmeta: false });
    const items = [];
    let meta = null;
    parser.on('error', reject);
    parser.on('meta', (m) => { meta = m; });
    parser.on('readable', () => {
      for (let item; (item = parser.read());) items.push(item);
    });
    parser.on('end', () => resolve({ meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

describe('Atom feeds of blogs', () => {
  let server;
  let p;
  let c;
  let schema;
  const work = mkdtempSync(join(tmpdir(), 'agora-feeds-'));
  let n = 0;
  // Valid Atom, or the test fails with xmllint's words.
  const validate = (xml) => {
    const file = join(work, `feed-${++n}.xml`);
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--relaxng', schema, file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stderr}\n${xml}`);
  };
  const get = (path, headers = {}) => fetch(`${server.url}${path}`, { headers });
  // 404 with a problem document: what does not exist and what may not be read look alike.
  const notFound = async (path, headers = {}) => {
    const r = await get(path, headers);
    assert.equal(r.status, 404, path);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.equal((await r.json()).status, 404);
  };
  const feed = async (path) => {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /^application\/atom\+xml/);
    const xml = await r.text();
    validate(xml);
    return { response: r, xml, ...(await parse(xml)) };
  };

  before(async () => {
    const made = spawnSync('scripts/atom-schema.sh', [schemaDir], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    schema = made.stdout.trim();
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana <Writer> & Co'], ['bo', 'member', 'Bo Reader'], ['gus', 'guest', 'Gus Guest'],
    ]));
    for (const [handle, audience] of [['world', 'public'], ['inside', 'organization']]) {
      const b = await c.ana.post('/api/v1/blogs', { name: `The ${handle} blog`, handle, audience, description: `Notes & <things> ${handle}` });
      assert.equal(b.status, 201, b.text);
    }
  });
  after(() => server.stop());

  test('a public blog\'s feed: its published entries, escaped, with links anyone can open; no drafts', async () => {
    const e = await c.ana.post('/api/v1/blogs/world/entries', {
      title: 'Launch <day> & "after"', excerpt: 'What we learned', body: 'It went **well** #launch\n\n<script>alert(1)</script>', publish: true,
    });
    assert.equal(e.status, 201, e.text);
    await c.ana.post('/api/v1/blogs/world/entries', { title: 'Secret draft', body: 'not yet' });
    const { meta, items, response } = await feed('/feeds/blogs/world');
    assert.equal(meta.title, 'The world blog');
    assert.equal(meta.description, 'Notes & <things> world');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    assert.deepEqual(items.map((i) => i.title), ['Launch <day> & "after"']);
    const [item] = items;
    assert.equal(item.author, 'Ana <Writer> & Co');
    assert.deepEqual(item.categories, ['launch']);
    assert.equal(item.summary, 'What we learned');
    assert.match(item.description, /<strong>well<\/strong>/);
    assert.doesNotMatch(item.description, /<script>/, 'raw HTML is never rendered');
    // The entry's address is its public page: the year and month of publication, the slug.
    const d = new Date(e.json.published_at);
    const month = String(d.getUTCMonth() + 1).padStart(2, '0');
    assert.equal(item.link, `${server.url}/blogs/world/${d.getUTCFullYear()}/${month}/launch-day-after`);
    assert.equal(new Date(item.pubdate).toISOString(), e.json.published_at);
    // The organization's blog is no feed for the world; nor is a blog that does not exist.
    await notFound('/feeds/blogs/inside');
    await notFound('/feeds/blogs/nope');
    // A signed-in browser opening the public address still gets the public feed (no cookie is read).
    assert.ok(c.ana.cookie);
    await notFound('/feeds/blogs/inside', { Cookie: c.ana.cookie });
  });

  test('conditional GET: ETag and If-Modified-Since answer 304 until something changes', async () => {
    const first = await get('/feeds/blogs/world');
    const etag = first.headers.get('etag');
    const modified = first.headers.get('last-modified');
    assert.ok(etag && modified);
    assert.equal((await get('/feeds/blogs/world', { 'If-None-Match': etag })).status, 304);
    assert.equal((await get('/feeds/blogs/world', { 'If-Modified-Since': modified })).status, 304);
    assert.equal((await get('/feeds/blogs/world', { 'If-Modified-Since': 'Thu, 01 Jan 2015 00:00:00 GMT' })).status, 200);
    // A second later (Last-Modified counts seconds) a new entry makes both stale.
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await c.ana.post('/api/v1/blogs/world/entries', { title: 'Second', body: 'more', publish: true })).status, 201);
    const changed = await get('/feeds/blogs/world', { 'If-None-Match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal((await get('/feeds/blogs/world', { 'If-Modified-Since': modified })).status, 200);
    // An edit shows at once (the feed is kept rendered until the blog's entries change).
    const second = (await c.ana.get('/api/v1/blogs/world/entries?limit=1')).json.items[0];
    assert.equal((await c.ana.patch(`/api/v1/blog-entries/${second.id}`, { title: 'Second, retitled' })).status, 200);
    assert.ok((await feed('/feeds/blogs/world')).items.some((i) => i.title === 'Second, retitled'));
    assert.ok((await feed(`/feeds/${(await c.ana.post('/api/v1/me/feed-token')).json.token}/blogs/world`)).items.some((i) => i.title === 'Second, retitled'));
  });

  test('a feed token reads what its person may read, until it is replaced or revoked', async () => {
    assert.equal((await c.ana.post('/api/v1/blogs/inside/entries', { title: 'Inside news #launch', body: 'for us #launch', publish: true })).status, 201);
    assertProblem(assert, await c.bo.get('/api/v1/me/feed-token'), 404);
    const made = await c.bo.post('/api/v1/me/feed-token');
    assert.equal(made.status, 201, made.text);
    const token = made.json.token;
    assert.match(token, /^agf_/);
    assert.ok((await c.bo.get('/api/v1/me/feed-token')).json.created_at);
    const inside = await feed(`/feeds/${token}/blogs/inside`);
    assert.deepEqual(inside.items.map((i) => i.title), ['Inside news #launch']);
    assert.equal(inside.response.headers.get('cache-control'), 'private, max-age=300');
    assert.match(inside.items[0].link, /\/blogs\/inside\/entries\/\d+$/, 'an organization\'s entry links to the app');
    // A hashtag's feed: the world sees the public entry, Bo both.
    assert.deepEqual((await feed('/feeds/tags/launch')).items.map((i) => i.title), ['Launch <day> & "after"']);
    assert.deepEqual((await feed(`/feeds/${token}/tags/launch`)).items.map((i) => i.title).sort(), ['Inside news #launch', 'Launch <day> & "after"']);
    // An author's feed across blogs, titled in the reader's language.
    const byAna = await feed(`/feeds/${token}/authors/${p.ana.handle}`);
    assert.equal(byAna.meta.title, 'Blog entries by Ana <Writer> & Co');
    assert.deepEqual(byAna.items.map((i) => i.title), ['Inside news #launch', 'Second, retitled', 'Launch <day> & "after"']);
    assert.deepEqual((await feed(`/feeds/authors/${p.ana.handle}`)).items.map((i) => i.title), ['Second, retitled', 'Launch <day> & "after"']);
    await c.bo.patch('/api/v1/me', { language: 'sv' });
    assert.equal((await feed(`/feeds/${token}/authors/${p.ana.handle}`)).meta.title, 'Blogginlägg av Ana <Writer> & Co');
    // A guest's token reads no organization blog.
    const guest = (await c.gus.post('/api/v1/me/feed-token')).json.token;
    await notFound(`/feeds/${guest}/blogs/inside`);
    // A new token replaces the old one; revoking ends it.
    const next = (await c.bo.post('/api/v1/me/feed-token')).json.token;
    assert.notEqual(next, token);
    await notFound(`/feeds/${token}/blogs/inside`);
    assert.equal((await get(`/feeds/${next}/blogs/inside`)).status, 200);
    assert.equal((await c.bo.delete('/api/v1/me/feed-token')).status, 204);
    await notFound(`/feeds/${next}/blogs/inside`);
    await notFound('/feeds/agf_made-up/blogs/world');
  });

  test('an entry\'s comments, through a token only', async () => {
    const e = await c.ana.post('/api/v1/blogs/inside/entries', { title: 'Ask me', body: 'anything', publish: true });
    for (const body of ['First question', 'Second **question**'])
      assert.equal((await c.bo.post(`/api/v1/content/${e.json.id}/comments`, { body })).status, 201);
    const token = (await c.ana.post('/api/v1/me/feed-token')).json.token;
    const { meta, items } = await feed(`/feeds/${token}/entries/${e.json.id}/comments`);
    assert.equal(meta.title, 'Comments on “Ask me”');
    assert.deepEqual(items.map((i) => i.author), ['Bo Reader', 'Bo Reader']);
    assert.match(items[0].description, /<strong>question<\/strong>/);
    assert.match(items[0].link, new RegExp(`/blogs/inside/entries/${e.json.id}#comment-\\d+$`));
    const guest = (await c.gus.post('/api/v1/me/feed-token')).json.token;
    await notFound(`/feeds/${guest}/entries/${e.json.id}/comments`);
  });
});

// The public pages of blog entries: a public entry at its readable address, for anyone, with no
// credential read; its metadata (canonical, Open Graph, Twitter card, the Atom feed); nothing
// that is not public (no comments); edits shown at once; conditional GET; 404 for what is not
// public; the sitemap.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('public pages of blog entries', () => {
  let server;
  let c;
  let entry;
  let pagePath;
  const get = (path, headers = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const meta = (html, property) => html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)">`))?.[1];

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ clients: c } = await addPeople(server, admin, [['ana', 'member', 'Ana Writer'], ['bo', 'member', 'Bo Insider']]));
    for (const [handle, audience] of [['voices', 'public'], ['inside', 'organization']])
      assert.equal((await c.ana.post('/api/v1/blogs', { name: `The ${handle}`, handle, audience })).status, 201);
    const e = await c.ana.post('/api/v1/blogs/voices/entries', {
      title: 'Why we build <small> things', excerpt: 'A short "story" & more', body: 'We build **small** things. #craft', publish: true,
    });
    assert.equal(e.status, 201, e.text);
    entry = e.json;
    const d = new Date(entry.published_at);
    pagePath = `/blogs/voices/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${entry.slug}`;
  });
  after(() => server.stop());

  test('a public entry\'s page: readable without signing in, with its metadata and nothing private', async () => {
    assert.equal((await c.bo.post(`/api/v1/content/${entry.id}/comments`, { body: 'An internal remark' })).status, 201);
    const r = await get(pagePath);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(r.headers.get('cache-control'), 'public, max-age=60');
    const html = await r.text();
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<html lang="en">/);
    assert.match(html, /<h1>Why we build &lt;small&gt; things<\/h1>/);
    assert.match(html, /<strong>small<\/strong>/);
    assert.match(html, /By Ana Writer/);
    assert.match(html, /1 minute read/);
    assert.ok(html.includes(`<link rel="canonical" href="${server.url}${pagePath}">`), html);
    assert.ok(html.includes(`href="${server.url}/feeds/blogs/voices"`), 'the blog\'s Atom feed');
    assert.equal(meta(html, 'og:title'), 'Why we build &lt;small&gt; things');
    assert.equal(meta(html, 'og:description'), 'A short &quot;story&quot; &amp; more');
    assert.equal(meta(html, 'og:url'), `${server.url}${pagePath}`);
    assert.equal(meta(html, 'og:type'), 'article');
    assert.equal(meta(html, 'twitter:card'), 'summary');
    assert.equal(meta(html, 'article:tag'), 'craft');
    assert.equal(meta(html, 'article:published_time'), entry.published_at);
    assert.doesNotMatch(html, /internal remark/, 'no comments on the public page');
    assert.doesNotMatch(html, /<script/, 'no JavaScript needed');
    // The stylesheet it names is served.
    assert.equal((await get('/public-page.css')).status, 200);
    // Conditional GET.
    assert.equal((await get(pagePath, { 'If-None-Match': r.headers.get('etag') })).status, 304);
    assert.equal((await get(pagePath, { 'If-Modified-Since': r.headers.get('last-modified') })).status, 304);
  });

  test('an edit shows at once; unpublished or not public, there is no page; a wrong month moves to the right one', async () => {
    const before = await get(pagePath);
    assert.equal((await c.ana.patch(`/api/v1/blog-entries/${entry.id}`, { title: 'Why we build small things' })).status, 200);
    const after = await get(pagePath, { 'If-None-Match': before.headers.get('etag') });
    assert.equal(after.status, 200);
    assert.match(await after.text(), /<h1>Why we build small things<\/h1>/);
    // Another month in the address: a permanent redirect to the entry's own.
    const [, , , year] = pagePath.split('/');
    const wrong = pagePath.replace(`/${year}/`, `/${Number(year) - 1}/`);
    const moved = await get(wrong);
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), pagePath);
    // Unpublished: gone, in words; published again: back at the same address.
    assert.equal((await c.ana.delete(`/api/v1/blog-entries/${entry.id}/publication`)).status, 200);
    const gone = await get(pagePath);
    assert.equal(gone.status, 404);
    assert.match(gone.headers.get('content-type'), /^text\/html/);
    assert.match(await gone.text(), /This page does not exist, or it is not public\./);
    assert.equal((await c.ana.post(`/api/v1/blog-entries/${entry.id}/publication`)).status, 200);
    assert.equal((await get(pagePath)).status, 200);
    // An organization's entry has no public page, even at the address it would have.
    const inside = await c.ana.post('/api/v1/blogs/inside/entries', { title: 'Inside only', body: 'for us', publish: true });
    const d = new Date(inside.json.published_at);
    const insidePath = `/blogs/inside/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${inside.json.slug}`;
    assert.equal((await get(insidePath)).status, 404);
    assert.equal((await get(insidePath, { Cookie: c.ana.cookie })).status, 404, 'no credential is read');
  });

  test('the sitemap lists public entries only', async () => {
    const r = await get('/sitemap.xml');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^application\/xml/);
    const xml = await r.text();
    assert.match(xml, /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/);
    const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    assert.deepEqual(locs, [`${server.url}${pagePath}`]);
  });
});

// The web client's files: pages of the client (any path that is not a file, handles with
// dots included) answer index.html; a missing file is 404; the installable app's manifest
// and service worker come with the right types and are never cached for long.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer } from '../support/server.mjs';

// A GET with exactly these headers, the body as bytes (fetch would decompress by itself).
function raw(url, headers) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('static files', () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());

  test('client pages, handles with dots among them, are the client; missing files are 404', async () => {
    for (const path of ['/', '/people/ana.berg', '/communities/team.x', '/posts/123#comment-4', '/settings']) {
      const r = await fetch(`${server.url}${path}`);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type'), /^text\/html/, path);
    }
    for (const path of ['/assets/missing.js', '/favicon.ico', '/icons/none.png', '/robots.txt']) {
      assert.equal((await fetch(`${server.url}${path}`)).status, 404, path);
    }
  });

  test('the page comes in the reader\'s language, with its catalog preloaded: last used here, else the browser\'s', async () => {
    const page = async (headers) => {
      const r = await fetch(`${server.url}/people/ana`, { headers });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('vary').includes('Accept-Language'), true);
      const html = await r.text();
      return { lang: /<html lang="([a-z]+)">/.exec(html)?.[1], preload: /<link rel="modulepreload" href="([^"]+)"/.exec(html)?.[1], etag: r.headers.get('etag') };
    };
    const ru = await page({ 'Accept-Language': 'ru-RU, en;q=0.5' });
    assert.equal(ru.lang, 'ru');
    assert.match(ru.preload, /^\/assets\/messages-ru-[\w-]+\.js$/);
    const catalog = await fetch(`${server.url}${ru.preload}`);
    assert.equal(catalog.status, 200, 'the preloaded catalog exists');
    assert.match(catalog.headers.get('cache-control'), /immutable/);
    const bg = await page({ 'Accept-Language': 'ru', Cookie: 'agora_session=x; agora_language=bg' });
    assert.equal(bg.lang, 'bg', 'the language last used on this browser wins');
    assert.match(bg.preload, /messages-bg-/);
    assert.notEqual(bg.etag, ru.etag, 'each version has its own validator');
    const unknown = await page({ 'Accept-Language': 'fi', Cookie: 'agora_language=xx' });
    assert.equal(unknown.lang, 'en');
    assert.match(unknown.preload, /messages-en-/);
    assert.equal((await page({ 'Accept-Language': 'nn-NO' })).lang, 'nb');
  });

  test('text files go gzipped to browsers that accept it, with their own validator; pictures as they are', async () => {
    const html = (await fetch(server.url)).headers;
    const script = (await (await fetch(server.url)).text()).match(/\/assets\/index-[\w-]+\.js/)[0];
    const plain = await raw(`${server.url}${script}`, { 'Accept-Encoding': 'identity' });
    const zipped = await raw(`${server.url}${script}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.vary, 'Accept-Encoding');
    assert.ok(zipped.body.length < plain.body.length / 2, `${zipped.body.length} < ${plain.body.length} / 2`);
    assert.deepEqual(gunzipSync(zipped.body), plain.body, 'the same bytes once decompressed');
    assert.notEqual(zipped.headers.etag, plain.headers.etag);
    assert.equal((await raw(`${server.url}${script}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.etag })).status, 304);
    assert.equal((await raw(`${server.url}${script}`, { 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding'], undefined,
      'q=0 refuses it');
    const png = await raw(`${server.url}/icons/icon-512.png`, { 'Accept-Encoding': 'gzip' });
    assert.equal(png.headers['content-encoding'], undefined, 'a picture is compressed already');
    assert.ok(html.get('content-type').startsWith('text/html'));
  });

  test('the manifest, icons and service worker', async () => {
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    assert.equal(manifest.status, 200);
    assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
    const sw = await fetch(`${server.url}/sw.js`);
    assert.equal(sw.status, 200);
    assert.match(sw.headers.get('content-type'), /^text\/javascript/);
    assert.equal(sw.headers.get('cache-control'), 'no-cache', 'a new worker is picked up at once');
    assert.equal((await fetch(`${server.url}/icons/icon-192.png`)).headers.get('content-type'), 'image/png');
    assert.equal((await fetch(`${server.url}/offline.html`)).status, 200);
  });
});

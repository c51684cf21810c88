// The web client's files: pages of the client (any path that is not a file, handles with
// dots included) answer index.html; a missing file is 404; the installable app's manifest
// and service worker come with the right types and are never cached for long.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../support/server.mjs';

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

// Installable: the manifest and the service worker make Chromium count Agora installable;
// the worker keeps the build's assets and never an API answer (a person's data); with the
// network gone, a page shows the offline page instead of the browser's error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, launchPersistentChromium, screenshot } from '../support/browser.mjs';
import { setupAdmin, startServer } from '../support/server.mjs';

describe('installable web app', () => {
  let server;
  let context;
  const profile = mkdtempSync(join(tmpdir(), 'agora-chromium-'));
  before(async () => {
    server = await startServer();
    await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
    context = await launchPersistentChromium(profile);
  });
  after(async () => {
    await context?.close();
    await server?.stop();
    rmSync(profile, { recursive: true, force: true });
  });

  test('the manifest and service worker make it installable; API answers are never cached; offline shows a page', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill('admin@example.com');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: /^Welcome, /, level: 1 }).waitFor();
    const url = server.url;
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
    for (const icon of manifest.icons) assert.equal((await fetch(`${server.url}${icon.src}`)).status, 200, icon.src);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.getByRole('heading', { name: /^Welcome, /, level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true, 'the page is controlled by the worker');
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium finds nothing that stops installing');

    // Browse a little, then look into every cache the worker keeps.
    await page.goto(`${server.url}/people`);
    await page.getByRole('status').filter({ hasText: 'found' }).waitFor();
    const cached = await page.evaluate(async () => {
      const urls = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    });
    assert.ok(cached.some((u) => u.startsWith('/assets/')), `the build's assets are kept: ${cached}`);
    assert.ok(cached.includes('/offline.html'));
    assert.deepEqual(cached.filter((u) => u.startsWith('/api/')), [], 'no API answer in any cache');

    // The network gone: the server stops (a page then cannot be fetched at all).
    await server.stop();
    server = null;
    await page.goto(`${url}/communities`).catch(() => {});
    await page.getByRole('heading', { name: 'You are offline' }).waitFor();
    await expectAccessible(page, 'the offline page');
    await screenshot(page, 'offline');
    assert.equal(await page.getByRole('link', { name: 'Try again' }).getAttribute('href'), '/');
  });
});

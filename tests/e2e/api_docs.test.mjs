// The API reference at /api/docs: rendered from the served description under the site's
// Content-Security-Policy (this context does not bypass it, so a blocked script or style
// would show as a console error and an empty page), every operation listed, readable by
// axe-core, and "Try it out" answering as the signed-in person.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { setupAdmin, startServer } from '../support/server.mjs';

describe('API reference', () => {
  let server;
  let browser;
  let operations;
  before(async () => {
    server = await startServer();
    await setupAdmin(server);
    browser = await launchChromium();
    const spec = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
    operations = Object.values(spec.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('/api/docs renders every operation under the CSP, offline-capable, without console errors', async () => {
    const context = await browser.newContext();  // the CSP applies
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url()); });
    const res = await page.goto(`${server.url}/api/docs`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-security-policy'], /default-src 'self'/);
    await page.locator('.opblock').first().waitFor();
    assert.equal(await page.locator('.opblock').count(), operations);
    await page.getByRole('heading', { name: /Agora API/, level: 1 }).waitFor();
    assert.deepEqual(problems, [], 'no CSP violation or script error');
    assert.deepEqual(outside, [], 'nothing is fetched from elsewhere');
    await screenshot(page, 'api-docs');
    await context.close();
  });

  test('the reference passes axe-core, and "Try it out" answers as the signed-in person', async () => {
    const page = await signedInPage(browser, server, 'admin');  // bypassCSP: to inject axe-core
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/api/docs`);
    const getMe = page.locator('#operations-people-getMe');
    await getMe.locator('.opblock-summary-control').click();
    await getMe.locator('.opblock-body').waitFor();
    await getMe.getByRole('button', { name: 'Try it out' }).click();
    await getMe.getByRole('button', { name: 'Execute' }).click();
    const status = getMe.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor();
    assert.match(await status.innerText(), /200/);
    assert.match(await getMe.locator('.live-responses-table .highlight-code').first().innerText(), /Ada Admin/);
    await expectAccessible(page, '/api/docs');
    await screenshot(page, 'api-docs-try');
    await page.context().close();
  });
});

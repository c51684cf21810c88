// Shared pieces of the browser tests: launching Debian's Chromium and checking a page with
// axe-core.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export function launchChromium() {
  return chromium.launch(CHROMIUM);
}

// A browser with a profile on disk, as a person's is (contexts of launchChromium are
// incognito, where nothing can be installed). Closing the context ends it.
export function launchPersistentChromium(dir, options = {}) {
  return chromium.launchPersistentContext(dir, { ...CHROMIUM, bypassCSP: true, ...options });
}

// Fails with the list of axe-core violations on the current page. The test's browser
// context needs bypassCSP so the script can be injected; the app itself runs under its CSP.
export async function expectAccessible(page, label) {
  // Every page of the app has a level-one heading once rendered; checking the brief
  // "Loading…" state before it (a slow first request on a loaded machine) would test nothing.
  await page.locator('h1').first().waitFor();
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(violations, [], `axe-core violations on ${label}`);
}

// A full-page screenshot into AGORA_TEST_SCREENSHOTS, when it is set (to look at pages).
export async function screenshot(page, name) {
  if (process.env.AGORA_TEST_SCREENSHOTS) await page.screenshot({ path: `${process.env.AGORA_TEST_SCREENSHOTS}/${name}.png`, fullPage: true });
}

// A page in a browser context of its own, signed in as `who` (e-mail who@example.com,
// password who-password-1, as the tests create people) and showing the home page.
// `context`: more options of the browser context (a phone's viewport, a colour scheme).
export async function signedInPage(browser, server, who, context = {}) {
  const page = await (await browser.newContext({ bypassCSP: true, ...context })).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(server.url);
  await page.getByLabel('E-mail').fill(`${who}@example.com`);
  await page.getByLabel('Password').fill(`${who}-password-1`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome, /, level: 1 }).waitFor();
  return page;
}

// Browser test of single sign-on: a person opens a community page, signs in with the
// organization's identity provider (npm oidc-provider: its real sign-in page), lands back on
// that page with an account made from the provider's claims, and signs out of both. A
// cancelled sign-in comes back as a sentence; with passwords off, the password form hides
// behind the administrators' link. axe-core checks the sign-in page; screenshots go to
// AGORA_TEST_SCREENSHOTS when set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot } from '../support/browser.mjs';
import { setupAdmin, startServer } from '../support/server.mjs';
import { startOidc } from '../support/oidc.mjs';


async function signInAtProvider(page, login) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

describe('single sign-on in the browser', () => {
  let oidc;
  let server;
  let browser;
  before(async () => {
    oidc = await startOidc({
      people: { sofia: { email: 'sofia@example.com', email_verified: true, name: 'Sofia Söderström', job_title: 'Nurse', department: 'Care' } },
    });
    server = await startServer({ config: oidc.config() });
    oidc.attach(server.url);
    await setupAdmin(server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await oidc?.close();
  });

  test('sign in with the provider from a deep link, land there, sign out of both', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/people`);
    const button = page.getByRole('link', { name: 'Sign in with Test Identity' });
    await button.waitFor();
    await page.getByText('or with your e-mail and password').waitFor();
    await expectAccessible(page, 'sign-in page with a provider');
    await screenshot(page, 'sso-signin');
    await button.click();
    await page.waitForURL((u) => u.origin === oidc.issuer);
    await signInAtProvider(page, 'sofia');
    await page.waitForURL(`${server.url}/people`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    assert.equal(me.display_name, 'Sofia Söderström');
    assert.equal(me.email, 'sofia@example.com');
    const profile = await page.evaluate(async (h) => (await fetch(`/api/v1/people/${h}`)).json(), me.handle);
    assert.equal(profile.title, 'Nurse');

    // Signing out goes through the provider's sign-out page and back to Agora's sign-in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.origin === oidc.issuer);
    await page.getByRole('button', { name: /Yes, sign me out/i }).click();
    await page.waitForURL(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Sign in with Test Identity' }).waitFor();
    assert.equal((await page.evaluate(async () => (await fetch('/api/v1/me')).status)), 401);
  });

  test('a cancelled sign-in says so on the sign-in page', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Sign in with Test Identity' }).click();
    await page.waitForURL((u) => u.origin === oidc.issuer);
    await page.getByRole('link', { name: /Cancel/ }).click();
    await page.getByRole('alert').getByText('Signing in with Test Identity was cancelled. Try again when you are ready.').waitFor();
    await screenshot(page, 'sso-cancelled');
  });
});

describe('password sign-in turned off, in the browser', () => {
  let oidc;
  let server;
  let browser;
  before(async () => {
    oidc = await startOidc();
    server = await startServer({ config: `[auth]\nlocal_passwords = false\nbreak_glass_admin = "admin@example.com"\n\n${oidc.config()}` });
    oidc.attach(server.url);
    await setupAdmin(server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await oidc?.close();
  });

  test('the password form is behind the administrators\' link, and the break-glass admin gets in', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Sign in with Test Identity' }).waitFor();
    assert.equal(await page.getByLabel('Password').count(), 0);
    await page.getByRole('button', { name: 'Sign in with a password (administrators)' }).click();
    await page.getByLabel('E-mail').fill('admin@example.com');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectAccessible(page, 'signed in by the break-glass admin');
  });
});

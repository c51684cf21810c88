// Browser test: Debian's Chromium, driven by playwright-core, through first-admin setup,
// token creation and revocation, password change, sign-out and sign-in, and the admin user
// list; axe-core checks every page for accessibility violations.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium } from '../support/browser.mjs';
import { Client, startServer } from '../support/server.mjs';

describe('account in the browser', () => {
  let server;
  let browser;
  let page;
  before(async () => {
    server = await startServer();
    browser = await launchChromium();
    // bypassCSP only so the test can inject axe-core; the app itself runs under the real CSP.
    const context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('first admin is created through the one-time setup link', async () => {
    // A fresh install's front page says where the way in is.
    await page.goto(server.url);
    await page.getByRole('status').filter({ hasText: 'This Agora has no administrator yet.' }).waitFor();
    // Opened without the link, then the whole link pasted into the same tab: only the
    // fragment changes, and the page takes the token.
    await page.goto(`${server.url}/setup`);
    await page.getByRole('alert').filter({ hasText: 'one-time setup link' }).waitFor();
    await page.goto(`${server.url}/setup#token=${server.setupToken}`);
    await page.getByRole('alert').filter({ hasText: 'one-time setup link' }).waitFor({ state: 'detached' });
    await expectAccessible(page, 'setup');
    // An empty form names every field that needs something, at once.
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByText('Enter your name as colleagues know it.').waitFor();
    await page.getByText('Enter an e-mail address such as ana@example.com.').waitFor();
    await page.getByText('Choose a password of at least 8 characters.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'display_name', 'focus on the first');
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByLabel('Password', { exact: true }).fill('first-password-1');
    await page.getByLabel('Repeat password').fill('first-password-1');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
    assert.equal(await page.getByTestId('current-user').textContent(), 'Ada Admin');
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
    await expectAccessible(page, 'home');
  });

  test('keyboard users can skip to the content', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#main');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  });

  test('a personal access token is shown once, works, and can be revoked', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await page.getByLabel('Token name').fill('ci');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.getByTestId('new-token').textContent()).trim();
    await page.getByRole('button', { name: 'Copy the token' }).waitFor();
    // Where one is signed in reads as a browser and a system, not a user-agent string.
    assert.match(await page.locator('.sessions li').first().textContent(), /^Chrome \d+ on Linux · /);
    assert.match(token, /^agp_/);
    await expectAccessible(page, 'account');

    const script = new Client(server.url);
    script.token = token;
    assert.equal((await script.get('/api/v1/me')).json.email, 'ada@example.com');

    await page.getByRole('button', { name: 'Revoke token ci' }).click();
    await page.getByText('You have no tokens.').waitFor();
    assert.equal((await script.get('/api/v1/me')).status, 401);
  });

  test('the password can be changed, and sign-out and sign-in work', async () => {
    await page.getByLabel('Current password').fill('first-password-1');
    await page.getByLabel('New password').fill('second-password-2');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed.').waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Agora' }).waitFor();
    await expectAccessible(page, 'sign-in');
    // A signed-out visit is not an error: nothing failed in the console on load.
    const consoleErrors = [];
    const onConsole = (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); };
    page.on('console', onConsole);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Agora' }).waitFor();
    await page.waitForLoadState('networkidle');
    page.off('console', onConsole);
    assert.deepEqual(consoleErrors, []);
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByLabel('Password').fill('first-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'incorrect' }).waitFor();
    await page.getByLabel('Password').fill('second-password-2');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
  });

  test('an admin adds a person, changes the role and deactivates them', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People admin' }).click();
    await page.getByRole('heading', { name: 'People admin' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Gus Guest');
    await page.getByLabel('E-mail').fill('gus@partner.example');
    await page.getByLabel('Role', { exact: true }).selectOption('guest');
    await page.getByLabel('Initial password').fill('gus-password-1');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByText('Created Gus Guest.').waitFor();
    await expectAccessible(page, 'people admin');

    await page.getByLabel('Role of Gus Guest').selectOption('alumnus');
    // Asked first, in a dialog whose safe choice has the focus; Escape would cancel.
    const dialog = page.getByRole('dialog', { name: 'Make Gus Guest an alumnus?' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((b) => b === document.activeElement), true);
    await expectAccessible(page, 'people admin asking to confirm a role');
    await dialog.getByRole('button', { name: 'Change the role' }).click();
    await page.getByText('Gus Guest: alumnus, active.').waitFor();
    const gus = new Client(server.url);
    assert.equal((await gus.login('gus@partner.example', 'gus-password-1')).status, 200);
    assert.equal((await gus.get('/api/v1/me')).json.role, 'alumnus');

    await page.getByRole('button', { name: 'Deactivate Gus Guest' }).click();
    // Cancelled first: nothing happens; then confirmed.
    await page.getByRole('dialog', { name: 'Deactivate Gus Guest?' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    assert.equal((await gus.get('/api/v1/me')).status, 200, 'a cancelled deactivation changes nothing');
    await page.getByRole('button', { name: 'Deactivate Gus Guest' }).click();
    await page.getByRole('dialog', { name: 'Deactivate Gus Guest?' }).getByRole('button', { name: 'Deactivate', exact: true }).click();
    await page.getByText('Gus Guest: alumnus, deactivated.').waitFor();
    assert.equal((await gus.get('/api/v1/me')).status, 401, 'deactivation signed them out');

    // The list counts, filters and sorts: the deactivated alone, then everyone by name.
    await page.getByRole('status').filter({ hasText: /^2 people$/ }).waitFor();
    await page.getByLabel('Filter by status').selectOption('deactivated');
    await page.getByRole('status').filter({ hasText: 'One person matches' }).waitFor();
    assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), ['Gus Guest']);
    await page.getByLabel('Filter by status').selectOption('');
    await page.getByLabel('Sort').selectOption('newest');
    await page.locator('tbody tr').nth(1).getByText('Ada Admin').waitFor();
    assert.deepEqual(await page.locator('tbody tr td:first-child').allInnerTexts(), ['Gus Guest', 'Ada Admin']);
    await expectAccessible(page, 'people admin filtered');
  });
  test('an admin imports the staff list: dry run, then for real', async () => {
    const csv = 'email,display_name,title,manager_email\nimp1@example.com,Imogen Import,Analyst,ada@example.com\nimp2@example.com,Ivo Import,Analyst,imp1@example.com\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByTestId('import-report').filter({ hasText: '2 rows: 2 would be created' }).waitFor();
    await expectAccessible(page, 'import report');
    await page.getByLabel('Dry run: check and report only').uncheck();
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByTestId('import-report').filter({ hasText: '2 rows: 2 created' }).waitFor();
    await page.getByRole('link', { name: 'Ivo Import' }).waitFor();
    const bad = 'email,display_name\nnot-an-email,Nobody\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByRole('cell', { name: '"not-an-email" is not an e-mail address' }).waitFor();
  });
});

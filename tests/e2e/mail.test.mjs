// Browser test of the way in: an admin imports staff with invitations in People admin; an
// imported person gets the invitation by mail (a real SMTP server), follows the link, sets a
// password and lands signed in, turns on two-factor sign-in, and signs in again with a code
// computed from the secret. "Forgot password?" is followed from the sign-in page to a new
// password. axe-core checks each page; screenshots go to AGORA_TEST_SCREENSHOTS when set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { setupAdmin, startServer } from '../support/server.mjs';
import { linkToken, startSmtp } from '../support/smtp.mjs';
import { totp } from '../support/totp.mjs';


describe('invitation, password and two-factor sign-in in the browser', () => {
  let smtp;
  let server;
  let browser;
  let secret;
  before(async () => {
    smtp = await startSmtp();
    server = await startServer({ env: { AGORA_MAIL_SMTP_URL: smtp.url, AGORA_MAIL_POLL_SECONDS: '1', AGORA_MAIL_ORGANIZATION: 'Acme' } });
    await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  test('an admin imports staff and sends invitations', async () => {
    const page = await signedInPage(browser, server, 'admin');
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('heading', { name: 'Import the staff list' }).waitFor();
    await page.setInputFiles('#import_file', {
      name: 'staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('email,display_name\nnora@example.com,Nora Nyström\nomar@example.com,Omar Ortiz\n'),
    });
    await page.getByLabel('Dry run: check and report only').uncheck();
    assert.equal(await page.getByLabel(/Send invitations/).isChecked(), true, 'on by default');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByTestId('import-report').getByText('2 invitations are on their way.').waitFor();
    await page.getByTestId('user-nora@example.com').getByText(/invited .*, not activated/).waitFor();
    await page.reload();
    await page.getByTestId('admin-mail').getByText(/Mail goes to SMTP smtp:\/\/127\.0\.0\.1:\d+\. \d+ sent/).waitFor();
    await expectAccessible(page, 'people admin with invitations');
    await screenshot(page, 'admin-invitations');
  });

  test('the invited person sets a password from the mail and lands signed in', async () => {
    const mail = await smtp.next('nora@example.com');
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/activate#token=${linkToken(mail, '/activate')}`);
    await page.getByRole('heading', { name: 'Welcome to Agora' }).waitFor();
    await page.getByText('Hello Nora Nyström.').waitFor();
    await expectAccessible(page, 'activate');
    await screenshot(page, 'activate');
    await page.getByLabel('New password', { exact: true }).fill('nora-password-1');
    await page.getByLabel('New password again').fill('nora-password-2');
    await page.getByRole('button', { name: 'Set my password and sign in' }).click();
    await page.getByText('The two passwords differ.').waitFor();
    await page.getByLabel('New password again').fill('nora-password-1');
    await page.getByRole('button', { name: 'Set my password and sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Nora Nyström', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');

    // Turn on two-factor sign-in in the settings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await page.getByLabel('Your password').fill('nora-password-1');
    await page.getByRole('button', { name: 'Continue' }).click();
    secret = (await page.getByTestId('two-factor-secret').textContent()).trim();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await expectAccessible(page, 'two-factor setup');
    await screenshot(page, 'two-factor-setup');
    await page.getByLabel('Code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    assert.equal(codes.length, 10);
    await screenshot(page, 'recovery-codes');
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText(/^On: signing in asks for a code/).waitFor();
  });

  test('signing in again asks for the code from the app', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill('nora@example.com');
    await page.getByLabel('Password').fill('nora-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Two-factor sign-in' }).waitFor();
    await expectAccessible(page, 'two-factor sign-in');
    await screenshot(page, 'two-factor-signin');
    await page.getByLabel('Code').fill('000000' === totp(secret, { step: 1 }) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That code is not right.').waitFor();
    // The enable step spent the current code: the app's next one (one step of drift is allowed).
    await page.getByLabel('Code').fill(totp(secret, { step: 1 }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Nora Nyström', level: 1 }).waitFor();
  });

  test('"Forgot password?" mails a link that sets a new password', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('E-mail').fill('admin@example.com');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByText(/a link to choose a new password is on its way/).waitFor();
    await screenshot(page, 'forgot-sent');
    const mail = await smtp.next('admin@example.com');
    await page.goto(`${server.url}/reset#token=${linkToken(mail, '/reset')}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('admin-password-2');
    await page.getByLabel('New password again').fill('admin-password-2');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Ada Admin', level: 1 }).waitFor();
    // The link is spent.
    await page.goto(`${server.url}/reset#token=${linkToken(mail, '/reset')}`);
    await page.getByText(/This link has been used already or has expired/).waitFor();
  });
});

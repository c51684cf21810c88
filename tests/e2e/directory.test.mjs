// Browser test of where people come from, in People admin: the directory sync card (where
// people come from, a dry run and a sync started with its buttons, each run's report with
// the people it created), and the SCIM provisioning card (a token made, shown once, used by
// a SCIM client, revoked). Real slapd, real server, real Chromium; axe-core checks the page; screenshots go
// to AGORA_TEST_SCREENSHOTS when set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { setupAdmin, startServer } from '../support/server.mjs';
import { person, startSlapd } from '../support/ldap.mjs';
import { recordSecret } from '../support/secrets.mjs';


describe('directory sync in People admin', () => {
  let slapd;
  let server;
  let browser;
  before(async () => {
    slapd = await startSlapd({
      entries: [
        person({ uid: 'astrid', cn: 'Astrid Ødegård', mail: 'astrid@example.com', title: 'Chief Executive' }),
        person({ uid: 'ivan', cn: 'Иван Петров', mail: 'ivan@example.com', title: 'Engineer', manager: 'uid=astrid,ou=people,dc=example,dc=com' }),
      ],
    });
    server = await startServer({ config: slapd.config({ sync_minutes: 0 }) });
    await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await slapd?.stop();
  });

  test('an admin runs a dry run, then a sync, and reads what changed', async () => {
    const page = await signedInPage(browser, server, 'admin');
    await page.goto(`${server.url}/admin/users`);
    const card = page.getByTestId('admin-directory');
    await card.getByText(`People come from ${slapd.url}`).waitFor();
    await card.getByRole('button', { name: 'Dry run' }).click();
    await card.getByTestId('directory-run').first().getByText('2 people listed: 2 would be created').waitFor();
    await card.getByRole('button', { name: 'Sync now' }).click();
    const run = card.getByTestId('directory-run').first();
    await run.getByText('2 people listed: 2 created, 0 updated, 0 unchanged').waitFor();
    await run.getByText('Created (2)').click();
    await run.getByText('ivan@example.com').waitFor();
    await expectAccessible(page, 'people admin with the directory sync');
    await screenshot(page, 'admin-directory');
    const users = await page.evaluate(async () => (await fetch('/api/v1/admin/users')).json());
    assert.ok(users.items.some((u) => u.display_name === 'Иван Петров'));
  });

  test('an admin makes a SCIM token, an identity provider uses it, the admin revokes it', async () => {
    const page = await signedInPage(browser, server, 'admin');
    await page.goto(`${server.url}/admin/users`);
    const card = page.getByTestId('admin-provisioning');
    await card.getByText(`${server.url}/scim/v2`).waitFor();
    await card.getByLabel('Identity provider').fill('Entra ID');
    await card.getByRole('button', { name: 'Make a token' }).click();
    const secret = await card.getByTestId('scim-secret').textContent();
    assert.match(secret, /^agscim_[\w-]{40,}$/);
    recordSecret(secret);
    await expectAccessible(page, 'people admin with a new SCIM token');
    await screenshot(page, 'admin-provisioning');
    const scim = () => fetch(`${server.url}/scim/v2/Users?count=1`, { headers: { Authorization: `Bearer ${secret}` } });
    assert.equal((await scim()).status, 200);
    await card.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await card.getByText(/Entra ID: made .*, last used/).waitFor();
    await card.getByRole('button', { name: 'Revoke the SCIM token Entra ID' }).click();
    await page.getByRole('dialog', { name: 'Revoke the SCIM token “Entra ID”?' }).getByRole('button', { name: 'Revoke' }).click();
    await card.getByText(/Entra ID: made/).waitFor({ state: 'detached' });
    assert.equal((await scim()).status, 401);
  });
});

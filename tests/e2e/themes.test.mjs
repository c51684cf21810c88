// Light and dark: the dark theme follows the system (prefers-color-scheme) until a person
// chooses one in Account, Appearance (kept on the device); every main page passes axe-core
// (contrast included) in the dark theme, as the other browser tests check the light one.
// Screenshots of the main pages in both themes go to AGORA_TEST_SCREENSHOTS when set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';


describe('light and dark themes', () => {
  let server;
  let browser;
  const routes = [];
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
    const { people, clients } = await addPeople(server, admin, [['nora', 'member', 'Nora Nyström']]);
    const community = await admin.post('/api/v1/communities', { name: 'Geology', handle: 'geology', description: 'Rocks **and** maps', type: 'open' });
    const post = await admin.post('/api/v1/posts', { body: 'Field trip on Friday #geology, ask @nora' });
    await clients.nora.post(`/api/v1/content/${post.json.id}/comments`, { body: 'Count me in' });
    await clients.nora.put(`/api/v1/content/${post.json.id}/reactions/like`, {});
    await admin.post(`/api/v1/communities/${community.json.id}/topics`, { title: 'Maps of the fjords', body: 'Where are they?' });
    routes.push('/', '/people', '/communities', '/communities/geology', '/notifications', '/settings', '/admin/users',
      `/people/${people.nora.handle}`, `/posts/${post.json.id}`, '/tags/geology');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (colorScheme) => signedInPage(browser, server, 'admin', { colorScheme });
  const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);

  test('the system\'s dark preference gives the dark theme, and every main page passes axe-core in it', async () => {
    const page = await signIn('dark');
    assert.equal(await theme(page), 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor);
    assert.notEqual(background, 'rgb(255, 255, 255)');
    for (const path of routes) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, `${path} in the dark theme`);
      await screenshot(page, `dark-${path.replace(/\W+/g, '-') || 'home'}`);
    }
  });

  test('a choice in Account, Appearance wins over the system and stays on the device', async () => {
    const page = await signIn('light');
    assert.equal(await theme(page), 'light');
    await screenshot(page, 'light-home');
    await page.goto(`${server.url}/settings`);
    await page.getByRole('radio', { name: 'Dark' }).check();
    assert.equal(await theme(page), 'dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    assert.equal(await theme(page), 'dark');
    assert.equal(await page.getByRole('radio', { name: 'Dark' }).isChecked(), true);
    await expectAccessible(page, 'Account in the dark theme');
    await page.getByRole('radio', { name: 'As the system is set' }).check();
    assert.equal(await theme(page), 'light');
  });
});

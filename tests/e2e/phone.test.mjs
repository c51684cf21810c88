// Every page at phone widths (320, 390 and 430 px): the document is never wider than the
// screen (WCAG 1.4.10, reflow), the primary navigation is a tab bar at the bottom with
// targets of at least 44 px, the other links open from the Menu button, and every page has a
// title of its own. axe-core checks the pages at 390 px; screenshots go to
// AGORA_TEST_SCREENSHOTS when set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';


describe('phone widths', () => {
  let server;
  let browser;
  const routes = [];
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
    const { people, clients } = await addPeople(server, admin, [['nora', 'member', 'Nora Nyström-Lindqvist']]);
    const community = await admin.post('/api/v1/communities', { name: 'Exploration and geology in the far north', handle: 'far-north', description: 'Rocks', type: 'open' });
    assert.equal(community.status, 201, community.text);
    const longWord = 'Supercalifragilisticexpialidocious'.repeat(4);
    const post = await admin.post('/api/v1/posts', { body: `A long word: ${longWord} and a link https://example.com/${'a'.repeat(120)} #geology @nora` });
    assert.equal(post.status, 201, post.text);
    await clients.nora.post(`/api/v1/content/${post.json.id}/comments`, { body: `Comment ${longWord}` });
    const topic = await admin.post(`/api/v1/communities/${community.json.id}/topics`, { title: 'How do we map the fjords?', body: longWord });
    assert.equal(topic.status, 201, topic.text);
    routes.push('/', '/people', '/communities', `/communities/far-north`, '/notifications', '/settings', '/admin/users',
      `/people/${people.nora.handle}`, `/people/admin`, `/posts/${post.json.id}`, `/tags/geology`, `/topics/${topic.json.id}`, '/search?q=geology', '/blogs');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const phone = (width) => ({ viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
  async function phonePage(width) {
    const page = await (await browser.newContext({ bypassCSP: true, ...phone(width) })).newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  const overflow = (page) => page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));

  test('signed out: sign-in and forgot-password fit', async () => {
    const page = await phonePage(320);
    for (const path of ['/', '/forgot']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const { doc, view } = await overflow(page);
      assert.ok(doc <= view, `${path} at 320 px is ${doc} px wide`);
    }
    await page.goto(`${server.url}/`);
    // The title is set as the page renders: waited for, then checked (a slow machine showed 'Agora').
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForFunction(() => document.title === 'Sign in · Agora', null, { timeout: 5000 }).catch(() => undefined);
    assert.equal(await page.title(), 'Sign in · Agora');
  });

  for (const width of [320, 390, 430]) {
    test(`every page fits ${width} px and has a title of its own`, async () => {
      const page = await signedInPage(browser, server, 'admin', phone(width));
      const titles = new Map();
      for (const path of routes) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const { doc, view } = await overflow(page);
        assert.ok(doc <= view, `${path} at ${width} px: the document is ${doc} px wide`);
        const title = await page.title();
        assert.match(title, / · Agora$/, path);
        titles.set(path, title);
        if (width === 390) await screenshot(page, `phone-${path.replace(/\W+/g, '-') || 'home'}`);
      }
      assert.equal(new Set(titles.values()).size, titles.size, JSON.stringify([...titles]));
      assert.equal(titles.get(`/communities/far-north`), 'Exploration and geology in the far north · Agora');
      assert.equal(titles.get('/people/admin'), 'Ada Admin · Agora');
    });
  }

  test('at 390 px the main links are a tab bar at the bottom and the rest is in the menu', async () => {
    const page = await signedInPage(browser, server, 'admin', phone(390));
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Home', 'People', 'Communities', 'Notifications', 'My profile']) {
      const box = await nav.getByRole('link', { name: new RegExp(`^${name}`) }).boundingBox();  // Notifications carries its count
      assert.ok(box, name);
      assert.ok(box.y + box.height >= 800 - 8 && box.y > 700, `${name} sits at the bottom: ${JSON.stringify(box)}`);
      assert.ok(box.height >= 44 && box.width >= 44, `${name} is a 44 px target: ${JSON.stringify(box)}`);
    }
    assert.equal(await page.getByRole('link', { name: 'Account' }).isVisible(), false);
    await page.getByRole('button', { name: 'Menu' }).click();
    assert.equal(await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded'), 'true');
    await page.getByRole('link', { name: 'People admin' }).waitFor();
    await expectAccessible(page, 'home at 390 px with the menu open');
    await screenshot(page, 'phone-menu-open');
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'People admin' }).isVisible(), false, 'the menu closes on the new page');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });
});

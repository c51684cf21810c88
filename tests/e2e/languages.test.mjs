// Languages in the browser: a person chooses Russian in their settings and Agora speaks it
// on every device; a browser that asks for Bulgarian gets Bulgarian before anyone chooses;
// plural forms follow each language's rules; axe-core stays clean; the page's lang follows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { Client, setupAdmin, startServer } from '../support/server.mjs';

describe('the interface in the person\'s language', () => {
  let server;
  let browser;
  const clients = {};
  let bobsComment;
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    clients.admin = admin;
    for (const [who, name] of [['ana', 'Ана Иванова'], ['bob', 'Bob Ek'], ['sara', 'Sara Lind']]) {
      const r = await admin.post('/api/v1/admin/users', { email: `${who}@example.com`, display_name: name, password: `${who}-password-1` });
      assert.equal(r.status, 201, r.text);
      clients[who] = new Client(server.url);
      await clients[who].login(`${who}@example.com`, `${who}-password-1`);
    }
    const me = (await clients.ana.get('/api/v1/me')).json;
    for (const who of ['bob', 'sara']) await clients[who].post(`/api/v1/people/${me.id}/follow`);
    // Two posts of Ana's, with 2 and 5 comments: "2 комментария", "5 комментариев".
    for (const [text, n] of [['Квартальный отчёт готов', 2], ['Кто идёт на обед?', 5]]) {
      const post = (await clients.ana.post('/api/v1/posts', { body: text })).json;
      for (let i = 0; i < n; i++) bobsComment = (await clients.bob.post(`/api/v1/content/${post.id}/comments`, { body: `Comment ${i + 1}` })).json;
    }
    // An open community of Ana's with Bob and Sara in it.
    const club = (await clients.ana.post('/api/v1/communities', { name: 'Лыжный клуб', handle: 'ski-club', type: 'open', description: 'Катаемся по выходным.' })).json;
    for (const who of ['bob', 'sara']) await clients[who].post(`/api/v1/communities/${club.id}/join`);
    await clients.ana.post('/api/v1/posts', { body: 'Снег выпал!', audience: 'community', community_id: club.id });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  // A page signed in with the API's session cookie, in a browser that asks for `locale`.
  async function pageFor(who, locale) {
    const context = await browser.newContext({ bypassCSP: true, locale });
    await context.addCookies([{ name: 'agora_session', value: clients[who].cookie.split('=')[1], url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  test('a person chooses Russian in their settings: the app speaks it at once and on every device', async () => {
    const page = await signedInPage(browser, server, 'ana');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
    await page.getByLabel('Language of Agora').selectOption('ru');
    await page.getByRole('heading', { name: 'Учётная запись', level: 1 }).waitFor();
    await page.getByText('Сохранено. Agora будет говорить на этом языке на всех ваших устройствах.').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');

    await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Главная' }).click();
    await page.getByRole('heading', { name: 'Добро пожаловать, Ана Иванова', level: 1 }).waitFor();
    assert.equal(await page.title(), 'Главная · Agora');
    const posts = page.getByTestId('post');
    await posts.filter({ hasText: 'Кто идёт на обед?' }).getByRole('button', { name: '5 комментариев' }).waitFor();
    await posts.filter({ hasText: 'Квартальный отчёт готов' }).getByRole('button', { name: '2 комментария' }).waitFor();
    await posts.first().getByRole('button', { name: 'Нравится' }).waitFor();
    assert.deepEqual(await page.getByRole('tab').allInnerTexts(), ['Подписки', 'Обзор']);
    await page.getByLabel('Поделитесь новостью').waitFor();
    await expectAccessible(page, 'the home feed in Russian');
    await screenshot(page, 'home-ru');

    // A profile and a community, in Russian, with Russian plural forms.
    await page.goto(`${server.url}/people/bob`);
    await page.getByRole('heading', { name: 'Bob Ek', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Подписаться' }).waitFor();
    await page.getByRole('heading', { name: 'Организация' }).waitFor();
    await page.getByRole('heading', { name: 'Публикации' }).waitFor();
    await expectAccessible(page, 'a profile in Russian');
    await screenshot(page, 'profile-ru');
    await page.goto(`${server.url}/communities/ski-club`);
    await page.getByRole('heading', { name: 'Лыжный клуб', level: 1 }).waitFor();
    await page.getByText('Открытое сообщество · 3 участника · вы владелец').waitFor();
    assert.deepEqual(await page.getByRole('tab').allInnerTexts(), ['Лента', 'Форум', 'Блог', 'Вики', 'Участники (3)', 'О сообществе', 'Управление']);
    await page.getByTestId('post').filter({ hasText: 'Снег выпал!' }).getByRole('button', { name: '0 комментариев' }).waitFor();
    await expectAccessible(page, 'a community in Russian');
    await screenshot(page, 'community-ru');

    // Another device, whose browser asks for English: the account's choice wins.
    const elsewhere = await pageFor('ana', 'en-US');
    await elsewhere.goto(server.url);
    await elsewhere.getByRole('heading', { name: 'Добро пожаловать, Ана Иванова' }).waitFor();
    // Given back to the browser: English again.
    await elsewhere.goto(`${server.url}/settings`);
    await elsewhere.getByLabel('Язык Agora').selectOption('');
    await elsewhere.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    assert.equal(await elsewhere.evaluate(() => document.documentElement.lang), 'en');
    await elsewhere.context().close();
    await page.context().close();
  });

  test('a browser that asks for Bulgarian gets Bulgarian before its person chooses anything', async () => {
    const page = await pageFor('bob', 'bg-BG');
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Добре дошли, Bob Ek', level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'bg');
    const posts = page.getByTestId('post');
    await posts.filter({ hasText: 'Квартальный отчёт готов' }).getByRole('button', { name: '2 коментара' }).waitFor();
    await posts.first().getByRole('button', { name: 'Харесвам' }).waitFor();
    // A notification in Bulgarian: Ana reacts to one of Bob's comments.
    assert.equal((await clients.ana.request('PUT', `/api/v1/content/${bobsComment.id}/reactions/celebrate`)).status, 200);
    await page.getByRole('button', { name: 'Известия, непрочетени: 1' }).click();
    await page.getByRole('region', { name: 'Последни известия' }).getByText('Ана Иванова реагира с „Браво“ на вашия коментар').waitFor();
    await expectAccessible(page, 'the home feed in Bulgarian');
    await screenshot(page, 'home-bg');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/communities/ski-club`);
    await page.getByText('Отворена общност · 3 членове · вие сте член').waitFor();
    await page.getByRole('tab', { name: 'Членове (3)' }).click();
    await page.getByRole('list', { name: 'Членове' }).getByText('(собственик)').waitFor();
    await expectAccessible(page, 'a community in Bulgarian');
    await screenshot(page, 'community-bg');
    await page.goto(`${server.url}/people/ana`);
    await page.getByRole('heading', { name: 'Ана Иванова', level: 1 }).waitFor();
    await page.getByRole('link', { name: '2 последователи' }).waitFor();
    await expectAccessible(page, 'a profile in Bulgarian');
    await screenshot(page, 'profile-bg');
    await page.context().close();
  });

  test('Swedish: the home feed and a post page, with the relative time in Swedish', async () => {
    const page = await pageFor('sara', 'sv-SE');
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Välkommen, Sara Lind', level: 1 }).waitFor();
    const post = page.getByTestId('post').filter({ hasText: 'Кто идёт на обед?' });
    await post.getByRole('button', { name: '5 kommentarer' }).waitFor();
    await post.getByText('nyss').waitFor();
    await expectAccessible(page, 'the home feed in Swedish');
    await screenshot(page, 'home-sv');
    await page.goto(`${server.url}/people/ana`);
    await page.getByRole('link', { name: '2 följare' }).waitFor();
    await screenshot(page, 'profile-sv');
    await page.goto(`${server.url}/communities/ski-club`);
    await page.getByText('Öppen gemenskap · 3 medlemmar · du är medlem').waitFor();
    await expectAccessible(page, 'a community in Swedish');
    await screenshot(page, 'community-sv');
    await page.context().close();
  });

  test('the profile editor and People admin in Bulgarian; the site language an admin sets is what a browser Agora cannot serve gets', async () => {
    const page = await pageFor('bob', 'bg-BG');
    await page.goto(`${server.url}/people/bob`);
    await page.getByRole('button', { name: 'Редактирай профила' }).click();
    await page.getByLabel('Длъжност').fill('Геолог');
    await page.getByRole('group', { name: 'Кой вижда данните ми за контакт' }).getByLabel('Телефонът се вижда от').selectOption('private');
    await expectAccessible(page, 'the profile editor in Bulgarian');
    await screenshot(page, 'profile-edit-bg');
    await page.getByRole('button', { name: 'Запазване на профила' }).click();
    await page.getByText('Геолог').first().waitFor();
    await page.context().close();

    const admin = await pageFor('admin', 'bg-BG');
    await admin.goto(`${server.url}/admin/users`);
    await admin.getByRole('heading', { name: 'Управление на хората', level: 1 }).waitFor();
    await admin.getByRole('status').filter({ hasText: /^\d+ души$/ }).waitFor();
    await admin.getByRole('combobox', { name: 'Роля на Bob Ek' }).waitFor();
    await admin.getByLabel('Език по подразбиране').selectOption('de');
    await admin.getByText('Езикът по подразбиране на сайта вече е Deutsch.').waitFor();
    await expectAccessible(admin, 'People admin in Bulgarian');
    await screenshot(admin, 'admin-bg');
    await admin.setViewportSize({ width: 320, height: 700 });
    await screenshot(admin, 'admin-phone-bg');
    const { doc, view } = await admin.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(doc <= view, `People admin in Bulgarian is ${doc} px wide on a ${view} px screen`);
    await admin.context().close();

    // Signed out, in a browser that asks for Finnish: the site's default, German.
    const context = await browser.newContext({ locale: 'fi-FI' });
    const visitor = await context.newPage();
    await visitor.goto(server.url);
    await visitor.getByRole('heading', { name: 'Bei Agora anmelden' }).waitFor();
    assert.equal(await visitor.evaluate(() => document.documentElement.lang), 'de');
    await context.close();
    assert.equal((await clients.admin.put('/api/v1/admin/languages/default', { language: 'en' })).status, 204);
  });

  test('on a phone the longest languages fit: home, a profile and a community at 320 px in Russian, German and Bulgarian', async () => {
    for (const locale of ['ru-RU', 'de-DE', 'bg-BG']) {
      const page = await pageFor('sara', locale);
      await page.setViewportSize({ width: 320, height: 700 });
      for (const path of ['/', '/people/ana', '/communities/ski-club']) {
        await page.goto(server.url + path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.getByTestId('post').first().waitFor();
        const { doc, view } = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
        assert.ok(doc <= view, `${locale} ${path}: the page is ${doc} px wide on a ${view} px screen`);
      }
      await screenshot(page, `community-phone-${locale}`);
      await page.goto(server.url);
      await page.getByTestId('post').first().waitFor();
      await expectAccessible(page, `the home feed on a phone in ${locale}`);
      await screenshot(page, `home-phone-${locale}`);
      await page.context().close();
    }
  });
});

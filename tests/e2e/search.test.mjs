// Search in the browser: type a colleague's name in the top bar's box and pick the
// suggestion with the keyboard; search a word, filter by kind, open a result; the results
// page in Swedish; axe-core clean, on a wide screen and a phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('search in the browser', () => {
  let server;
  let browser;
  let people;
  let clients;
  let topicId;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    ({ people, clients } = await addPeople(server, admin, [['ana', 'member', 'Åsa Lindqvist'], ['bo', 'member', 'Bo Ek']]));
    const community = await admin.post('/api/v1/communities', { name: 'Glaciology', handle: 'glaciology', type: 'open' });
    assert.equal(community.status, 201, community.text);
    assert.equal((await clients.ana.post(`/api/v1/communities/${community.json.id}/join`)).status < 300, true);
    const post = await clients.ana.post('/api/v1/posts', { body: 'The glacier survey starts on Monday #fieldwork' });
    assert.equal(post.status, 201, post.text);
    const topic = await clients.ana.post(`/api/v1/communities/${community.json.id}/topics`, { title: 'Glacier boots: which ones?', body: 'For the survey in the north' });
    assert.equal(topic.status, 201, topic.text);
    topicId = topic.json.id;
    // The index follows within moments.
    for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      const r = await clients.bo.get('/api/v1/search?q=glacier');
      if (r.json.items.length === 2) break;
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("type a colleague's name, pick the suggestion with the keyboard", async () => {
    const page = await signedInPage(browser, server, 'bo');
    const box = page.getByRole('combobox', { name: 'Search' });
    await box.fill('asa');  // Åsa, typed without the ring
    const option = page.getByRole('option', { name: /Åsa Lindqvist/ });
    await option.waitFor();
    await expectAccessible(page, 'the search box with suggestions');
    await screenshot(page, 'search-suggestions');
    // The first option searches for the text; the next is the person.
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    assert.equal(await box.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Åsa Lindqvist', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/people/${people.ana.handle}`);
  });

  test('search a word, filter by kind, open a result', async () => {
    const page = await signedInPage(browser, server, 'bo');
    const box = page.getByRole('combobox', { name: 'Search' });
    await box.fill('glacier');
    await box.press('Enter');
    await page.getByRole('heading', { name: 'Results for “glacier”', level: 1 }).waitFor();
    const results = page.getByTestId('search-result');
    await results.nth(1).waitFor();
    assert.equal(await results.count(), 2);
    assert.equal(await page.locator('.search-result mark').first().innerText(), 'glacier');
    assert.match(await page.getByTestId('facet-topic').innerText(), /Topics\s*1/);
    await expectAccessible(page, 'search results');
    await screenshot(page, 'search-results');
    // Narrowed to an author by their facet, and widened again by removing the filter.
    await page.getByRole('navigation', { name: 'By' }).getByRole('link', { name: 'Åsa Lindqvist' }).click();
    await page.waitForURL(/author=/);
    await page.getByRole('list', { name: 'Filters' }).getByText(people.ana.handle).waitFor();
    await expectAccessible(page, 'results narrowed to an author');
    await page.getByRole('link', { name: `Remove the filter ${people.ana.handle}` }).click();
    await page.waitForURL((url) => !url.search.includes('author='));
    await results.nth(1).waitFor();
    await page.getByTestId('facet-topic').click();
    await page.waitForURL(/kind=topic/);
    await page.getByRole('link', { name: 'Glacier boots: which ones?' }).waitFor();
    assert.equal(await results.count(), 1);
    assert.equal(await page.getByTestId('facet-topic').getAttribute('aria-current'), 'page');
    await page.getByRole('link', { name: 'Glacier boots: which ones?' }).click();
    await page.getByRole('heading', { name: 'Glacier boots: which ones?', level: 1 }).waitFor();
    assert.equal(new URL(page.url()).pathname, `/topics/${topicId}`);
    // A misspelt word: "did you mean" searches the corrected one.
    await page.goto(`${server.url}/search?q=glaceir`);
    await page.getByTestId('did-you-mean').getByRole('link', { name: 'glacier' }).click();
    await page.getByRole('heading', { name: 'Results for “glacier”', level: 1 }).waitFor();
    await results.nth(1).waitFor();
    // Nothing found says so and what to try.
    await page.goto(`${server.url}/search?q=xylophone`);
    await page.getByText('Nothing you can read matches “xylophone”.').waitFor();
    await expectAccessible(page, 'no results');
  });

  test('on a phone, in Swedish', async () => {
    // Signed in with the API's session, in a browser that asks for Swedish.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true, locale: 'sv-SE' });
    await context.addCookies([{ name: 'agora_session', value: clients.bo.cookie.split('=')[1], url: server.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/search?q=glaci%C3%A4r%20OR%20glacier`);
    await page.getByRole('heading', { name: 'Resultat för ”glaciär OR glacier”', level: 1 }).waitFor();
    await page.getByTestId('search-result').first().waitFor();
    await page.getByRole('link', { name: /Inlägg/ }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
    await expectAccessible(page, 'results on a phone in Swedish');
    await screenshot(page, 'search-phone-sv');
  });

  test('a person found shows a post they wrote with the words', async () => {
    const patched = await admin.request('PATCH', `/api/v1/people/${people.ana.id}`, { body: { expertise: ['Fieldwork'] } });
    assert.equal(patched.status, 200, patched.text);
    for (const end = Date.now() + 10000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      const r = await clients.bo.get('/api/v1/search?q=fieldwork&kind=person');
      if (r.json.items.length === 1) break;
    }
    const page = await signedInPage(browser, server, 'bo');
    await page.goto(`${server.url}/search?q=fieldwork`);
    const person = page.getByTestId('search-result').filter({ hasText: 'Åsa Lindqvist' }).first();
    const why = person.getByRole('link', { name: 'From their posts:' });
    await why.waitFor();
    assert.match(await person.locator('.result-wrote').innerText(), /glacier survey/);
    assert.equal(await person.locator('.result-wrote mark').first().innerText(), 'fieldwork');
    await expectAccessible(page, 'a person with a post they wrote');
    await screenshot(page, 'search-person-wrote');
    await page.setViewportSize({ width: 390, height: 800 });  // a phone: the reason wraps, nothing overflows
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
    await screenshot(page, 'search-person-wrote-phone');
    await why.click();
    await page.waitForURL(/\/posts\//);
  });
});

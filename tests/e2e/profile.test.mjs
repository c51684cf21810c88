// Browser test: a member edits their profile (with a private phone), follows their manager
// from the reporting line, and another member sees the profile without the private field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { Client, setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

describe('profiles in the browser', () => {
  let server;
  let admin;
  let browser;
  let page;
  const ids = {};
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server, { name: 'Ada Admin' });
    for (const who of ['bo', 'cy']) {
      const r = await admin.post('/api/v1/admin/users', { email: `${who}@example.com`, display_name: `${who === 'bo' ? 'Bo' : 'Cy'} Berg`, password: `${who}-password-1` });
      ids[who] = r.json.id;
    }
    await admin.request('PATCH', `/api/v1/people/${ids.bo}`, { body: { manager_id: admin.user.id } });
    await admin.request('PATCH', `/api/v1/people/${ids.cy}`, { body: { title: 'Cloud Architect', expertise: ['Terraform'] } });
    for (const [who, name, role, profile] of [['asa', 'Åsa Ström', 'member', { department: 'Security', country: 'SE' }],
      ['ivan', 'Иван Петров', 'member', { department: 'Security', country: 'BG' }], ['gus', 'Gus Guest', 'guest', {}]]) {
      const r = await admin.post('/api/v1/admin/users', { email: `${who}@example.com`, display_name: name, role, password: `${who}-password-1` });
      ids[who] = r.json.id;
      if (Object.keys(profile).length) await admin.request('PATCH', `/api/v1/people/${r.json.id}`, { body: profile });
    }
    browser = await launchChromium();
    page = await (await browser.newContext({ bypassCSP: true })).newPage();
    page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a member fills in their profile', async () => {
    await page.goto(server.url);
    await page.getByLabel('E-mail').fill('bo@example.com');
    await page.getByLabel('Password').fill('bo-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My profile' }).click();
    await page.getByRole('heading', { name: 'Bo Berg', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Handle', { exact: true }).fill('bo.berg');
    await page.getByLabel('Job title').fill('Site Reliability Engineer');
    await page.getByLabel('Country').selectOption({ label: 'Norway' });
    // A time zone is chosen from the list; one the database does not know is refused by name.
    await page.getByLabel('Time zone').fill('Oslo');
    await page.getByLabel('Ask me about').fill('Kubernetes, On-call');
    await page.getByLabel('Phone', { exact: true }).fill('+47 22 00 00 00');
    await page.getByLabel('Phone visible to').selectOption('private');
    await page.getByLabel('Add a language').selectOption({ label: 'Norwegian Bokmål' });
    await page.getByLabel('Add a language').selectOption({ label: 'English' });
    await page.getByLabel('Add a language').selectOption({ label: 'German' });
    await page.getByRole('button', { name: 'Remove German' }).click();
    await page.getByLabel('About me').fill('Ask me about **on-call** <script>window.pwned = 1</script>');
    await page.getByLabel('Links').fill('javascript:alert(1) Click me');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('#pf_timezone-error').filter({ hasText: 'Europe/Stockholm' }).waitFor();
    await page.getByLabel('Time zone').fill('Europe/Oslo');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('#pf_links-error').filter({ hasText: 'http or https' }).waitFor();
    await page.getByLabel('Links').fill('https://bo.example.com/blog My blog');
    await expectAccessible(page, 'profile editor');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('list').filter({ hasText: 'kubernetes' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'My blog' }).getAttribute('href'), 'https://bo.example.com/blog');
    assert.match(await page.getByText(/^Speaks /).textContent(), /^Speaks Norwegian Bokmål and English$/);
    assert.match(await page.getByText(/^Local time: /).textContent(), /Europe\/Oslo/);
    assert.equal(await page.locator('.bio strong').textContent(), 'on-call', 'the bio is rendered Markdown');
    assert.equal(await page.locator('.bio script').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.match(await page.locator('.subtitle').textContent(), /Site Reliability Engineer.*Norway/, 'the country by its name');
    assert.match(page.url(), /\/people\/bo\.berg$/);
    await expectAccessible(page, 'own profile');
    // The old address still leads to the profile, and the address bar shows the new one.
    await page.goto(`${server.url}/people/bo_`);
    await page.getByRole('heading', { name: 'Bo Berg', level: 1 }).waitFor();
    await page.waitForURL(/\/people\/bo\.berg$/);
  });

  test('a member uploads a photo; something that is not an image is refused with a message', async () => {
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Choose a photo').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
    await page.getByRole('alert').filter({ hasText: 'That kind of file cannot be used here. Use a JPEG, PNG, WebP or HEIC picture.' }).waitFor();
    await page.getByLabel('Choose a photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(400, 300) });
    await page.getByRole('status').filter({ hasText: 'Photo updated.' }).waitFor();
    const avatar = page.locator('.profile-head img.avatar');
    await avatar.waitFor();
    await page.waitForFunction(() => document.querySelector('.profile-head img.avatar')?.complete);
    assert.equal(await avatar.evaluate((img) => img.naturalWidth), 256, 'the 256 px rendition is shown');
    await expectAccessible(page, 'photo editor');
    const me = await admin.get(`/api/v1/people/${ids.bo}`);
    assert.match(me.json.photo.medium, /\/photo\/256\?v=/);
    await page.getByRole('button', { name: 'Remove photo' }).click();
    await page.getByRole('status').filter({ hasText: 'Photo removed.' }).waitFor();
    assert.equal(await page.locator('.profile-head img.avatar').count(), 0);
    await page.getByLabel('Choose a photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(400, 300) });
    await page.getByRole('status').filter({ hasText: 'Photo updated.' }).waitFor();
  });

  test('the manager is one click away and can be followed', async () => {
    await page.getByRole('link', { name: 'Ada Admin' }).click();
    await page.getByRole('heading', { name: 'Ada Admin', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    assert.equal(await page.getByTestId('followers').textContent(), '1');
    // The count is a link to the people it counts.
    await page.getByRole('link', { name: '1 follower' }).click();
    await page.getByRole('heading', { name: 'Followers of Ada Admin', level: 1 }).waitFor();
    await page.getByRole('list').getByRole('link', { name: 'Bo Berg' }).waitFor();
    await expectAccessible(page, 'followers');
    await page.goBack();
    await page.getByRole('heading', { name: 'Ada Admin', level: 1 }).waitFor();
    await expectAccessible(page, 'someone else\'s profile');
    const followers = await admin.get(`/api/v1/people/${admin.user.id}/followers`);
    assert.deepEqual(followers.json.items.map((p) => p.id), [ids.bo]);
  });

  test('find a person by typing part of their name, open the profile, follow and endorse', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await page.getByLabel('Name').fill('c');
    await page.getByRole('status').filter({ hasText: '1 found.' }).waitFor();
    await expectAccessible(page, 'directory');
    await page.getByRole('link', { name: 'Cy Berg' }).click();
    await page.getByRole('heading', { name: 'Cy Berg', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await page.getByRole('button', { name: 'Endorse Cy Berg for terraform' }).click();
    await page.getByRole('button', { name: 'Withdraw endorsement of Cy Berg for terraform' }).waitFor();
    await expectAccessible(page, 'profile with endorsements');
    const experts = await admin.get('/api/v1/people?expertise=terraform');
    assert.deepEqual(experts.json.items.map((p) => [p.display_name, p.endorsements]), [['Cy Berg', 1]]);
    assert.equal((await admin.get(`/api/v1/people/${ids.cy}`)).json.followers, 1);
  });

  test('the org chart: the chain from the top, the person among peers, reports whose teams open', async () => {
    await admin.request('PATCH', `/api/v1/people/${ids.asa}`, { body: { manager_id: ids.bo } });
    await admin.request('PATCH', `/api/v1/people/${ids.ivan}`, { body: { manager_id: ids.asa } });
    await admin.request('PATCH', `/api/v1/people/${ids.cy}`, { body: { manager_id: admin.user.id } });
    await page.goto(`${server.url}/people/bo.berg`);
    const chart = page.getByRole('region', { name: 'Organization' });
    await chart.getByRole('list', { name: 'Reports to, from the top' }).getByRole('link', { name: 'Ada Admin' }).waitFor();
    const peers = chart.getByRole('list', { name: "Ada Admin's reports" });
    await peers.getByRole('link', { name: 'Cy Berg' }).waitFor();
    assert.equal(await peers.locator('[aria-current="true"]').textContent(), 'Bo BergSite Reliability Engineer');
    const reports = chart.getByRole('list', { name: "Bo Berg's reports" });
    await reports.getByRole('link', { name: 'Åsa Ström' }).waitFor();
    const open = reports.getByRole('button', { name: "Åsa Ström's team" });
    await open.focus();
    await page.keyboard.press('Enter');
    await chart.getByRole('list', { name: "Åsa Ström's reports" }).getByRole('link', { name: 'Иван Петров' }).waitFor();
    assert.equal(await reports.getByRole('button', { name: "Hide Åsa Ström's team" }).getAttribute('aria-expanded'), 'true');
    await expectAccessible(page, 'the org chart');
    await screenshot(page, 'org-chart');
    // Walking the organization: a person's name leads to their chart.
    await chart.getByRole('link', { name: 'Иван Петров' }).click();
    await page.getByRole('heading', { name: 'Иван Петров', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Organization' }).getByRole('list', { name: 'Reports to, from the top' })
      .getByRole('link', { name: 'Bo Berg' }).waitFor();
    assert.deepEqual(await page.getByRole('list', { name: 'Reports to, from the top' }).getByRole('link').allTextContents(),
      ['Ada Admin', 'Bo Berg', 'Åsa Ström'], 'from the top down');
  });

  test('the directory finds names in any spelling, departments from a list, countries by name', async () => {
    await page.goto(`${server.url}/people`);
    await page.getByLabel('Name').fill('strom');
    await page.getByRole('link', { name: 'Åsa Ström' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 found.' }).waitFor();
    await page.getByLabel('Name').fill('petrov');
    await page.getByRole('link', { name: 'Иван Петров' }).waitFor();
    await page.getByLabel('Name').fill('');
    // The department list offers the departments people work in; any case finds them.
    assert.deepEqual(await page.locator('#dir_departments option').evaluateAll((o) => o.map((e) => e.value)), ['Security']);
    await page.getByLabel('Department').fill('security');
    await page.getByRole('status').filter({ hasText: '2 found.' }).waitFor();
    await page.getByLabel('Country').selectOption({ label: 'Sweden' });
    await page.getByRole('status').filter({ hasText: '1 found.' }).waitFor();
    assert.match(await page.locator('ul.people li').first().textContent(), /Åsa Ström.*Security · Sweden/);
    await expectAccessible(page, 'directory with filters');
    await screenshot(page, 'directory-filters');
  });

  test('a guest is told whom they can see, and pointed to their communities', async () => {
    const guest = await signedInPage(browser, server, 'gus');
    await guest.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await guest.getByText('As a guest you see the people of the communities you were invited to.').waitFor();
    await guest.getByRole('link', { name: 'Go to my communities' }).click();
    await guest.getByLabel('Only mine').waitFor();
    assert.equal(await guest.getByLabel('Only mine').isChecked(), true);
    await guest.context().close();
  });

  test('another member sees the profile without the private phone', async () => {
    const cy = new Client(server.url);
    await cy.login('cy@example.com', 'cy-password-1');
    const seen = await cy.get(`/api/v1/people/${ids.bo}`);
    assert.equal(seen.json.title, 'Site Reliability Engineer');
    assert.deepEqual(seen.json.expertise, ['kubernetes', 'on-call']);
    assert.ok(!seen.text.includes('+47'), 'private phone not in the response');
    assert.equal((await admin.get(`/api/v1/people/${ids.bo}`)).json.phone, '+47 22 00 00 00');
  });
});

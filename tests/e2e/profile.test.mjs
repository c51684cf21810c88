// Browser test: a member edits their profile (with a private phone), follows their manager
// from the reporting line, and another member sees the profile without the private field.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium } from '../support/browser.mjs';
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
    await page.getByLabel('Country code').fill('no');
    await page.getByLabel('Ask me about').fill('Kubernetes, On-call');
    await page.getByLabel('Phone', { exact: true }).fill('+47 22 00 00 00');
    await page.getByLabel('Phone visible to').selectOption('private');
    await page.getByLabel('Languages I speak').fill('nb, EN');
    await page.getByLabel('About me').fill('Ask me about **on-call** <script>window.pwned = 1</script>');
    await page.getByLabel('Links').fill('javascript:alert(1) Click me');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('#pf_links-error').filter({ hasText: 'http or https' }).waitFor();
    await page.getByLabel('Links').fill('https://bo.example.com/blog My blog');
    await expectAccessible(page, 'profile editor');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('list').filter({ hasText: 'kubernetes' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'My blog' }).getAttribute('href'), 'https://bo.example.com/blog');
    assert.match(await page.getByText(/^Speaks /).textContent(), /Norwegian.*English/);
    assert.equal(await page.locator('.bio strong').textContent(), 'on-call', 'the bio is rendered Markdown');
    assert.equal(await page.locator('.bio script').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.match(await page.locator('.subtitle').textContent(), /Site Reliability Engineer.*NO/);
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
    await page.getByRole('alert').filter({ hasText: 'not an image' }).waitFor();
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

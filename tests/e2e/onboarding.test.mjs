// A new person's first home page is never a dead end: a nudge to complete the profile, people
// to follow with the reason, communities to join, trending hashtags (beside the feed on wide
// screens, in the empty feed on a phone), and the Discover tab with what the organization is
// posting. A guest is pointed to the community they were invited to.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('onboarding: a new person\'s home', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server, { email: 'admin@example.com', password: 'admin-password-1' });
    const { people, clients } = await addPeople(server, admin, [
      ['bea', 'member', 'Bea Boss'], ['nils', 'member', 'Nils New'], ['gus', 'guest', 'Gus Guest']]);
    await admin.request('PATCH', `/api/v1/people/${people.nils.id}`, { body: { manager_id: people.bea.id } });
    const club = await clients.bea.post('/api/v1/communities', { name: 'Hiking club', handle: 'hiking', type: 'open' });
    const partners = await clients.bea.post('/api/v1/communities', { name: 'Partner room', handle: 'partners', type: 'restricted', allow_guests: true });
    await clients.bea.post(`/api/v1/communities/${partners.json.id}/invitations`, { person_id: people.gus.id });
    await clients.gus.post(`/api/v1/communities/${partners.json.id}/join`);
    assert.ok(club.json.id);
    await clients.bea.post('/api/v1/posts', { body: 'Welcome to the new intranet #launch' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('on a wide screen: the nudge, the rail, and Discover', async () => {
    const page = await signedInPage(browser, server, 'nils', { viewport: { width: 1400, height: 900 } });
    await page.getByRole('heading', { name: 'Complete your profile' }).waitFor();
    const rail = page.getByRole('complementary', { name: 'Suggestions' });
    await rail.getByText('Your manager').waitFor();
    await rail.getByRole('link', { name: 'Hiking club' }).waitFor();
    await rail.getByRole('link', { name: '#launch' }).waitFor();
    await page.getByText('Nothing here yet').waitFor();
    await expectAccessible(page, 'a new person\'s home');
    await screenshot(page, 'home-new-person-wide');
    await page.getByRole('tab', { name: 'Discover' }).click();
    await page.getByTestId('post').filter({ hasText: 'Welcome to the new intranet' }).waitFor();
    // Following from the rail puts her posts in the Following tab.
    await rail.getByRole('button', { name: 'Follow Bea Boss' }).click();
    await rail.getByText('Following').waitFor();
    await page.getByRole('tab', { name: 'Following' }).click();
    await page.getByTestId('post').filter({ hasText: 'Welcome to the new intranet' }).waitFor();
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.getByRole('heading', { name: 'Complete your profile' }).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('tab', { name: 'Following' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Complete your profile' }).count(), 0, 'dismissed stays dismissed');
    await page.context().close();
  });

  test('on a phone: the suggestions are in the empty feed, and the page fits', async () => {
    const page = await signedInPage(browser, server, 'admin', { viewport: { width: 390, height: 844 } });
    await page.getByRole('heading', { name: 'Communities to join' }).first().waitFor();
    assert.equal(await page.getByRole('complementary', { name: 'Suggestions' }).isVisible(), false, 'no rail on a phone');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
    await expectAccessible(page, 'a new person\'s home on a phone');
    await screenshot(page, 'home-new-person-phone');
    await page.context().close();
  });

  test('a guest is pointed to the communities they were invited to', async () => {
    const page = await signedInPage(browser, server, 'gus', { viewport: { width: 1400, height: 900 } });
    const rail = page.getByRole('complementary', { name: 'Suggestions' });
    await rail.getByRole('link', { name: 'Partner room' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Discover' }).count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Complete your profile' }).count(), 0);
    await expectAccessible(page, 'a guest\'s home');
    await page.context().close();
  });
});

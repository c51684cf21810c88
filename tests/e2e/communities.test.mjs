// Browser test: one person creates a secret community and invites a second, who accepts,
// posts in it and asks a question in its forum; the first answers and the answer is
// accepted; a third person cannot find the community, its posts or its topics.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

describe('communities in the browser', () => {
  let server;
  let browser;
  const pages = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    for (const [who, name] of [['ana', 'Ana Berg'], ['bob', 'Bob Ek'], ['cid', 'Cid Out']]) {
      const r = await admin.post('/api/v1/admin/users', { email: `${who}@example.com`, display_name: name, password: `${who}-password-1` });
      assert.equal(r.status, 201, r.text);
    }
    browser = await launchChromium();
    for (const who of ['ana', 'bob', 'cid']) {
      pages[who] = await signedInPage(browser, server, who);
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a secret community: created, joined by invitation, posted in, a question answered; invisible to others', async () => {
    const { ana, bob, cid } = pages;
    await ana.getByRole('link', { name: 'Communities' }).click();
    await ana.getByRole('heading', { name: 'Communities', level: 1 }).waitFor();
    await ana.getByRole('button', { name: 'Create a community' }).click();
    await ana.getByLabel('Name', { exact: true }).fill('Project Falcon');
    assert.equal(await ana.getByLabel('Handle (its address)').inputValue(), 'project-falcon', 'the handle follows the name');
    await ana.getByLabel('Handle (its address)').fill('falcon');
    await ana.getByLabel('Who may join').selectOption('restricted');
    await ana.getByLabel(/Secret/).check();
    await ana.getByLabel('Description (Markdown)').fill('The **falcon** launch team.');
    await expectAccessible(ana, 'communities directory with the create form');
    await ana.getByRole('button', { name: 'Create' }).click();
    await ana.getByRole('heading', { name: 'Project Falcon', level: 1 }).waitFor();
    await ana.locator('strong', { hasText: 'falcon' }).waitFor();
    // Stream, Forum, Members, About, and for its owner Manage: one tab stop, arrows move.
    assert.deepEqual(await ana.getByRole('tab').allTextContents(), ['Stream', 'Forum', 'Blog', 'Wiki', 'Members (1)', 'About', 'Manage']);
    await ana.getByRole('tab', { name: 'Stream' }).focus();
    await ana.keyboard.press('End');
    await ana.getByRole('tab', { name: 'Manage', selected: true }).waitFor();  // (re-rendered: a loaded machine takes a moment)
    await ana.getByRole('combobox', { name: 'Invite people' }).pressSequentially('bob');
    await ana.getByRole('option', { name: /Bob Ek/ }).click();
    await ana.getByRole('button', { name: 'Invite', exact: true }).click();
    await ana.getByText('Bob Ek is invited.').waitFor();
    // Invitations waiting for an answer are listed, and can be withdrawn.
    const waiting = ana.getByRole('list', { name: 'Invitations waiting for an answer' });
    await waiting.getByText('Bob Ek').waitFor();
    await ana.getByRole('combobox', { name: 'Invite people' }).pressSequentially('cid');
    await ana.getByRole('option', { name: /Cid Out/ }).click();
    await ana.getByRole('button', { name: 'Invite', exact: true }).click();
    await waiting.getByText('Cid Out').waitFor();
    await expectAccessible(ana, 'a community page for its owner');
    await ana.getByRole('button', { name: 'Withdraw the invitation to Cid Out' }).click();
    await ana.getByText('The invitation to Cid Out is withdrawn.').waitFor();
    // (The message comes as the request returns; the list is fetched again after it.)
    await waiting.getByText('Cid Out').waitFor({ state: 'detached' });
    assert.deepEqual(await waiting.getByRole('listitem').allInnerTexts(), ['Bob Ek Withdraw']);

    await bob.goto(`${server.url}/communities`);
    await bob.getByRole('link', { name: 'Project Falcon' }).click();
    await bob.getByRole('button', { name: 'Accept the invitation' }).click();
    await bob.getByText(/you are a member/).waitFor();
    await bob.getByLabel('Post to Project Falcon').fill('Countdown starts Monday #falcon');
    await bob.getByRole('button', { name: 'Post' }).click();
    await bob.getByTestId('post').filter({ hasText: 'Countdown starts Monday' }).waitFor();
    await expectAccessible(bob, 'a community page for a member');

    const invitedListed = ana.waitForResponse((r) => r.url().includes('/members?state=invited'));
    await ana.reload();
    assert.equal(await ana.getByRole('tab', { name: 'Manage' }).getAttribute('aria-selected'), 'true', 'the tab is kept in the address');
    await invitedListed;
    await ana.getByRole('heading', { name: 'Invite' }).waitFor();
    assert.equal(await waiting.count(), 0, 'an accepted invitation is no longer waiting');
    await ana.getByRole('tab', { name: 'Members (2)' }).click();
    await ana.getByRole('list', { name: 'Members' }).getByRole('link', { name: 'Bob Ek' }).waitFor();
    await ana.getByRole('tab', { name: 'Stream' }).click();
    await ana.getByTestId('post').filter({ hasText: 'Countdown starts Monday' }).waitFor();
    await ana.getByTestId('post').filter({ hasText: 'Countdown starts Monday' }).getByRole('button', { name: 'Pin' }).click();
    await ana.getByRole('region', { name: 'Pinned' }).getByText('Countdown starts Monday').waitFor();
    // Shown once: pinned, not again in the stream.
    await ana.getByTestId('post').filter({ hasText: 'Countdown starts Monday' }).nth(1).waitFor({ state: 'detached' });
    assert.equal(await ana.getByTestId('post').filter({ hasText: 'Countdown starts Monday' }).count(), 1);
    await ana.getByRole('tab', { name: 'About' }).click();
    await ana.getByTestId('activity').filter({ hasText: '1 post and 0 topics in the last 30 days. 2 new members in 30 days.' }).waitFor();
    await ana.getByRole('tab', { name: 'Members (2)' }).click();
    await ana.getByLabel('Role of Bob Ek').selectOption('moderator');
    await ana.getByRole('dialog', { name: 'Make Bob Ek a moderator?' }).getByRole('button', { name: 'Change the role' }).click();
    await ana.getByRole('list', { name: 'Members' }).getByText('(moderator)').waitFor();
    await ana.getByRole('tab', { name: 'Manage' }).click();
    await ana.locator('summary', { hasText: 'Settings' }).click();
    await ana.getByLabel('Tags').fill('launch, falcon');
    await ana.getByRole('button', { name: 'Save settings' }).click();
    await ana.getByLabel('Avatar (square)').setInputFiles({ name: 'falcon.png', mimeType: 'image/png', buffer: png(120, 120) });
    await ana.waitForFunction(() => document.querySelector('img.community-avatar')?.naturalWidth === 256);
    await expectAccessible(ana, 'a community page with its settings open');

    // Bob's profile says he belongs to it, to Ana; not to Cid (below).
    await ana.goto(`${server.url}/people/bob`);
    await ana.getByRole('region', { name: 'Member of' }).getByRole('link', { name: 'Project Falcon' }).waitFor();
    await bob.goto(`${server.url}/communities/falcon#forum`);

    // The forum: Bob asks, Ana answers, Bob accepts her answer.
    await bob.getByRole('button', { name: 'Start a topic' }).click();
    await bob.getByLabel('Title').fill('Where is the launch checklist?');
    await bob.getByLabel('What is it about? (Markdown)').fill('I cannot find the *latest* one.');
    await bob.getByLabel(/This is a question/).check();
    await bob.getByRole('button', { name: 'Start the topic' }).click();
    await bob.getByRole('heading', { name: 'Where is the launch checklist?', level: 1 }).waitFor();
    const topicUrl = bob.url();
    await ana.goto(topicUrl);
    await ana.getByLabel('Write a comment').fill('In the shared drive, folder Falcon/launch.');
    await ana.getByRole('button', { name: 'Comment', exact: true }).click();
    await ana.getByTestId('comment').filter({ hasText: 'folder Falcon/launch' }).waitFor();
    await bob.reload();
    await bob.getByRole('button', { name: "Accept Ana Berg's reply as the answer" }).click();
    // The accepted reply is labelled in its own head, and comes first.
    await bob.getByTestId('accepted-answer').waitFor();
    const first = bob.getByTestId('comment').first();
    assert.match(await first.textContent(), /Ana Berg.*Accepted answer.*folder Falcon\/launch/);
    await bob.getByText(/^Answered question by Bob Ek/).waitFor();
    await bob.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Project Falcon: forum' }).waitFor();
    await bob.getByRole('button', { name: 'Stop following' }).waitFor();
    await expectAccessible(bob, 'a forum topic with an accepted answer');
    await cid.goto(`${server.url}/people/bob`);
    await cid.getByRole('heading', { name: 'Bob Ek', level: 1 }).waitFor();
    assert.equal(await cid.getByText('Project Falcon').count(), 0, 'not on the profile either');
    await cid.goto(topicUrl);
    await cid.getByRole('alert').filter({ hasText: 'It was deleted, or it is not shared with you.' }).waitFor();

    // A third person: not in the directory, not by search, not by its address.
    await cid.goto(`${server.url}/communities`);
    await cid.getByRole('heading', { name: 'Communities', level: 1 }).waitFor();
    await cid.getByLabel('Find a community').fill('falcon');
    await cid.getByText('No communities found.').waitFor();
    await cid.goto(`${server.url}/communities/falcon`);
    await cid.getByRole('alert').filter({ hasText: 'It was deleted, or it is not shared with you.' }).waitFor();
    assert.equal(await cid.getByText('Countdown starts Monday').count(), 0);
  });

  test('an invitation by e-mail makes a guest account through the link', async () => {
    const { ana } = pages;
    await ana.goto(`${server.url}/communities`);
    await ana.getByRole('button', { name: 'Create a community' }).click();
    await ana.getByLabel('Name', { exact: true }).fill('Client Corner');
    assert.equal(await ana.getByLabel('Handle (its address)').inputValue(), 'client-corner');
    await ana.getByLabel('Who may join').selectOption('restricted');
    await ana.getByLabel('Guests may be invited').check();
    await ana.getByRole('button', { name: 'Create' }).click();
    await ana.getByRole('heading', { name: 'Client Corner', level: 1 }).waitFor();
    await ana.getByRole('tab', { name: 'Manage' }).click();
    await ana.getByLabel('Or invite by e-mail address').fill('nia@partner.example');
    await ana.getByRole('button', { name: 'Invite by e-mail' }).click();
    await ana.getByRole('status').filter({ hasText: 'Send this link to nia@partner.example' }).waitFor();
    const link = await ana.getByTestId('invite-link').textContent();
    await ana.getByRole('button', { name: 'Copy the link' }).waitFor();

    const nia = await (await browser.newContext({ bypassCSP: true })).newPage();
    nia.setDefaultTimeout(15_000);
    await nia.goto(link);
    await nia.getByRole('heading', { name: 'Join Client Corner', level: 1 }).waitFor();
    await expectAccessible(nia, 'the invitation page');
    // Every problem the form can see is named at once, before anything is sent.
    await nia.getByRole('button', { name: 'Create my guest account' }).click();
    await nia.getByText('Enter your name as colleagues know it.').waitFor();
    await nia.getByText('Choose a password of at least 8 characters.').waitFor();
    await nia.getByLabel('Your name').fill('Nia Partner');
    await nia.getByLabel('Password', { exact: true }).fill('nia-password-1');
    await nia.getByLabel('Password again').fill('nia-password-1');
    await nia.getByRole('button', { name: 'Create my guest account' }).click();
    // Signed in at once: no second form; her home points to the community.
    await nia.getByRole('heading', { name: /^Welcome, Nia Partner/, level: 1 }).waitFor();
    await nia.getByRole('complementary', { name: 'Suggestions' }).getByRole('link', { name: 'Client Corner' }).waitFor();
    await nia.goto(`${server.url}/communities`);
    await nia.getByRole('link', { name: 'Client Corner' }).waitFor();
    assert.equal(await nia.getByRole('link', { name: 'Project Falcon' }).count(), 0);
  });

  test('joining an open community shows its stream and forum at once, without a reload', async () => {
    const ana = pages.ana;
    const made = await ana.evaluate(async () => {
      const csrf = (await (await fetch('/api/v1/auth/session')).json()).csrf_token;
      const post = (path, body) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) }).then((r) => r.json());
      const c = await post('/api/v1/communities', { name: 'Open Geology', handle: 'open-geology', description: 'All welcome', type: 'open' });
      await post('/api/v1/posts', { body: 'Fossils found at the quarry', audience: 'community', community_id: c.id });
      await post(`/api/v1/communities/${c.id}/topics`, { title: 'Best hammer for shale?', body: 'Asking for a friend' });
      return c;
    });
    assert.ok(made.id);
    const cid = pages.cid;
    const personRequests = [];
    cid.on('request', (r) => { if (/\/api\/v1\/people\/\d+$/.test(new URL(r.url()).pathname)) personRequests.push(r.url()); });
    await cid.goto(`${server.url}/communities/open-geology`);
    await cid.getByRole('heading', { name: 'Open Geology', level: 1 }).waitFor();
    // An open community is read before joining; taking part needs joining.
    await cid.getByText('Fossils found at the quarry').waitFor();
    await cid.getByText('Join to post, comment and react here.').waitFor();
    assert.equal(await cid.getByLabel('Post to Open Geology').count(), 0);
    await expectAccessible(cid, 'an open community read before joining');
    await screenshot(cid, 'community-before-joining');
    await cid.getByRole('button', { name: 'Join', exact: true }).click();
    await cid.getByRole('button', { name: 'Leave' }).waitFor();
    await cid.getByLabel('Post to Open Geology').waitFor();
    // It is now one step away from anywhere: My communities in the navigation.
    await cid.getByRole('navigation', { name: 'Main' }).getByRole('list', { name: 'My communities' })
      .getByRole('link', { name: 'Open Geology' }).waitFor();
    await cid.getByText('Fossils found at the quarry').waitFor();
    assert.equal(await cid.getByText('Join to post, comment and react here.').count(), 0);
    await cid.getByRole('tab', { name: 'Forum' }).click();
    await cid.getByRole('link', { name: 'Best hammer for shale?' }).waitFor();
    // The members, with their avatars, from one request (not one per person).
    await cid.getByRole('tab', { name: 'Members (2)' }).click();
    await cid.getByRole('list', { name: 'Members' }).getByRole('link', { name: 'Cid Out' }).waitFor();
    await cid.getByRole('list', { name: 'Members' }).getByRole('link', { name: 'Ana Berg' }).waitFor();
    assert.deepEqual(personRequests, []);
    // Its owner finds a member by name and removes them from a menu beside them.
    await ana.goto(`${server.url}/communities/open-geology#members`);
    await ana.getByLabel('Find a member').fill('cid');
    await ana.getByRole('list', { name: 'Members' }).getByRole('link', { name: 'Cid Out' }).waitFor();
    await ana.getByRole('list', { name: 'Members' }).getByRole('link', { name: 'Ana Berg' }).waitFor({ state: 'detached' });
    await ana.getByRole('button', { name: "Manage Cid Out's membership" }).click();
    await ana.getByRole('menuitem', { name: 'Remove from the community' }).click();
    await ana.getByRole('dialog', { name: 'Remove Cid Out from Open Geology?' }).getByRole('button', { name: 'Remove' }).click();
    await ana.getByRole('status').filter({ hasText: 'Cid Out is removed.' }).waitFor();
    await ana.getByText('No member by that name.').waitFor();
  });
});

// Blogs in the browser: Ana starts a shared blog and makes Bo its editor; Cy, a contributor,
// writes a draft that only its writers see; Bo edits and publishes it; Dee finds it in the
// directory, reads it and comments. One's own blog is made on first use. axe-core clean on
// every page; screenshots at a wide screen and a phone's width. A public blog's entry renders
// for the world without JavaScript.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('blogs in the browser', () => {
  let server;
  let browser;
  let people;
  let clients;
  const pages = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people, clients } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Berg'], ['bo', 'member', 'Bo Ek'], ['cy', 'member', 'Cy Lund'], ['dee', 'member', 'Dee Holm'],
    ]));
    browser = await launchChromium();
    for (const who of ['ana', 'bo', 'cy', 'dee']) pages[who] = await signedInPage(browser, server, who);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a shared blog: a contributor\'s draft, edited and published by an editor, read and commented on', async () => {
    const { ana, bo, cy, dee } = pages;
    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Blogs' }).click();
    await ana.getByRole('heading', { name: 'Blogs', level: 1 }).waitFor();
    await ana.getByText('No blogs yet.').waitFor();
    await ana.getByRole('button', { name: 'Start a shared blog' }).click();
    await ana.getByLabel('Name', { exact: true }).fill('Platform Notes');
    assert.equal(await ana.getByLabel('Handle (its address)').inputValue(), 'platform-notes', 'the handle follows the name');
    await ana.getByLabel('Description').fill('How we run the platform');
    await expectAccessible(ana, 'the blog directory with the form');
    await ana.getByRole('button', { name: 'Create the blog' }).click();
    await ana.getByRole('heading', { name: 'Platform Notes', level: 1 }).waitFor();
    await ana.getByText(/you own it/).waitFor();
    // Ana makes Bo an editor and Cy a contributor on the Writers tab.
    await ana.getByRole('tab', { name: 'Writers' }).click();
    for (const [who, name, role] of [['bo', 'Bo Ek', 'Editor: publishes anyone’s entries'], ['cy', 'Cy Lund', 'Contributor: writes drafts for an editor']]) {
      await ana.getByRole('combobox', { name: 'People' }).pressSequentially(who);
      await ana.getByRole('option', { name: new RegExp(name) }).click();
      await ana.getByLabel('Role', { exact: true }).selectOption({ label: role });
      await ana.getByRole('button', { name: 'Add', exact: true }).click();
      await ana.getByRole('combobox', { name: `Role of ${name}` }).waitFor();
    }
    const writers = ana.getByRole('list', { name: 'Writers' });
    assert.deepEqual(await writers.locator('.writer-name > a').allTextContents(), ['Ana Berg', 'Bo Ek', 'Cy Lund']);
    assert.equal(await ana.getByRole('combobox', { name: 'Role of Cy Lund' }).inputValue(), 'contributor');
    await expectAccessible(ana, 'a blog\'s writers for its owner');
    await screenshot(ana, 'blog-writers');

    // Cy writes a draft: a contributor may not publish, and is told who does.
    await cy.goto(`${server.url}/blogs/platform-notes`);
    await cy.getByText(/you are a contributor/).waitFor();
    await cy.getByRole('link', { name: 'Write an entry' }).click();
    await cy.getByRole('heading', { name: 'New entry in Platform Notes', level: 1 }).waitFor();
    await cy.getByText('You write drafts: an editor of the blog publishes them.').waitFor();
    assert.equal(await cy.getByRole('button', { name: 'Publish' }).count(), 0);
    await cy.getByLabel('Title').fill('Moving to the new cluster');
    await cy.getByLabel('Summary').fill('What changes on Monday');
    await cy.getByLabel('Text (Markdown)').fill('We move on **Monday**.\n\nNothing stops.');
    // Written together: Bo is credited beside Cy.
    await cy.getByRole('combobox', { name: 'Co-authors' }).pressSequentially('bo');
    await cy.getByRole('option', { name: /Bo Ek/ }).click();
    await expectAccessible(cy, 'the entry editor');
    await screenshot(cy, 'blog-editor');
    await cy.getByRole('button', { name: 'Save draft' }).click();
    await cy.getByRole('heading', { name: 'Moving to the new cluster', level: 1 }).waitFor();
    await cy.getByText('Draft: only its writers see it').waitFor();
    await cy.getByText('By Cy Lund and Bo Ek').waitFor();
    const entryPath = new URL(cy.url()).pathname;
    assert.match(entryPath, /^\/blogs\/platform-notes\/entries\/\d+$/);
    await cy.locator('.entry-body strong', { hasText: 'Monday' }).waitFor();

    // Dee, a reader, sees neither the draft nor its page.
    await dee.goto(`${server.url}${entryPath}`);
    await dee.getByRole('alert').waitFor();
    await dee.goto(`${server.url}/blogs/platform-notes`);
    await dee.getByText('Nothing published yet.').waitFor();

    // Bo, an editor, finds it among the drafts, edits and publishes it.
    await bo.goto(`${server.url}/blogs/platform-notes`);
    await bo.getByRole('tab', { name: 'Drafts' }).click();
    await bo.getByRole('link', { name: 'Moving to the new cluster' }).click();
    await bo.getByRole('link', { name: 'Edit' }).click();
    await bo.getByRole('heading', { name: 'Edit “Moving to the new cluster”', level: 1 }).waitFor();
    assert.equal(await bo.getByLabel('Title').inputValue(), 'Moving to the new cluster');
    // Meanwhile Cy changes the last line and saves: Bo's save, of another line, is merged.
    await cy.getByRole('link', { name: 'Edit' }).click();
    await cy.getByLabel('Text (Markdown)').fill('We move on **Monday**.\n\nNothing stops, nothing breaks.');
    await cy.getByRole('button', { name: 'Save draft' }).click();
    await cy.getByRole('heading', { name: 'Moving to the new cluster', level: 1, exact: true }).waitFor();
    await bo.getByLabel('Text (Markdown)').fill('We move on **Monday** at nine.\n\nNothing stops.');
    await bo.getByRole('button', { name: 'Publish' }).click();
    await bo.getByText(/Cy Lund saved this entry while you were writing/).waitFor();
    assert.equal(await bo.getByLabel('Text (Markdown)').inputValue(), 'We move on **Monday** at nine.\n\nNothing stops, nothing breaks.');
    await expectAccessible(bo, 'the editor after a merge');
    await bo.getByRole('button', { name: 'Publish' }).click();
    await bo.getByText('Saved and published.').waitFor();
    await bo.locator('.entry-body', { hasText: 'at nine' }).waitFor();
    await bo.locator('.entry-body', { hasText: 'nothing breaks' }).waitFor();
    assert.equal(await bo.getByText('Draft: only its writers see it').count(), 0);
    // Its history: the versions compared, the words that changed marked.
    await bo.getByRole('button', { name: 'History' }).click();
    await bo.locator('.text-diff ins', { hasText: 'at nine' }).waitFor();
    await bo.getByLabel('Compare').selectOption({ index: 0 });
    await bo.locator('.text-diff ins', { hasText: ', nothing breaks' }).waitFor();
    await expectAccessible(bo, 'a published entry for its editor, its history open');
    await screenshot(bo, 'blog-entry-history');

    // Dee finds it in the directory and on the blog's page, reads it and comments.
    await dee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Blogs' }).click();
    const card = dee.getByTestId('blog').filter({ hasText: 'Platform Notes' });
    await card.getByText('1 entry').waitFor();
    await card.getByRole('link', { name: 'Platform Notes' }).click();
    await dee.getByTestId('blog-entry').getByText('What changes on Monday').waitFor();
    await dee.getByRole('link', { name: 'Moving to the new cluster' }).click();
    await dee.getByRole('heading', { name: 'Moving to the new cluster', level: 1 }).waitFor();
    await dee.getByText('1 minute read').waitFor();
    await dee.getByText(/By Cy Lund/).waitFor();
    assert.equal(await dee.getByRole('link', { name: 'Edit' }).count(), 0, 'a reader may not edit');
    // The authors' cards, from their profiles: Dee follows Cy from there.
    await dee.getByRole('heading', { name: 'About the authors' }).waitFor();
    await dee.getByRole('button', { name: 'Follow Cy Lund' }).click();
    await dee.getByRole('button', { name: 'Unfollow Cy Lund' }).waitFor();
    // Cy's profile lists the entry among their blog entries.
    await dee.getByRole('link', { name: 'Cy Lund' }).first().click();
    await dee.getByRole('heading', { name: 'Blog entries' }).waitFor();
    await dee.getByRole('link', { name: 'Moving to the new cluster' }).click();
    await dee.getByRole('heading', { name: 'Moving to the new cluster', level: 1 }).waitFor();
    // Dee's visit counts as a view, once: a reload is no view. Dee recommends it (the author may not).
    const views = async () => {
      await dee.locator('.entry-counts').waitFor();
      return Number((await dee.locator('.entry-counts').textContent()).match(/(\d+) views?/)[1]);
    };
    await dee.reload();
    const counted = await views();
    assert.ok(counted >= 2, `Bo's and Dee's views: ${counted}`);
    await dee.reload();
    assert.equal(await views(), counted, 'a reload is no view');
    await dee.getByRole('button', { name: 'Recommend' }).click();
    await dee.getByText('1 recommendation').waitFor();
    assert.equal(await dee.getByRole('button', { name: 'Recommend' }).getAttribute('aria-pressed'), 'true');
    await dee.getByLabel('Write a comment').fill('Good to know, thanks');
    await dee.getByRole('button', { name: 'Comment', exact: true }).click();
    await dee.getByText('Good to know, thanks').waitFor();
    await expectAccessible(dee, 'a published entry for a reader');
    await screenshot(dee, 'blog-entry');
    assert.equal(await dee.title(), 'Moving to the new cluster · Agora');

    // Dee follows the blog, and in a feed reader: a personal address, shown once, that reads it.
    await dee.getByRole('link', { name: 'Platform Notes' }).click();
    await dee.getByRole('button', { name: 'Follow this blog' }).click();
    await dee.getByText('1 follower').waitFor();
    await dee.getByRole('button', { name: 'Stop following' }).waitFor();
    await dee.getByRole('button', { name: 'Subscribe in a feed reader' }).click();
    await dee.getByRole('button', { name: 'Make my feed address' }).click();
    const address = await dee.getByTestId('feed-address').textContent();
    assert.match(address, /\/feeds\/agf_[\w-]+\/blogs\/platform-notes$/);
    const atom = await (await fetch(address)).text();
    assert.match(atom, /<title>Moving to the new cluster<\/title>/);
    await expectAccessible(dee, 'a blog with its feed address');
  });

  test('one\'s own blog is made on first use; on a phone the directory and an entry fit', async () => {
    const { ana } = pages;
    await ana.goto(`${server.url}/blogs`);
    await ana.getByRole('button', { name: 'Your blog' }).click();
    await ana.getByRole('heading', { name: 'Ana Berg', level: 1 }).waitFor();
    await ana.getByRole('link', { name: 'Write an entry' }).click();
    await ana.getByLabel('Title').fill('Hello from Ana');
    await ana.getByLabel('Text (Markdown)').fill('My first words here.');
    await ana.getByRole('button', { name: 'Publish' }).click();
    await ana.getByText('Saved and published.').waitFor();
    const entryPath = new URL(ana.url()).pathname;
    // Another, scheduled for tomorrow morning: a draft until then.
    await ana.goto(`${server.url}/blogs/${people.ana.handle}/write`);
    await ana.getByLabel('Title').fill('Tomorrow\'s news');
    await ana.getByLabel('Text (Markdown)').fill('Out at nine.');
    await ana.getByLabel('Publish later, on').fill('2030-01-02T09:00');
    await ana.getByRole('button', { name: 'Schedule' }).click();
    await ana.getByText(/^Scheduled: published on/).waitFor();
    await expectAccessible(ana, 'a scheduled entry');

    // The directory sorted by recommendations puts the recommended blog first.
    await ana.goto(`${server.url}/blogs`);
    await ana.getByLabel('Sort by').selectOption({ label: 'Most recommended' });
    await ana.waitForURL(/\/blogs\?sort=recommended$/);
    await ana.getByTestId('blog').first().filter({ hasText: 'Platform Notes' }).waitFor();

    // A public blog's entry has a page for the world: no JavaScript, no signing in.
    await ana.goto(`${server.url}/blogs`);
    await ana.getByRole('button', { name: 'Start a shared blog' }).click();
    await ana.getByLabel('Name', { exact: true }).fill('Open Voices');
    await ana.getByLabel('Who may read it').selectOption({ label: 'Anyone, also outside the organization' });
    await ana.getByRole('button', { name: 'Create the blog' }).click();
    await ana.getByRole('heading', { name: 'Open Voices', level: 1 }).waitFor();
    await ana.getByRole('link', { name: 'Write an entry' }).click();
    await ana.getByLabel('Title').fill('What we learned this year');
    await ana.getByLabel('Summary').fill('Twelve months in four lessons');
    await ana.getByLabel('Text (Markdown)').fill('First, **small** steps.\n\n> Ship, then listen.');
    await ana.getByRole('button', { name: 'Publish' }).click();
    const publicLink = ana.getByRole('link', { name: 'Public page' });
    const publicPath = await publicLink.getAttribute('href');
    assert.match(publicPath, /^\/blogs\/open-voices\/\d{4}\/\d{2}\/what-we-learned-this-year$/);
    const world = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await world.goto(`${server.url}${publicPath}`);
    await world.getByRole('heading', { name: 'What we learned this year', level: 1 }).waitFor();
    await world.getByText('By Ana Berg').waitFor();
    await world.locator('strong', { hasText: 'small' }).waitFor();
    assert.equal(await world.title(), 'What we learned this year · Open Voices');
    await screenshot(world, 'blog-public-page');
    // axe-core needs a script of its own in the page: the same page, scripts on, no one signed in.
    const axePage = await (await browser.newContext({ bypassCSP: true })).newPage();
    await axePage.goto(`${server.url}${publicPath}`);
    await expectAccessible(axePage, 'a public entry\'s page');

    const phone = await signedInPage(browser, server, 'dee', { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const phonePages = { directory: '/blogs', personal: `/blogs/${people.ana.handle}`, entry: entryPath, editor: `/blogs/${people.ana.handle}/write` };
    for (const [name, path] of Object.entries(phonePages)) {
      await phone.goto(`${server.url}${path}`);
      await phone.getByRole('heading', { level: 1 }).waitFor();
      if (name === 'directory' || name === 'personal') await phone.getByTestId(name === 'directory' ? 'blog' : 'blog-entry').first().waitFor();
      if (name === 'entry') await phone.getByRole('heading', { name: 'About the author' }).waitFor();
      // Dee has no role in Ana's blog: told so, with no form to fill in vain.
      if (name === 'editor') await phone.getByText('Only the writers of this blog write in it.').waitFor();
      const { doc, view } = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      assert.ok(doc <= view, `${path} at 390 px is ${doc} px wide`);
      await expectAccessible(phone, `${path} on a phone`);
      await screenshot(phone, `phone-blog-${name}`);
    }
  });

  test('an owner holds readers\' comments for approval, and approves one from the blog\'s queue', async () => {
    const { ana, dee } = pages;
    assert.equal((await clients.ana.post('/api/v1/blogs', { name: 'Garden Club', handle: 'garden-club' })).status, 201);
    const entry = (await clients.ana.post('/api/v1/blogs/garden-club/entries', { title: 'Spring planting', body: 'Tulips first.', publish: true })).json;
    await ana.goto(`${server.url}/blogs/garden-club#settings`);
    await ana.getByLabel('Readers’ comments').selectOption({ label: 'Every comment waits for approval' });
    await ana.getByRole('button', { name: 'Save' }).click();
    await ana.getByText('Blog settings saved.').waitFor();
    await expectAccessible(ana, 'a blog\'s settings');

    await dee.goto(`${server.url}/blog-entries/${entry.id}`);
    await dee.getByRole('heading', { name: 'Spring planting', level: 1 }).waitFor();
    await dee.getByText('The blog’s owners approve comments before others see them.').waitFor();
    await dee.getByLabel('Write a comment').fill('Crocuses before tulips?');
    await dee.getByRole('button', { name: 'Comment', exact: true }).click();
    await dee.getByText('Your comment waits for the blog’s owners to approve it.').waitFor();
    const mine = dee.getByTestId('comment').filter({ hasText: 'Crocuses before tulips?' });
    await mine.getByTestId('held-comment').waitFor();
    await mine.getByText('Only you and the blog’s owners and editors see it until they approve it.').waitFor();
    await expectAccessible(dee, 'an entry with one\'s held comment');

    await ana.goto(`${server.url}/blogs/garden-club#held`);
    const card = ana.getByTestId('held-comment-card').filter({ hasText: 'Crocuses before tulips?' });
    await card.getByRole('link', { name: 'Spring planting' }).waitFor();
    await expectAccessible(ana, 'a blog\'s comments to approve');
    await screenshot(ana, 'blog-held-comments');
    // The queue at a phone's width.
    const phone = await signedInPage(browser, server, 'ana', { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    await phone.goto(`${server.url}/blogs/garden-club#held`);
    await phone.getByTestId('held-comment-card').first().waitFor();
    const { doc, view } = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    assert.ok(doc <= view, `the queue at 390 px is ${doc} px wide`);
    await screenshot(phone, 'phone-blog-held-comments');
    await card.getByRole('button', { name: 'Approve Dee Holm’s comment' }).click();
    await ana.getByText('No comments wait for approval.').waitFor();

    await dee.reload();
    const shown = dee.getByTestId('comment').filter({ hasText: 'Crocuses before tulips?' });
    await shown.getByRole('button', { name: 'Reply' }).waitFor();
    assert.equal(await shown.getByTestId('held-comment').count(), 0, 'shown to all now');
  });

  test('an entry with a cover and a picture in its text, previewed before it is published', async () => {
    const { ana, dee } = pages;
    const { png } = await import('../support/images.mjs');
    assert.equal((await clients.ana.post('/api/v1/blogs', { name: 'Field Trips', handle: 'field-trips' })).status, 201);
    await ana.goto(`${server.url}/blogs/field-trips/write`);
    await ana.getByLabel('Title').fill('The heron walk');
    await ana.getByRole('group', { name: 'Cover picture' }).getByLabel('Describe the picture').fill('A heron standing in reeds');
    const [coverChooser] = await Promise.all([ana.waitForEvent('filechooser'), ana.getByRole('button', { name: 'Choose a cover picture' }).click()]);
    await coverChooser.setFiles({ name: 'heron.png', mimeType: 'image/png', buffer: png(800, 400) });
    await ana.getByText('Described as: A heron standing in reeds').waitFor();
    await ana.getByLabel('Text (Markdown)').fill('We met at **seven**.');
    await ana.getByRole('button', { name: 'Put a picture in the text' }).click();
    await ana.locator('#entry-picture-alt').fill('The map of the walk');
    const [chooser] = await Promise.all([ana.waitForEvent('filechooser'), ana.getByRole('button', { name: 'Choose the picture' }).click()]);
    await chooser.setFiles({ name: 'map.png', mimeType: 'image/png', buffer: png(300, 200) });
    await ana.waitForFunction(() => /!\[The map of the walk\]\(\/api\/v1\/images\/\d+\/1600\)/.test(document.querySelector('#entry-body').value));
    await ana.getByRole('button', { name: 'Preview' }).click();
    const preview = ana.getByRole('region', { name: 'Preview' });
    await preview.locator('strong', { hasText: 'seven' }).waitFor();
    await preview.getByRole('img', { name: 'The map of the walk' }).waitFor();
    await expectAccessible(ana, 'the entry editor with a cover and a preview');
    await screenshot(ana, 'blog-editor-preview');
    await ana.getByRole('button', { name: 'Write', exact: true }).click();
    await ana.getByRole('button', { name: 'Publish' }).click();
    await ana.getByText('Saved and published.').waitFor();
    const entryUrl = ana.url();

    // A reader sees both pictures, loaded (not broken), and the cover on the blog's list.
    await dee.goto(entryUrl);
    const cover = dee.getByRole('img', { name: 'A heron standing in reeds' });
    await cover.waitFor();
    await dee.waitForFunction(() => [...document.images].filter((i) => i.alt).every((i) => i.complete && i.naturalWidth > 0));
    assert.equal(await dee.getByRole('img', { name: 'The map of the walk' }).count(), 1);
    // Reactions, as on a post.
    await dee.getByRole('button', { name: 'React to this blog entry' }).click();
    await dee.getByRole('toolbar', { name: 'Choose a reaction' }).waitFor();
    await dee.keyboard.press('Enter');
    await dee.getByRole('button', { name: '1 reaction: see who reacted' }).waitFor();
    await expectAccessible(dee, 'an entry with its cover');
    await screenshot(dee, 'blog-entry-cover');
    await dee.goto(`${server.url}/blogs/field-trips`);
    await dee.getByTestId('blog-entry').locator('img.entry-thumb').waitFor();

    // At a phone's width: the editor with its cover and preview, the entry with its cover.
    const phone = await signedInPage(browser, server, 'ana', { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    const editPath = new URL(entryUrl).pathname.replace('/entries/', '/write/');
    for (const [name, path] of [['editor-cover', editPath], ['entry-cover', new URL(entryUrl).pathname]]) {
      await phone.goto(`${server.url}${path}`);
      await phone.getByRole('img', { name: 'A heron standing in reeds' }).waitFor();
      if (name === 'editor-cover') {
        await phone.getByRole('button', { name: 'Preview' }).click();
        await phone.getByRole('region', { name: 'Preview' }).locator('strong', { hasText: 'seven' }).waitFor();
      }
      const { doc, view } = await phone.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      assert.ok(doc <= view, `${path} at 390 px is ${doc} px wide`);
      await expectAccessible(phone, `${name} on a phone`);
      await screenshot(phone, `phone-blog-${name}`);
    }
  });

  test('the directory finds blogs by topic and writer; a blog\'s tags and a writer lead to their archives', async () => {
    const { dee } = pages;
    assert.equal((await clients.bo.post('/api/v1/blogs', { name: 'Bird Notes', handle: 'bird-notes', description: 'What we saw' })).status, 201);
    for (const [title, body] of [['Grey herons', 'Seen at the pond #herons'], ['Night owls', 'Heard at dusk #owls'], ['More herons', 'Again #herons']])
      assert.equal((await clients.bo.post('/api/v1/blogs/bird-notes/entries', { title, body, publish: true })).status, 201);
    await dee.goto(`${server.url}/blogs`);
    const search = dee.getByRole('searchbox', { name: 'Find blogs by name, topic or writer' });
    // The index follows within moments: ask again until it has.
    for (let i = 0; i < 50; i++) {
      await search.fill('owls');
      await dee.getByRole('search').getByRole('button', { name: 'Search blogs' }).click();
      await dee.getByText(/found for “owls”/).waitFor();
      if (await dee.getByRole('list', { name: 'Blogs found' }).getByRole('link', { name: 'Bird Notes' }).count()) break;
      await dee.waitForTimeout(200);
    }
    await dee.getByRole('list', { name: 'Blogs found' }).getByRole('link', { name: 'Bird Notes' }).waitFor();
    assert.match(dee.url(), /\/blogs\?q=owls$/);
    await expectAccessible(dee, 'blogs found by a topic');
    await search.fill('Bo Ek');
    await search.press('Enter');
    await dee.getByRole('list', { name: 'Blogs found' }).getByRole('link', { name: 'Bird Notes' }).waitFor();

    // The blog's tags, commonest first; a tag's archive in the blog.
    await dee.getByRole('list', { name: 'Blogs found' }).getByRole('link', { name: 'Bird Notes' }).click();
    const tags = dee.getByRole('navigation', { name: 'Tags of this blog' });
    await tags.getByRole('link', { name: '#owls' }).waitFor();
    assert.deepEqual(await tags.getByRole('link').allTextContents(), ['#herons', '#owls']);
    await tags.getByRole('link', { name: '#herons' }).click();
    await dee.getByRole('heading', { name: 'Entries tagged #herons' }).waitFor();
    const list = dee.getByRole('list', { name: 'Entries tagged #herons' });
    await list.getByText('Grey herons').waitFor();
    assert.deepEqual(await list.locator('.entry-title').allTextContents(), ['More herons', 'Grey herons']);
    await expectAccessible(dee, 'a blog\'s tag archive');
    await screenshot(dee, 'blog-tag-archive');
    // A writer's entries in the blog, then everywhere, from the profile.
    await dee.getByRole('link', { name: 'All entries of this blog' }).click();
    await dee.getByRole('tab', { name: 'Writers' }).click();
    await dee.getByRole('link', { name: 'Entries by Bo Ek in this blog' }).click();
    await dee.getByRole('list', { name: 'Entries by Bo Ek' }).getByText('Night owls').waitFor();
    assert.equal(await dee.getByRole('list', { name: 'Entries by Bo Ek' }).locator('.entry-title').count(), 3);
    await dee.goto(`${server.url}/people/${people.bo.handle}`);
    await dee.getByRole('link', { name: 'All blog entries by Bo Ek' }).click();
    await dee.getByRole('heading', { name: 'Blog entries by Bo Ek', level: 1 }).waitFor();
    await dee.getByRole('list', { name: 'Blog entries by Bo Ek' }).getByText('Night owls').waitFor();
    await expectAccessible(dee, 'a person\'s blog entries');
    // A tag's page leads to its blog entries across blogs.
    await dee.goto(`${server.url}/tags/owls`);
    await dee.getByRole('link', { name: 'Blog entries with #owls' }).click();
    await dee.getByRole('heading', { name: 'Blog entries tagged #owls', level: 1 }).waitFor();
    await dee.getByRole('list', { name: 'Blog entries tagged #owls' }).getByText('Bird Notes').waitFor();

    // Following the blog brings its entries into Dee's home feed, among the posts.
    assert.equal((await clients.dee.put('/api/v1/blogs/bird-notes/follow')).status, 200);
    await dee.goto(`${server.url}/`);
    const card = dee.getByTestId('feed-entry').filter({ hasText: 'More herons' });
    await card.getByText('Bo Ek published in Bird Notes').waitFor();
    await card.getByRole('link', { name: 'More herons' }).click();
    await dee.getByRole('heading', { name: 'More herons', level: 1 }).waitFor();
    await dee.goBack();
    await dee.getByTestId('feed-entry').first().waitFor();
    await expectAccessible(dee, 'the home feed with a followed blog\'s entries');
    await screenshot(dee, 'home-feed-blog-entry');
  });

  test('a community\'s Blog tab: its owner starts the blog, its members read it there', async () => {
    const { ana } = pages;
    const club = await clients.ana.post('/api/v1/communities', { name: 'Makers', handle: 'makers', type: 'open' });
    assert.equal(club.status, 201, club.text);
    await ana.goto(`${server.url}/communities/makers#blog`);
    await ana.getByRole('button', { name: 'Start the community’s blog' }).click();
    const blog = ana.getByRole('heading', { name: 'Makers', level: 3 });
    await blog.waitFor();
    assert.equal(await blog.getByRole('link').getAttribute('href'), '/blogs/makers-blog');
    await ana.getByRole('tabpanel').getByRole('link', { name: 'Write an entry' }).click();
    await ana.getByLabel('Title').fill('Our first build night');
    await ana.getByLabel('Text (Markdown)').fill('Soldering, mostly.');
    await ana.getByRole('button', { name: 'Publish' }).click();
    await ana.getByText('Saved and published.').waitFor();
    await ana.goto(`${server.url}/communities/makers#blog`);
    await ana.getByRole('tabpanel').getByRole('link', { name: 'Our first build night' }).waitFor();
    await expectAccessible(ana, 'a community\'s Blog tab');
  });
});

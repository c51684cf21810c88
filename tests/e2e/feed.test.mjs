// Browser test: two people in two browser contexts. One posts with a mention and a hashtag;
// the other, with their feed open, sees it arrive live ("1 new post") and the notification
// count rise, reacts and comments; the first sees the comment and the count arrive live on
// their open page, then reads the notifications.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { Client, setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

describe('posting and talking in the browser', () => {
  let server;
  let browser;
  const pages = {};
  const ids = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    for (const [who, name] of [['ana', 'Ana Berg'], ['bob', 'Bob Ek']]) {
      const r = await admin.post('/api/v1/admin/users', { email: `${who}@example.com`, display_name: name, password: `${who}-password-1` });
      ids[who] = r.json.id;
    }
    const bob = new Client(server.url);
    await bob.login('bob@example.com', 'bob-password-1');
    await bob.post(`/api/v1/people/${ids.ana}/follow`);
    browser = await launchChromium();
    for (const who of ['ana', 'bob']) {
      pages[who] = await signedInPage(browser, server, who);
    }
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a post with a mention reaches the follower, who reacts and comments; the author hears of it', async () => {
    const ana = pages.ana;
    await ana.getByLabel('Share an update').fill('Launch day for **Agora**, @bob! #launch <script>window.pwned = 1</script>');
    await expectAccessible(ana, 'home with the composer');
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = ana.getByTestId('post').first();
    await mine.locator('strong', { hasText: 'Agora' }).waitFor();
    assert.equal(await ana.evaluate(() => window.pwned), undefined);
    assert.equal(await mine.getByRole('link', { name: 'Bob Ek' }).getAttribute('href'), '/people/bob', 'a mention reads as the name');
    assert.equal(await mine.getByRole('link', { name: '#launch' }).getAttribute('href'), '/tags/launch');

    const bob = pages.bob;
    // Bob's home feed has been open all along: the post and the mention arrive live.
    await bob.getByTestId('unread-count').filter({ hasText: '1' }).waitFor();
    await bob.getByRole('button', { name: 'Show 1 new post' }).click();
    const post = bob.getByTestId('post').first();
    await post.locator('strong', { hasText: 'Agora' }).waitFor();
    // The picker is one tab stop: focus lands on the first reaction, arrows move, Enter picks.
    await post.getByRole('button', { name: 'React to this post' }).click();
    const picker = post.getByRole('toolbar', { name: 'Choose a reaction' });
    await expectAccessible(bob, 'the reaction picker open');
    assert.equal(await picker.getByRole('button').evaluateAll((b) => b.filter((e) => e.tabIndex === 0).length), 1, 'one tab stop');
    await bob.keyboard.press('ArrowRight');
    await bob.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    assert.equal(await post.getByRole('button', { name: 'React to this post' }).evaluate((b) => b === document.activeElement), true, 'focus returns');
    const reacted = post.getByRole('button', { name: 'Celebrate', exact: true });
    await reacted.waitFor();
    assert.equal(await reacted.getAttribute('aria-pressed'), 'true');
    await post.getByRole('button', { name: '1 reaction: see who reacted' }).waitFor();
    await post.getByRole('button', { name: '0 comments' }).click();
    await post.getByLabel('Write a comment').fill('Congratulations! 🎉');
    await post.getByRole('button', { name: 'Comment', exact: true }).click();
    await post.getByTestId('comment').filter({ hasText: 'Congratulations!' }).waitFor();
    await expectAccessible(bob, 'a post with its comments');

    // Ana still has her home page open: the reaction, the comment count and her
    // notifications arrive without her doing anything.
    await mine.getByRole('button', { name: '1 reaction: see who reacted' }).click();
    const who = ana.getByRole('dialog', { name: 'Reactions' });
    await who.getByRole('link', { name: 'Bob Ek' }).waitFor();
    assert.match(await who.locator('li').first().textContent(), /Bob Ek.*Celebrate/);
    await expectAccessible(ana, 'who reacted');
    await who.getByRole('button', { name: 'Close' }).click();
    await mine.getByRole('button', { name: '1 comment' }).waitFor();
    await ana.getByTestId('unread-count').filter({ hasText: '3' }).waitFor(); // bob's follow, reaction and comment
    await mine.getByRole('button', { name: '1 comment' }).click();
    await mine.getByTestId('comment').filter({ hasText: 'Congratulations!' }).waitFor();
    await bob.getByLabel('Write a comment').fill('And a second one, live.');
    await bob.getByRole('button', { name: 'Comment', exact: true }).click();
    await mine.getByTestId('comment').filter({ hasText: 'And a second one, live.' }).waitFor();

    // The bell opens the latest where Ana is, with what each is about.
    await ana.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    const panel = ana.getByRole('region', { name: 'Latest notifications' });
    await panel.getByRole('button', { name: /Bob Ek reacted with Celebrate to your post/ }).waitFor();
    assert.match(await panel.getByRole('button', { name: /Bob Ek commented on your post/ }).first().textContent(), /“And a second one, live\.”|“Congratulations! 🎉”/);
    await expectAccessible(ana, 'the notification drop-down');
    await screenshot(ana, 'notification-panel');
    await ana.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await ana.getByRole('link', { name: /Notifications/ }).click();
    await ana.getByRole('button', { name: /Bob Ek commented on your post/ }).first().waitFor();
    await ana.getByRole('button', { name: /Bob Ek reacted with Celebrate to your post/ }).waitFor();
    await expectAccessible(ana, 'notifications');
    await ana.getByRole('button', { name: 'Mark all read' }).click();
    await ana.getByTestId('unread-count').waitFor({ state: 'detached' });
    await ana.getByRole('button', { name: /Bob Ek commented on your post/ }).first().click();
    // The post's page opens its comments and marks the one the notification is about.
    const own = ana.getByTestId('post');
    await own.getByTestId('comment').filter({ hasText: 'Congratulations!' }).waitFor();
    await own.locator('.comment.highlighted').waitFor();
    assert.match(ana.url(), /#comment-\d+$/);

    // Bob edits his comment and deletes the other, from each comment's menu; then shares the post.
    await bob.reload();
    const again = bob.getByTestId('post').first();
    assert.equal(await again.locator('.reason').textContent(), 'You follow Ana Berg', 'why it is in his feed');
    await again.getByRole('button', { name: '2 comments' }).click();
    const first = again.getByTestId('comment').filter({ hasText: 'Congratulations!' });
    await first.getByRole('button', { name: "More actions for Bob Ek's comment" }).click();
    await bob.getByRole('menuitem', { name: 'Edit' }).click();
    // (While it is edited, its text is in the box, not on the card: found by the box's label.)
    await again.getByLabel('Edit your comment').fill('Congratulations, team!');
    await again.getByRole('button', { name: 'Save' }).click();
    await again.getByTestId('comment').filter({ hasText: 'Congratulations, team!' }).getByText('edited').waitFor();
    const second = again.getByTestId('comment').filter({ hasText: 'And a second one, live.' });
    await second.getByRole('button', { name: "More actions for Bob Ek's comment" }).click();
    await bob.getByRole('menuitem', { name: 'Delete' }).click();
    await bob.getByRole('dialog', { name: 'Delete this comment?' }).getByRole('button', { name: 'Delete' }).click();
    await second.waitFor({ state: 'detached' });
    await again.getByRole('button', { name: '1 comment' }).waitFor();
    await again.getByRole('button', { name: 'Share' }).click();
    const share = bob.getByRole('dialog', { name: "Share Ana Berg's post" });
    await share.getByLabel('Say something about it (optional)').fill('Worth reading');
    await expectAccessible(bob, 'the share dialog');
    await share.getByRole('button', { name: 'Share' }).click();
    await bob.getByRole('status').filter({ hasText: 'Shared with the organization.' }).waitFor();
    await again.getByRole('button', { name: 'Share · 1' }).waitFor();
    await screenshot(bob, 'post-card');

    await ana.goto(`${server.url}/tags/launch`);
    await ana.getByRole('heading', { name: '#launch' }).waitFor();
    await ana.getByRole('button', { name: 'Follow this hashtag' }).click();
    await ana.getByRole('button', { name: 'Unfollow #launch' }).waitFor();
    await ana.getByText('You follow #launch: its posts are in your home feed.').waitFor();
    await ana.getByTestId('post').first().waitFor();
    await expectAccessible(ana, 'hashtag page');
    // "Post with #launch" starts a post with the tag in the home composer.
    await ana.getByRole('button', { name: 'Post with #launch' }).click();
    await ana.getByRole('heading', { name: /^Welcome, / }).waitFor();
    assert.equal(await ana.getByLabel('Share an update').inputValue(), '#launch ');
    await ana.getByLabel('Share an update').fill('');
  });

  test('mentions are suggested by name as one types; "only people I name" picks people by name', async () => {
    const ana = pages.ana;
    await ana.goto(server.url);
    const box = ana.getByLabel('Share an update');
    await box.click();
    await box.pressSequentially('Lunch, @Ek');
    const option = ana.getByRole('option', { name: /Bob Ek/ });
    await option.waitFor();
    assert.equal(await box.getAttribute('aria-activedescendant'), await option.getAttribute('id'));
    await expectAccessible(ana, 'the composer suggesting a mention');
    await ana.keyboard.press('Enter');
    assert.equal(await box.inputValue(), 'Lunch, @bob ');
    await box.pressSequentially('at noon?');
    await ana.getByLabel('Who can see it').selectOption('restricted');
    const picker = ana.getByRole('combobox', { name: 'People who may read it' });
    await picker.pressSequentially('bob');
    await ana.getByRole('option', { name: /Bob Ek/ }).waitFor();
    await ana.keyboard.press('ArrowDown');
    await ana.keyboard.press('Enter');
    await ana.getByRole('list', { name: 'People who may read it: chosen' }).getByText('Bob Ek').waitFor();
    await screenshot(ana, 'composer-named-people');
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = ana.getByTestId('post').filter({ hasText: 'at noon?' }).first();
    // The mention reads as the person's name; the author sees whom the post is for.
    assert.equal(await mine.locator('.post-body').getByRole('link', { name: 'Bob Ek' }).getAttribute('href'), '/people/bob');
    assert.equal(await mine.locator('.readers').innerText(), 'Only Bob Ek');
    assert.equal(await mine.locator('.readers').getByRole('link', { name: 'Bob Ek' }).getAttribute('href'), '/people/bob');
    await screenshot(ana, 'post-for-named-people');
  });

  test('two pictures of different shapes are cropped to one shape, side by side', async () => {
    const ana = pages.ana;
    await ana.goto(server.url);
    await ana.getByLabel('Share an update').fill('Wide and tall');
    await ana.locator('#composer-images').setInputFiles([
      { name: 'wide.png', mimeType: 'image/png', buffer: png(900, 400) },
      { name: 'tall.png', mimeType: 'image/png', buffer: png(400, 900) },
    ]);
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = ana.getByTestId('post').filter({ hasText: 'Wide and tall' }).first();
    await mine.locator('.post-images img').nth(1).waitFor();
    await ana.waitForFunction(() => [...document.querySelectorAll('.post-images.count-2 img')].slice(0, 2).every((i) => i.complete));
    const boxes = await mine.locator('.post-images img').evaluateAll((imgs) => imgs.map((i) => i.getBoundingClientRect().height));
    assert.equal(boxes.length, 2);
    assert.ok(Math.abs(boxes[0] - boxes[1]) < 1, `same height: ${boxes}`);
    await screenshot(ana, 'two-pictures');
  });

  test('a post with a described picture arrives with it', async () => {
    const ana = pages.ana;
    await ana.goto(server.url);
    await ana.getByLabel('Share an update').fill('Our new office');
    await ana.locator('#composer-images').setInputFiles({ name: 'office.png', mimeType: 'image/png', buffer: png(900, 600) });
    await ana.getByLabel('Describe image 1').fill('A sunny open-plan office');
    await expectAccessible(ana, 'composer with a picture');
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = ana.getByTestId('post').first();
    const img = mine.getByRole('img', { name: 'A sunny open-plan office' });
    await img.waitFor();
    await ana.waitForFunction(() => document.querySelector('.post-images img')?.naturalWidth === 640);

    const bob = pages.bob;
    await bob.goto(server.url);
    const post = bob.getByTestId('post').first();
    await post.getByRole('img', { name: 'A sunny open-plan office' }).waitFor();
    assert.match(await post.getByRole('link', { name: /A sunny open-plan office \(opens the full-size image\)/ }).getAttribute('href'), /\/api\/v1\/images\/\d+\/1600$/);
    await expectAccessible(bob, 'a post with a picture');
  });

  test('the composer states its limits before sending: a character count, pictures checked in the browser', async () => {
    const ana = pages.ana;
    await ana.goto(server.url);
    const box = ana.getByLabel('Share an update');
    await box.fill('Hello');
    await ana.getByText('5 of 5,000 characters').waitFor();
    await box.fill('x'.repeat(5003));
    await ana.getByText('3 characters too many (at most 5,000)').waitFor();
    assert.equal(await ana.getByRole('button', { name: 'Post', exact: true }).isDisabled(), true);
    await box.fill('x'.repeat(4990));
    assert.equal(await ana.getByRole('button', { name: 'Post', exact: true }).isDisabled(), false);
    // A GIF and a picture over 20 MB are refused before any upload, by name.
    const uploads = [];
    ana.on('request', (r) => { if (r.url().includes('/api/v1/images')) uploads.push(r.url()); });
    await ana.setInputFiles('#composer-images', [
      { name: 'cat.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') },
      { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(21 * 1024 * 1024) },
    ], { timeout: 60_000 });  // 21 MB through the DevTools protocol: slow when the machine is busy (it timed out at 15 s once)
    await ana.getByRole('alert').getByText('cat.gif cannot be posted: pictures can be JPEG, PNG, WebP or HEIC. huge.png is 21.0 MB; a picture can be at most 20 MB.').waitFor();
    assert.equal(await ana.getByRole('list', { name: 'Images to post' }).count(), 0);
    assert.deepEqual(uploads, []);
    // The error goes once a good picture is chosen.
    await ana.setInputFiles('#composer-images', [{ name: 'ok.png', mimeType: 'image/png', buffer: png(8, 8) }]);
    await ana.getByRole('list', { name: 'Images to post' }).waitFor();
    assert.equal(await ana.getByRole('alert').count(), 0);
    // A text file renamed .png goes at once with a sentence, not as a broken preview.
    await ana.setInputFiles('#composer-images', [{ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') }]);
    await ana.getByRole('alert').getByText('notes.png is not a picture that can be opened: is it a renamed file? Choose the picture itself.').waitFor();
    assert.equal(await ana.getByRole('list', { name: 'Images to post' }).locator('li').count(), 1, 'the good picture stays');
    assert.deepEqual(uploads, []);
    await box.fill('');
  });

  test('a draft waits across pages, focus returns to the box after posting, and the feed shows where posts will be while it loads', async () => {
    const ana = pages.ana;
    await ana.goto(server.url);
    await ana.getByLabel('Share an update').fill('Half a thought about the quarry');
    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await ana.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    assert.equal(await ana.getByLabel('Share an update').inputValue(), 'Half a thought about the quarry');
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    await ana.getByText('Half a thought about the quarry').first().waitFor();
    assert.equal(await ana.evaluate(() => document.activeElement?.id), 'composer-body');
    assert.equal(await ana.getByLabel('Share an update').inputValue(), '');
    // A slow feed: grey shapes and a status line until it answers.
    let release;
    const held = new Promise((r) => { release = r; });
    await ana.route('**/api/v1/feed**', async (route) => { await held; await route.continue(); });
    await ana.reload();
    await ana.getByTestId('feed-loading').waitFor();
    release();
    await ana.getByTestId('feed-loading').waitFor({ state: 'detached' });
    await ana.unroute('**/api/v1/feed**');
  });
  test('keyboard: j and k move between posts, n starts a new one; code and quotes are set apart', async () => {
    const ana = pages.ana;
    await ana.goto(server.url);
    await ana.getByLabel('Share an update').fill('Run `make test` first:\n\n```\nmake test\n```\n\n> and read the output');
    await ana.getByRole('button', { name: 'Post', exact: true }).click();
    const mine = ana.getByTestId('post').filter({ hasText: 'read the output' }).first();
    await mine.locator('pre code').waitFor();
    assert.notEqual(await mine.locator('pre').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)', 'a code block has its own background');
    await ana.locator('body').click({ position: { x: 5, y: 5 } });
    await ana.evaluate(() => document.activeElement?.blur());
    await ana.keyboard.press('j');
    const focusedPost = () => ana.evaluate(() => {
      const posts = [...document.querySelectorAll('main article.post:not(.shared)')];
      return posts.indexOf(document.activeElement);
    });
    assert.equal(await focusedPost(), 0);
    await ana.keyboard.press('j');
    assert.equal(await focusedPost(), 1);
    await ana.keyboard.press('k');
    assert.equal(await focusedPost(), 0);
    await ana.keyboard.press('n');
    assert.equal(await ana.evaluate(() => document.activeElement?.id), 'composer-body');
    assert.equal(await ana.getByLabel('Share an update').inputValue(), '', 'the key is not typed');
  });
});

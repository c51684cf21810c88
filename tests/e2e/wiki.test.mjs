// The wiki in the browser: Ana starts a space and writes a page with a link to a page that
// does not exist yet, which Bo follows to write it; Ana and Bo edit the same page at once:
// Bo's save merges, then Ana's overlapping one meets the conflict screen (both versions side
// by side), which she resolves and saves; the history shows the words that changed, and an
// old revision is restored; Bo follows the space, sees "Ana Berg is editing this page" while
// she edits, and finds her change as one item in his home feed. axe-core clean on every page;
// the conflict screen and the feed at a phone's width without sideways scrolling.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible, launchChromium, screenshot, signedInPage } from '../support/browser.mjs';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('the wiki in the browser', () => {
  let server;
  let browser;
  const pages = {};
  let clients;
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ clients } = await addPeople(server, admin, [['ana', 'member', 'Ana Berg'], ['bo', 'member', 'Bo Ek']]));
    browser = await launchChromium();
    for (const who of ['ana', 'bo']) pages[who] = await signedInPage(browser, server, who);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a space, a page, a missing link written from the link, the tree and its breadcrumbs', async () => {
    const { ana, bo } = pages;
    await ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wiki' }).click();
    await ana.getByRole('heading', { name: 'Wiki', level: 1 }).waitFor();
    await ana.getByText('No wiki spaces yet.').waitFor();
    await ana.getByRole('button', { name: 'Start a wiki space' }).click();
    await ana.getByLabel('Name', { exact: true }).fill('Team Handbook');
    assert.equal(await ana.getByLabel('Handle (its address)').inputValue(), 'team-handbook');
    await expectAccessible(ana, 'the wiki spaces with the form');
    await ana.getByRole('button', { name: 'Create the space' }).click();
    await ana.getByRole('heading', { name: 'Team Handbook', level: 1 }).waitFor();
    await ana.getByRole('link', { name: 'New page' }).click();
    await ana.getByRole('heading', { name: 'New page', level: 1 }).waitFor();
    await ana.getByLabel('Title').fill('Onboarding');
    await ana.getByLabel('Text (Markdown)').fill('# Welcome\n\nStart with [[Laptop setup]].\n\n## Your first week\n\nMeet the team.');
    await ana.getByRole('button', { name: 'Preview' }).click();
    await ana.locator('.entry-preview a', { hasText: 'Laptop setup' }).waitFor();
    await expectAccessible(ana, 'the page editor with its preview');
    await screenshot(ana, 'wiki-editor');
    await ana.getByRole('button', { name: 'Create the page' }).click();
    await ana.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await ana.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Your first week' }).waitFor();
    // A review date already come: the page is on the space's "Needs review" list.
    await ana.getByLabel('Look at this page again by').fill(new Date(Date.now() - 86400000).toISOString().slice(0, 10));
    await ana.getByRole('button', { name: 'Set the date' }).click();
    await ana.getByText(/^To be reviewed by/).waitFor();
    await expectAccessible(ana, 'a wiki page');
    await screenshot(ana, 'wiki-page');

    // Bo follows the missing link and writes the page it names.
    await bo.goto(`${server.url}/wiki/team-handbook/onboarding`);
    await bo.getByRole('link', { name: 'Laptop setup' }).click();
    await bo.getByRole('heading', { name: 'New page', level: 1 }).waitFor();
    assert.equal(await bo.getByLabel('Title').inputValue(), 'Laptop setup');
    await bo.getByLabel('Text (Markdown)').fill('Install the VPN first.');
    await bo.getByRole('button', { name: 'Create the page' }).click();
    await bo.getByRole('heading', { name: 'Laptop setup', level: 1 }).waitFor();
    await bo.getByRole('link', { name: '1 page links here' }).click();
    await bo.getByRole('heading', { name: 'What links to “Laptop setup”', level: 1 }).waitFor();
    await bo.getByRole('listitem').getByRole('link', { name: 'Onboarding' }).waitFor();
    await expectAccessible(bo, 'what links here');
    // The space's tree lists both pages.
    await bo.goto(`${server.url}/wiki/team-handbook`);
    for (const title of ['Team Handbook', 'Onboarding', 'Laptop setup']) await bo.getByRole('link', { name: title, exact: true }).waitFor();
    await expectAccessible(bo, 'a wiki space');
    await screenshot(bo, 'wiki-space');
    // Both pages were read today: the most read tab counts readers per day.
    await bo.getByRole('tab', { name: 'Most read' }).click();
    await bo.getByRole('tabpanel').getByRole('link', { name: 'Onboarding' }).waitFor();
    await bo.getByRole('tabpanel').getByText('2 views').waitFor();
    await expectAccessible(bo, 'a wiki space\'s most read pages');
    await bo.getByRole('tab', { name: 'Needs review' }).click();
    await bo.getByRole('tabpanel').getByRole('link', { name: 'Onboarding' }).waitFor();
  });

  test('two people edit the same page: one merges, the other resolves a conflict side by side; history and restore', async () => {
    const { ana, bo } = pages;
    const address = `${server.url}/wiki/team-handbook/onboarding/edit`;
    await ana.goto(address);
    await bo.goto(address);
    const body = (p) => p.getByLabel('Text (Markdown)');
    await body(ana).waitFor();
    await body(bo).waitFor();
    // Bo changes the first heading; Ana, from the same revision, changes the last line and the heading.
    await body(bo).fill('# Welcome aboard\n\nStart with [[Laptop setup]].\n\n## Your first week\n\nMeet the team.');
    await bo.getByRole('button', { name: 'Save' }).click();
    await bo.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await body(ana).fill('# Welcome, new colleague\n\nStart with [[Laptop setup]].\n\n## Your first week\n\nMeet the whole team.');
    await ana.getByLabel('What you changed').fill('Warmer welcome');
    await ana.getByRole('button', { name: 'Save' }).click();
    const conflict = ana.getByTestId('wiki-conflict');
    await conflict.getByRole('heading', { name: 'Someone changed the same passages' }).waitFor();
    await conflict.getByText('Welcome aboard').waitFor();
    await conflict.getByText('Welcome, new colleague').waitFor();
    await expectAccessible(ana, 'the conflict screen');
    await screenshot(ana, 'wiki-conflict');
    // Ana keeps her heading, and the merged line stays hers.
    await conflict.getByRole('button', { name: 'Use yours' }).click();
    const result = conflict.getByLabel('What the page will say here');
    assert.match(await result.inputValue(), /Welcome, new colleague/);
    await result.fill('# Welcome aboard, new colleague\n');
    await conflict.getByRole('button', { name: 'Save the resolved page' }).click();
    await ana.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await ana.getByRole('heading', { name: 'Welcome aboard, new colleague' }).waitFor();
    await ana.getByText('Meet the whole team.').waitFor();

    // The history: three revisions; what Ana's resolution changed; restoring the first.
    await ana.getByRole('link', { name: 'History' }).click();
    await ana.getByRole('heading', { name: 'History of “Onboarding”', level: 1 }).waitFor();
    const revisions = ana.getByTestId('wiki-revision');
    await revisions.nth(2).waitFor();  // the list loads after the heading
    assert.equal(await revisions.count(), 3);
    await revisions.first().getByRole('button', { name: 'What changed' }).click();
    await ana.locator('.wiki-diff ins', { hasText: 'new colleague' }).first().waitFor();
    await expectAccessible(ana, 'a page\'s history with a diff');
    await screenshot(ana, 'wiki-history');
    // Who wrote what: the heading is Ana's resolution (revision 3), the first line still hers.
    await ana.getByRole('button', { name: 'Who wrote what' }).click();
    const paragraphs = ana.getByTestId('blame-paragraph');
    await paragraphs.filter({ hasText: 'Welcome aboard, new colleague' }).getByText(/^Revision 3 · Ana Berg/).waitFor();
    await paragraphs.filter({ hasText: 'Start with [[Laptop setup]].' }).getByText(/^Revision 1 · Ana Berg/).waitFor();
    await expectAccessible(ana, 'who wrote what');
    await screenshot(ana, 'wiki-blame');
    await revisions.last().getByRole('button', { name: 'Restore this revision' }).click();
    await ana.getByRole('dialog').getByRole('button', { name: 'Restore this revision' }).click();
    await ana.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await ana.getByRole('heading', { name: 'Welcome', exact: true }).waitFor();

    // A conflict on a phone: Ana begins an edit there, Bo saves the same heading first.
    const phone = await signedInPage(browser, server, 'ana', { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    await phone.goto(address);
    await phone.getByLabel('Text (Markdown)').fill('# Welcome from a phone\n\nStart with [[Laptop setup]].\n\n## Your first week\n\nMeet the team.');
    await bo.goto(address);
    await body(bo).fill('# Welcome, Bo says\n\nStart with [[Laptop setup]].\n\n## Your first week\n\nMeet the team.');
    await bo.getByRole('button', { name: 'Save' }).click();
    await bo.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await phone.getByRole('button', { name: 'Save' }).click();
    await phone.getByTestId('wiki-conflict').waitFor();
    const [doc, view] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(doc <= view, `the conflict screen at 390 px is ${doc} px wide`);
    await expectAccessible(phone, 'the conflict screen on a phone');
    await screenshot(phone, 'wiki-conflict-phone');
    await phone.close();

  });

  test('Bo follows the space and sees Ana editing; her change is one item in his home feed, leading to its diff', async () => {
    const { ana, bo } = pages;
    await bo.goto(`${server.url}/wiki/team-handbook`);
    const follow = bo.getByRole('button', { name: 'Follow this space' });
    assert.equal(await follow.getAttribute('aria-pressed'), 'false');
    await follow.click();
    await bo.getByText('Changes in this space will show in your feed and notifications.').waitFor();
    assert.equal(await follow.getAttribute('aria-pressed'), 'true');

    await bo.goto(`${server.url}/wiki/team-handbook/laptop-setup`);
    await bo.getByRole('heading', { name: 'Laptop setup', level: 1 }).waitFor();
    assert.equal(await bo.getByRole('button', { name: 'Watch this page' }).getAttribute('aria-pressed'), 'true', 'he wrote it');
    await ana.goto(`${server.url}/wiki/team-handbook/laptop-setup/edit`);
    await ana.getByLabel('Text (Markdown)').waitFor();
    const editing = bo.getByTestId('wiki-editing');
    await editing.getByText('Ana Berg is editing this page').waitFor();
    await expectAccessible(bo, 'a wiki page while someone edits it');
    await screenshot(bo, 'wiki-page-editing');
    await ana.getByLabel('Text (Markdown)').fill('Install the VPN first.\n\nThen ask for a parking card.');
    await ana.getByLabel('What you changed').fill('Parking cards');
    await ana.getByRole('button', { name: 'Save' }).click();
    await ana.getByRole('heading', { name: 'Laptop setup', level: 1 }).waitFor();
    await editing.getByText('Ana Berg is editing this page').waitFor({ state: 'detached' });

    // Home: one item for her editing session, on a phone too.
    const phone = await signedInPage(browser, server, 'bo', { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    await phone.goto(`${server.url}/`);
    const card = phone.getByTestId('feed-wiki-change').filter({ hasText: 'Laptop setup' });
    await card.getByText('Ana Berg changed a page in Team Handbook').waitFor();
    await card.getByText('Parking cards').waitFor();
    assert.equal(await card.filter({ hasText: 'Ana Berg' }).count(), 1, 'one item for her session');
    const [doc, view] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(doc <= view, `the home feed at 390 px is ${doc} px wide`);
    await expectAccessible(phone, 'the home feed with a wiki change');
    await screenshot(phone, 'wiki-change-in-feed-phone');
    await card.getByRole('link', { name: 'See what changed' }).click();
    await phone.locator('.wiki-diff ins', { hasText: 'parking' }).first().waitFor();
    await phone.close();

    // Her change is Bo's notification too (he watches the page he wrote).
    const notes = (await clients.bo.get('/api/v1/notifications')).json.items;
    assert.ok(notes.some((n) => n.kind === 'wiki_change' && n.snippet === 'Laptop setup'), JSON.stringify(notes));
    await bo.goto(`${server.url}/notifications`);
    await bo.getByText('Ana Berg changed a wiki page you watch').first().waitFor();
  });

  test('a page and its subpages as a PDF, the whole space as an EPUB, downloaded from the browser', async () => {
    const { ana } = pages;
    await ana.goto(`${server.url}/wiki/team-handbook/onboarding`);
    await ana.getByText('Download as a book').click();
    await ana.getByLabel('This page', { exact: true }).check();
    const [pdf] = await Promise.all([ana.waitForEvent('download'), ana.getByRole('button', { name: 'PDF' }).click()]);
    assert.equal(pdf.suggestedFilename(), 'onboarding.pdf');
    await ana.getByRole('status').filter({ hasText: 'Downloaded onboarding.pdf.' }).waitFor();
    await expectAccessible(ana, 'a page with its book choices open');
    await screenshot(ana, 'wiki-book-choices');
    await ana.goto(`${server.url}/wiki/team-handbook`);
    await ana.getByText('Download as a book').click();
    const [epub] = await Promise.all([ana.waitForEvent('download'), ana.getByRole('button', { name: 'EPUB (e-readers)' }).click()]);
    assert.equal(epub.suggestedFilename(), 'team-handbook.epub');
  });

  test('Ana attaches a file to a page from the editor; Bo finds it under the page on his phone and downloads it', async () => {
    const { ana } = pages;
    await ana.goto(`${server.url}/wiki/team-handbook/onboarding/edit`);
    const body = ana.getByLabel('Text (Markdown)');
    await body.waitFor();
    await body.fill('Where everyone sits: ');
    await body.press('End');
    // The button opens the file chooser (the input itself is hidden from keyboards and readers).
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const [chooser] = await Promise.all([ana.waitForEvent('filechooser'), ana.getByRole('button', { name: 'Attach a file' }).click()]);
    await chooser.setFiles({ name: 'Seating plan [2027].pdf', mimeType: 'application/pdf', buffer: pdf });
    await ana.waitForFunction(() => /\(\/api\/v1\/files\/\d+\/Seating%20plan%20%5B2027%5D\.pdf\)/.test(document.querySelector('textarea')?.value ?? ''));
    assert.match(await body.inputValue(), /^Where everyone sits: \[Seating plan 2027\.pdf\]\(\/api\/v1\/files\/\d+\//);
    await expectAccessible(ana, 'the editor after attaching a file');
    await screenshot(ana, 'wiki-editor-attached');
    // Too large a file is refused before it is sent, in words.
    const [again] = await Promise.all([ana.waitForEvent('filechooser'), ana.getByRole('button', { name: 'Attach a file' }).click()]);
    const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-'));
    writeFileSync(join(dir, 'huge.iso'), Buffer.alloc(51 * 1024 * 1024));
    await again.setFiles(join(dir, 'huge.iso'));
    await ana.getByText('huge.iso is larger than 50 MB').waitFor();
    rmSync(dir, { recursive: true });
    await ana.getByLabel('What you changed').fill('Seating plan');
    await ana.getByRole('button', { name: 'Save' }).click();
    await ana.getByRole('heading', { name: 'Onboarding', level: 1 }).waitFor();
    await ana.getByRole('heading', { name: '1 attached file' }).waitFor();
    // Bo, on a phone: the file under the page, downloaded by its name.
    const phone = await signedInPage(browser, server, 'bo', { viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
    await phone.goto(`${server.url}/wiki/team-handbook/onboarding`);
    const list = phone.getByRole('region', { name: '1 attached file' });
    await list.waitFor();
    const [download] = await Promise.all([phone.waitForEvent('download'), list.getByRole('link', { name: 'Seating plan [2027].pdf' }).click()]);
    assert.equal(download.suggestedFilename(), 'Seating plan [2027].pdf');
    const [doc, view] = await phone.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(doc <= view, `the page with its files at 390 px is ${doc} px wide`);
    await expectAccessible(phone, 'a page with an attached file on a phone');
    await list.scrollIntoViewIfNeeded();
    await screenshot(phone, 'wiki-attachments-phone');
    await phone.close();
  });

  test('Ana imports a MediaWiki export into her space and follows it to its report', async () => {
    const { ana } = pages;
    const xml = `<mediawiki><page><title>Old runbook</title><ns>0</ns>
      <revision><timestamp>2018-01-01T00:00:00Z</timestamp><contributor><username>Ana Berg</username></contributor><text>'''Restart''' the [[Old service]].</text></revision>
      <revision><timestamp>2018-02-01T00:00:00Z</timestamp><contributor><username>Someone Gone</username></contributor><comment>more</comment><text>'''Restart''' the [[Old service]] twice.</text></revision>
    </page><page><title>Old service</title><ns>0</ns>
      <revision><timestamp>2018-01-02T00:00:00Z</timestamp><contributor><username>Ana Berg</username></contributor><text>It runs.</text></revision>
    </page></mediawiki>`;
    await ana.goto(`${server.url}/wiki/team-handbook`);
    await ana.getByText('Import pages').click();
    await ana.getByLabel('File (.xml or .zip)').setInputFiles({ name: 'old-wiki.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await ana.getByRole('button', { name: 'Import', exact: true }).click();
    await ana.getByText('2 pages made, with 3 revisions.').waitFor({ timeout: 20000 });
    await ana.getByText('Someone Gone').waitFor();
    await expectAccessible(ana, 'an import\'s report');
    await screenshot(ana, 'wiki-import-report');
    await ana.getByRole('tabpanel').getByRole('link', { name: 'Old runbook' }).click();
    await ana.getByRole('heading', { name: 'Old runbook', level: 1 }).waitFor();
    await ana.locator('.wiki-body strong', { hasText: 'Restart' }).waitFor();
    await ana.locator('.wiki-body a', { hasText: 'Old service' }).waitFor();
  });

  test('a community\'s Wiki tab: its owner starts the wiki, its members write in it', async () => {
    const { ana } = pages;
    const made = await clients.ana.post('/api/v1/communities', { name: 'Data Guild', handle: 'data-guild', type: 'open' });
    assert.equal(made.status, 201, made.text);
    await ana.goto(`${server.url}/communities/data-guild#wiki`);
    await ana.getByRole('tab', { name: 'Wiki', selected: true }).waitFor();
    await ana.getByRole('button', { name: 'Start the wiki' }).click();
    await ana.getByRole('heading', { name: 'Data Guild', level: 3 }).waitFor();
    await expectAccessible(ana, 'a community\'s Wiki tab');
    await ana.getByRole('tabpanel').getByRole('link', { name: 'New page' }).click();
    await ana.getByLabel('Title').fill('Our datasets');
    await ana.getByLabel('Text (Markdown)').fill('Where the data lives.');
    await ana.getByRole('button', { name: 'Create the page' }).click();
    await ana.getByRole('heading', { name: 'Our datasets', level: 1 }).waitFor();
    const space = (await clients.ana.get('/api/v1/wiki/spaces/data-guild-wiki')).json;
    assert.equal(space.kind, 'community');
  });
});

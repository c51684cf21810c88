// Moving pages from another wiki: a MediaWiki XML export (its wikitext converted by pandoc,
// every revision with its author matched to a person here or named in the summary, its time
// kept; subpages in the tree; redirects as old names; other namespaces left out, said in the
// report) and a zip of Markdown files (folders as the tree, links between files as [[links]]);
// progress followed to the report; only the space's owners import.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPeople, assertProblem, eventually, setupAdmin, startServer } from '../support/server.mjs';

const EXPORT = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">
  <siteinfo><sitename>Old Wiki</sitename></siteinfo>
  <page>
    <title>Release process</title><ns>0</ns><id>1</id>
    <revision><id>10</id><timestamp>2019-03-01T10:00:00Z</timestamp><contributor><username>Ana Berg</username><id>5</id></contributor>
      <comment>First draft</comment><model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">== Steps ==
Tag the '''release''' and see [[Release process/Checklist]].</text></revision>
    <revision><id>11</id><timestamp>2020-06-01T09:30:00Z</timestamp><contributor><username>Old Timer</username><id>6</id></contributor>
      <comment>Mention testing</comment><model>wikitext</model><format>text/x-wiki</format>
      <text xml:space="preserve">== Steps ==
Tag the '''release''', test it, and see [[Release process/Checklist|the checklist]].

* one &amp; two
[[Category:Engineering]]</text></revision>
  </page>
  <page>
    <title>Release process/Checklist</title><ns>0</ns><id>2</id>
    <revision><id>20</id><timestamp>2019-03-02T10:00:00Z</timestamp><contributor><ip>10.0.0.1</ip></contributor>
      <model>wikitext</model><format>text/x-wiki</format><text xml:space="preserve">{| class="wikitable"
! Step !! Who
|-
| Tag || Ana
|}</text></revision>
  </page>
  <page><title>Releases</title><ns>0</ns><id>3</id><redirect title="Release process" />
    <revision><id>30</id><timestamp>2019-03-03T10:00:00Z</timestamp><contributor><username>Ana Berg</username></contributor>
      <text xml:space="preserve">#REDIRECT [[Release process]]</text></revision></page>
  <page><title>Talk:Release process</title><ns>1</ns><id>4</id>
    <revision><id>40</id><timestamp>2019-03-04T10:00:00Z</timestamp><contributor><username>Ana Berg</username></contributor>
      <text xml:space="preserve">Chatter</text></revision></page>
</mediawiki>`;

describe('wiki imports', () => {
  let server;
  let p;
  let c;
  let dir;

  const upload = (who, space, format, bytes, type) =>
    fetch(`${server.url}/api/v1/wiki/spaces/${space}/imports?format=${format}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c[who].token}`, 'Content-Type': type },
      body: bytes,
    });
  const finished = async (who, id) => {
    let job;
    assert.ok(await eventually(async () => {
      job = (await c[who].get(`/api/v1/wiki/imports/${id}`)).json;
      return job.state === 'done' || job.state === 'failed';
    }, 30000), JSON.stringify(job));
    return job;
  };
  const page = async (space, slug) => (await c.ana.get(`/api/v1/wiki/spaces/${space}/pages/${slug}`)).json;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-import-'));
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [['ana_berg', 'member', 'Ana Berg'], ['bo', 'member', 'Bo Ek']]));
    for (const who of ['ana_berg', 'bo']) {
      const t = await c[who].post('/api/v1/auth/tokens', { name: 'import' });
      c[who].token = t.json.token;
    }
    c.ana = c.ana_berg;
    assert.equal((await c.ana.post('/api/v1/wiki/spaces', { name: 'Engineering', handle: 'eng' })).status, 201);
    assert.equal((await c.ana.post('/api/v1/wiki/spaces', { name: 'Docs', handle: 'docs' })).status, 201);
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a MediaWiki export with its history, subpages, redirects, and a report', async () => {
    const r = await upload('ana', 'eng', 'mediawiki', EXPORT, 'application/xml');
    assert.equal(r.status, 202, await r.clone().text());
    const started = await r.json();
    const job = await finished('ana', started.id);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.report.pages, 2);
    assert.equal(job.report.revisions, 3);
    assert.equal(job.report.redirects, 1);
    assert.deepEqual(job.report.unknown_people.sort(), ['10.0.0.1', 'Old Timer']);
    assert.ok(job.report.left_out.some((s) => s.startsWith('Talk:Release process')), JSON.stringify(job.report));

    const release = await page('eng', 'release-process');
    assert.equal(release.revision, 2);
    assert.match(release.body, /^## Steps/m);
    assert.match(release.body, /Tag the \*\*release\*\*, test it, and see \[\[Release process\/Checklist\|the checklist\]\]\./);
    assert.match(release.body, /^-\s+one & two/m);
    assert.match(release.body, /#engineering/);
    assert.match(release.html, /href="\/wiki\/eng\/release-process-checklist"/, 'the link leads to the imported page');
    const history = (await c.ana.get(`/api/v1/wiki/pages/${release.id}/revisions`)).json.items;
    assert.deepEqual(history.map((h) => [h.number, h.author.handle, h.created_at, h.summary]), [
      [2, p.ana_berg.handle, '2020-06-01T09:30:00.000Z', '(Old Timer) Mention testing'],
      [1, p.ana_berg.handle, '2019-03-01T10:00:00.000Z', 'First draft'],
    ]);
    const checklist = await page('eng', 'release-process-checklist');
    assert.equal(checklist.parent_id, release.id, 'a subpage goes below its page');
    assert.match(checklist.body, /\| Step +\| Who +\|/);
    assert.match(checklist.html, /<table>/);
    const redirected = await page('eng', 'releases');
    assert.equal(redirected.id, release.id);
    assert.equal(redirected.redirected_from, 'releases');
    // Search finds imported pages.
    assert.ok(await eventually(async () => (await c.bo.get('/api/v1/search?q=checklist&kind=wiki_page')).json.items?.length > 0, 10000));

    // Again: the titles are taken; nothing is made twice.
    const again = await finished('ana', (await (await upload('ana', 'eng', 'mediawiki', EXPORT, 'application/xml')).json()).id);
    assert.equal(again.report.pages, 0);
    assert.equal(again.report.skipped.length, 2);
    assert.match(again.report.skipped[0], /the space has a page of that title/);
  });

  test('a zip of Markdown files: folders as the tree, links between files as links', async () => {
    const root = join(dir, 'md');
    mkdirSync(join(root, 'guide', 'deep'), { recursive: true });
    writeFileSync(join(root, 'guide.md'), '# The guide\n\nStart with [setup](guide/setup.md) and the [FAQ](faq.md#top).\n');
    writeFileSync(join(root, 'guide', 'setup.md'), '---\ntitle: Setting up\n---\nInstall things. Back to [the guide](../guide.md).\n');
    writeFileSync(join(root, 'guide', 'deep', 'more.md'), 'Deeper text.\n');
    writeFileSync(join(root, 'faq.md'), 'Questions.\n');
    writeFileSync(join(root, 'logo.png'), 'not markdown');
    utimesSync(join(root, 'faq.md'), new Date('2021-05-05T12:00:00Z'), new Date('2021-05-05T12:00:00Z'));
    const zip = join(dir, 'md.zip');
    execFileSync('python3', ['-c', `import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1], 'w')
for base, _, files in os.walk(sys.argv[2]):
    for f in files:
        full = os.path.join(base, f)
        z.write(full, os.path.relpath(full, sys.argv[2]))
z.close()`, zip, root]);
    const r = await upload('ana', 'docs', 'markdown', readFileSync(zip), 'application/zip');
    assert.equal(r.status, 202);
    const job = await finished('ana', (await r.json()).id);
    assert.equal(job.state, 'done', JSON.stringify(job));
    assert.equal(job.report.pages, 5, JSON.stringify(job.report));  // four files and the folder "deep"
    assert.deepEqual(job.report.left_out, ['logo.png: not a Markdown file']);
    const guide = await page('docs', 'the-guide');
    assert.equal(guide.body.trim(), 'Start with [[Setting up|setup]] and the [[Faq#top|FAQ]].');
    const setup = await page('docs', 'setting-up');
    assert.equal(setup.parent_id, guide.id);
    assert.match(setup.body, /Back to \[\[The guide\|the guide\]\]/);
    const deep = await page('docs', 'deep');
    assert.equal(deep.parent_id, guide.id);
    assert.equal((await page('docs', 'more')).parent_id, deep.id);
    const faq = await page('docs', 'faq');
    assert.equal(faq.created_at, '2021-05-05T12:00:00.000Z');
  });

  test('only owners import; bad files are refused with a reason', async () => {
    assert.equal((await upload('bo', 'eng', 'mediawiki', EXPORT, 'application/xml')).status, 403);
    const bad = await finished('ana', (await (await upload('ana', 'eng', 'mediawiki', '<html><body>no</body></html>', 'application/xml')).json()).id);
    assert.equal(bad.state, 'failed');
    assert.equal(bad.error.field, 'file');
    const notZip = await finished('ana', (await (await upload('ana', 'docs', 'markdown', 'plain text', 'application/zip')).json()).id);
    assert.equal(notZip.state, 'failed');
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces/eng/imports?format=word', {}, { contract: false }), 422, { field: 'format' });
    assert.equal((await c.bo.get('/api/v1/wiki/imports/1-nothing')).status, 404);
  });
});

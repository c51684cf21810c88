// Wiki pages as books: a page and the pages below it as PDF (weasyprint, read back with
// pdftotext: the title page, the contents, the pages in the tree's order), a whole space as
// EPUB 3 (checked by Debian's epubcheck; links between its pages go to their chapters), an
// image from elsewhere never fetched, and the audience rule on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

describe('wiki books', () => {
  let server;
  let p;
  let c;
  let dir;
  let outside;
  let outsideHits = 0;
  const pages = {};

  // The raw bytes of an export (the client's JSON helpers do not apply).
  const download = async (who, path) => {
    const r = await fetch(server.url + path, { headers: { Authorization: `Bearer ${c[who].token}`, Cookie: c[who].cookie } });
    return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), bytes: Buffer.from(await r.arrayBuffer()) };
  };
  const write = (name, bytes) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const zipEntry = (file, name) =>
    execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, name], { encoding: 'utf8' });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-books-'));
    outside = createServer((req, res) => { outsideHits++; res.end(); });
    await new Promise((r) => outside.listen(0, '127.0.0.1', r));
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [['ana', 'member', 'Ana Writer'], ['gus', 'guest', 'Gus Guest']]));
    assert.equal((await c.ana.post('/api/v1/wiki/spaces', { name: 'Culture Book 2026', handle: 'culture', description: 'Our stories' })).status, 201);
    const add = async (title, body, parent) => {
      const r = await c.ana.post('/api/v1/wiki/spaces/culture/pages', { title, body, ...(parent ? { parent: pages[parent].id } : {}) });
      assert.equal(r.status, 201, r.text);
      pages[title] = r.json;
    };
    await add('Guide', '# Why we write\n\nRead [[Setup]] first, then [[Rules#keep-it-short|the rules]]. [[Nowhere]] is not written yet.\n');
    const photo = await c.ana.request('POST', '/api/v1/images?alt=Team%20photo', { raw: png(120, 80), headers: { 'Content-Type': 'image/png' } });
    assert.equal(photo.status, 201, photo.text);
    pages.photo = photo.json;
    await add('Setup', `Setup text.\n\n![Logo](http://127.0.0.1:${outside.address().port}/logo.png)\n\n![Team photo](${photo.json.url})\n`, 'Guide');
    await add('VPN', 'VPN text: see [the manual](https://example.com/vpn).\n', 'Setup');
    await add('Rules', '## Keep it short\n\nRules text.\n', 'Guide');
  });
  after(async () => {
    await server.stop();
    outside.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a page and the pages below it as PDF: title page, contents, the tree in order, nothing fetched', async () => {
    const r = await download('ana', `/api/v1/wiki/pages/${pages.Guide.id}/export?format=pdf&scope=subtree`);
    assert.equal(r.status, 200, r.bytes.toString().slice(0, 300));
    assert.equal(r.type, 'application/pdf');
    assert.match(r.disposition, /^attachment; .*filename\*=UTF-8''guide\.pdf$/);
    assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
    const text = execFileSync('pdftotext', ['-layout', write('guide.pdf', r.bytes), '-'], { encoding: 'utf8' });
    const at = (s) => {
      const i = text.indexOf(s);
      assert.ok(i >= 0, `"${s}" in the PDF:\n${text.slice(0, 2000)}`);
      return i;
    };
    assert.ok(at('Contents') < at('Why we write'), 'the contents come before the pages');
    assert.ok(at('Why we write') < at('Setup text.'));
    assert.ok(at('Setup text.') < at('VPN text'));
    assert.ok(at('VPN text') < at('Rules text.'), 'depth first: VPN (below Setup) before Rules');
    at('From the Culture Book 2026 wiki');
    at('Logo');
    at('Nowhere is not written yet');
    assert.equal(outsideHits, 0, 'the outside image was never fetched');
    const images = execFileSync('pdfimages', ['-list', join(dir, 'guide.pdf')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(images.length, 1, 'the page\'s own picture is in the PDF');
    assert.match(images[0], /\s120\s+80\s/);
    // The page alone.
    const one = await download('ana', `/api/v1/wiki/pages/${pages.Guide.id}/export?format=pdf`);
    const alone = execFileSync('pdftotext', [write('one.pdf', one.bytes), '-'], { encoding: 'utf8' });
    assert.ok(alone.includes('Why we write') && !alone.includes('Setup text.'));
  });

  test('a whole space as EPUB 3 that epubcheck passes, its links between pages kept', async () => {
    const r = await download('ana', '/api/v1/wiki/spaces/culture/export?format=epub');
    assert.equal(r.status, 200, r.bytes.toString().slice(0, 300));
    assert.equal(r.type, 'application/epub+zip');
    // The OCF container: "mimetype" first, stored, holding the media type.
    assert.equal(r.bytes.subarray(30, 38).toString(), 'mimetype');
    assert.equal(r.bytes.readUInt16LE(8), 0, 'stored, not compressed');
    const file = write('culture.epub', r.bytes);
    try {
      execFileSync('java', ['-jar', '/usr/share/java/epubcheck.jar', '--quiet', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      assert.fail(`epubcheck: ${e.stdout}${e.stderr}`);
    }
    const nav = zipEntry(file, 'OEBPS/nav.xhtml');
    const order = ['Culture Book 2026', 'Guide', 'Setup', 'VPN', 'Rules'].map((t) => nav.indexOf(`>${t}</a>`));
    assert.ok(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1])), nav);
    assert.match(nav, /<li><a href="p\d+\.xhtml">Setup<\/a><ol><li><a href="p\d+\.xhtml">VPN<\/a><\/li><\/ol><\/li>/);
    const guide = zipEntry(file, `OEBPS/p${pages.Guide.id}.xhtml`);
    assert.ok(guide.includes(`<a href="p${pages.Setup.id}.xhtml">Setup</a>`), guide);
    assert.ok(guide.includes(`<a href="p${pages.Rules.id}.xhtml#keep-it-short">the rules</a>`), guide);
    assert.ok(guide.includes('<span>Nowhere</span>'), 'a missing page is plain words');
    assert.ok(zipEntry(file, `OEBPS/p${pages.VPN.id}.xhtml`).includes('<a href="https://example.com/vpn">the manual</a>'));
    const setup = zipEntry(file, `OEBPS/p${pages.Setup.id}.xhtml`);
    assert.ok(setup.includes(`<img src="images/img-${pages.photo.id}.jpg" alt="Team photo" />`), setup);
    assert.match(zipEntry(file, 'OEBPS/content.opf'), new RegExp(`href="images/img-${pages.photo.id}.jpg" media-type="image/jpeg"`));
    assert.equal(outsideHits, 0);
  });

  test('the audience rule, and clear errors', async () => {
    assert.equal((await download('gus', `/api/v1/wiki/pages/${pages.Guide.id}/export?format=pdf`)).status, 404);
    assert.equal((await download('gus', '/api/v1/wiki/spaces/culture/export?format=epub')).status, 404);
    assertProblem(assert, await c.ana.get(`/api/v1/wiki/pages/${pages.Guide.id}/export?format=docx`, { contract: false }), 422, { field: 'format' });
    assertProblem(assert, await c.ana.get(`/api/v1/wiki/pages/${pages.Guide.id}/export?format=pdf&scope=all`, { contract: false }), 422, { field: 'scope' });
    assert.equal((await download('ana', '/api/v1/wiki/pages/123/export?format=epub')).status, 404);
  });
});

// The wiki: spaces with a home page, pages in a tree, [[links]] shown as missing until their
// page is written, saves that name their base revision (a clean three-way merge, a conflict
// with its passages, resolving it), 50 writers saving the same page at once with no change
// lost, history, diffs with the changed words, restoring, renaming with redirects, "what
// links here" and broken links kept exact through renames and deletions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { png } from '../support/images.mjs';

describe('wiki', () => {
  let server;
  let p;
  let c;

  const newPage = async (client, space, title, body, extra = {}) => {
    const r = await client.post(`/api/v1/wiki/spaces/${space}/pages`, { title, body, ...extra });
    assert.equal(r.status, 201, r.text);
    return r.json;
  };
  const save = (client, page, body, base, summary = '') =>
    client.post(`/api/v1/wiki/pages/${page.id ?? page}/revisions`, { body, base_revision: base, summary });

  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Writer'], ['bo', 'member', 'Bo Writer'], ['gus', 'guest', 'Gus Guest'],
    ]));
    const r = await c.ana.post('/api/v1/wiki/spaces', { name: 'Handbook', handle: 'handbook', description: 'How we work' });
    assert.equal(r.status, 201, r.text);
  });
  after(() => server.stop());

  test('a space has a home page; its fields are checked; the organization edits it, a guest does not see it', async () => {
    const space = (await c.bo.get('/api/v1/wiki/spaces/handbook')).json;
    assert.equal(space.kind, 'organization');
    assert.equal(space.page_count, 1);
    assert.equal(space.can_edit, true);
    assert.equal(space.can_manage, false);
    const home = await c.bo.get(`/api/v1/wiki/pages/${space.home_page}`);
    assert.equal(home.status, 200, home.text);
    assert.equal(home.json.title, 'Handbook');
    assert.match(home.json.html, /How we work/);
    assertProblem(assert, await c.gus.get('/api/v1/wiki/spaces/handbook'), 404);
    assertProblem(assert, await c.gus.post('/api/v1/wiki/spaces', { name: 'X', handle: 'guest-space' }), 403);
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces', { name: 'X', handle: 'handbook' }), 409, { field: 'handle' });
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces', { name: '', handle: 'empty-name' }), 422, { field: 'name' });
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces', { name: 'X', handle: 'x', kind: 'galaxy' }), 422, { field: 'kind' });
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces/handbook/pages', { title: 'Bad [title]' }), 422, { field: 'title' });
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces/handbook/pages', { title: 'Handbook' }), 409, { field: 'title' });
    assertProblem(assert, await c.ana.post('/api/v1/wiki/spaces/handbook/pages', { title: 'T', parent: '12345' }), 422, { field: 'parent' });
  });

  test('links by title render, show as missing, and become links when the page is written; headings make a table of contents', async () => {
    const guide = await newPage(c.ana, 'handbook', 'Onboarding guide', [
      '# Welcome', 'Read [[Release checklist]] and [[release_checklist|the checklist]] and [[Handbook]].',
      '## First week', '`[[not a link]]` stays code. Thanks @' + p.bo.handle, '## First week', 'again',
    ].join('\n\n'));
    assert.deepEqual(guide.toc.map((h) => [h.level, h.id, h.text]), [[1, 'welcome', 'Welcome'], [2, 'first-week', 'First week'], [2, 'first-week-2', 'First week']]);
    assert.match(guide.html, /<h2 id="first-week">First week<\/h2>/);
    assert.match(guide.html, /<a href="\/wiki\/handbook\/release-checklist\?create=Release%20checklist">Release checklist<\/a>/);
    assert.match(guide.html, /<a href="\/wiki\/handbook\/release-checklist\?create=release_checklist">the checklist<\/a>/);
    assert.match(guide.html, /<a href="\/wiki\/handbook\/handbook">Handbook<\/a>/);
    assert.match(guide.html, /<code>\[\[not a link\]\]<\/code>/);
    // The editor's preview renders the same way, and saves nothing.
    const preview = await c.bo.post('/api/v1/wiki/spaces/handbook/preview', { body: '## Plan\n\nSee [[Onboarding guide]] and [[Nothing yet]].' });
    assert.equal(preview.status, 200, preview.text);
    assert.match(preview.json.html, /<a href="\/wiki\/handbook\/onboarding-guide">Onboarding guide<\/a>/);
    assert.match(preview.json.html, /nothing-yet\?create=Nothing%20yet/);
    assert.deepEqual(preview.json.toc, [{ level: 2, id: 'plan', text: 'Plan' }]);
    assertProblem(assert, await c.gus.post('/api/v1/wiki/spaces/handbook/preview', { body: 'x' }), 404);
    const broken = await c.bo.get('/api/v1/wiki/spaces/handbook/broken-links');
    assert.equal(broken.status, 200, broken.text);
    assert.deepEqual(broken.json.items.map((b) => [b.from.title, b.space, b.target]), [['Onboarding guide', 'handbook', 'release-checklist']]);
    // Writing the missing page makes the link a link, and takes it off the broken list.
    const checklist = await newPage(c.bo, 'handbook', 'Release checklist', 'Steps.', { parent: guide.id });
    const again = (await c.ana.get(`/api/v1/wiki/pages/${guide.id}`)).json;
    assert.match(again.html, /<a href="\/wiki\/handbook\/release-checklist">Release checklist<\/a>/);
    assert.doesNotMatch(again.html, /create=/);
    assert.deepEqual((await c.bo.get('/api/v1/wiki/spaces/handbook/broken-links')).json.items, []);
    // The checklist is below the guide: breadcrumbs and the tree say so.
    const read = (await c.ana.get('/api/v1/wiki/spaces/handbook/pages/release-checklist')).json;
    assert.deepEqual(read.breadcrumbs.map((b) => b.title), ['Onboarding guide']);
    assert.equal(read.backlink_count, 1);
    const top = (await c.ana.get('/api/v1/wiki/spaces/handbook/pages')).json.items;
    assert.deepEqual(top.map((r) => [r.title, r.has_children]), [['Handbook', false], ['Onboarding guide', true]]);
    const below = (await c.ana.get(`/api/v1/wiki/spaces/handbook/pages?parent=${guide.id}`)).json.items;
    assert.deepEqual(below.map((r) => r.id), [checklist.id]);
    const links = (await c.ana.get(`/api/v1/wiki/pages/${checklist.id}/backlinks`)).json.items;
    assert.deepEqual(links.map((r) => r.title), ['Onboarding guide']);
  });

  test('a rename keeps the old address and links leading to the page; deleting it makes them broken', async () => {
    const target = await newPage(c.ana, 'handbook', 'Expense policy', 'Claim within 30 days.');
    const linkers = [];
    for (const n of [1, 2, 3]) linkers.push(await newPage(c.bo, 'handbook', `Team page ${n}`, `See [[Expense policy]] (${n}).`));
    const renamed = await c.ana.patch(`/api/v1/wiki/pages/${target.id}`, { title: 'Travel and expense policy' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.json.slug, 'travel-and-expense-policy');
    const byOld = await c.bo.get('/api/v1/wiki/spaces/handbook/pages/expense-policy');
    assert.equal(byOld.status, 200, byOld.text);
    assert.equal(byOld.json.id, target.id);
    assert.equal(byOld.json.redirected_from, 'expense-policy');
    assert.equal(byOld.json.backlink_count, 3);
    const linker = (await c.bo.get(`/api/v1/wiki/pages/${linkers[0].id}`)).json;
    assert.match(linker.html, /<a href="\/wiki\/handbook\/travel-and-expense-policy">Expense policy<\/a>/);
    // One linking page now links by the new title; one stops linking.
    assert.equal((await save(c.bo, linkers[1], 'See [[Travel and expense policy]].', linkers[1].revision)).status, 200);
    assert.equal((await save(c.bo, linkers[2], 'No link now.', linkers[2].revision)).status, 200);
    const backlinks = (await c.ana.get(`/api/v1/wiki/pages/${target.id}/backlinks`)).json.items;
    assert.deepEqual(backlinks.map((r) => r.title).sort(), ['Team page 1', 'Team page 2']);
    assert.equal((await c.ana.get(`/api/v1/wiki/pages/${target.id}`)).json.backlink_count, 2);
    // A new page taking the old title takes its links: the renamed page keeps the one by its new title.
    const taker = await newPage(c.bo, 'handbook', 'Expense policy', 'The short version.');
    assert.equal(taker.backlink_count, 1);
    assert.equal((await c.ana.get(`/api/v1/wiki/pages/${target.id}`)).json.backlink_count, 1);
    assert.equal((await c.ana.delete(`/api/v1/wiki/pages/${taker.id}`)).status, 204);
    // Deleted: its links are broken, by either name, and the old address finds nothing.
    assert.equal((await c.ana.delete(`/api/v1/wiki/pages/${target.id}`)).status, 204);
    assertProblem(assert, await c.bo.get('/api/v1/wiki/spaces/handbook/pages/expense-policy'), 404);
    const broken = (await c.bo.get('/api/v1/wiki/spaces/handbook/broken-links')).json.items;
    assert.deepEqual(broken.map((b) => [b.from.title, b.target]).sort(),
      [['Team page 1', 'expense-policy'], ['Team page 2', 'travel-and-expense-policy']]);
    assert.match((await c.bo.get(`/api/v1/wiki/pages/${linkers[0].id}`)).json.html, /expense-policy\?create=Expense%20policy/);
  });

  test('a save from an older revision merges cleanly with what was saved since', async () => {
    const lines = ['Intro line', '', 'Middle paragraph', '', 'Closing line'];
    const page = await newPage(c.ana, 'handbook', 'Merge me', lines.join('\n'));
    assert.equal(page.revision, 1);
    const first = await save(c.ana, page, ['Intro line, by Ana', '', 'Middle paragraph', '', 'Closing line'].join('\n'), 1, 'Ana edits the intro');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.merged, false);
    assert.equal(first.json.page.revision, 2);
    // Bo began from revision 1 too and changed the end.
    const second = await save(c.bo, page, ['Intro line', '', 'Middle paragraph', '', 'Closing line, by Bo'].join('\n'), 1, 'Bo edits the end');
    assert.equal(second.status, 200, second.text);
    assert.equal(second.json.merged, true);
    assert.equal(second.json.page.revision, 3);
    assert.equal(second.json.page.body, ['Intro line, by Ana', '', 'Middle paragraph', '', 'Closing line, by Bo'].join('\n'));
    // The same text again makes no revision.
    const same = await save(c.bo, page, second.json.page.body, 3);
    assert.equal(same.json.changed, false);
    assert.equal(same.json.page.revision, 3);
    assertProblem(assert, await save(c.bo, page, 'x', 9), 422, { field: 'base_revision' });
    assertProblem(assert, await c.bo.post(`/api/v1/wiki/pages/${page.id}/revisions`, { body: 'x' }), 422, { field: 'base_revision' });
    assertProblem(assert, await save(c.gus, page, 'x', 3), 404);
  });

  test('overlapping changes come back as a conflict with both sides, nothing saved; resolving saves', async () => {
    const page = await newPage(c.ana, 'handbook', 'Conflict me', 'Alpha\n\nThe deadline is Monday.\n\nOmega');
    assert.equal((await save(c.ana, page, 'Alpha\n\nThe deadline is Tuesday.\n\nOmega', 1)).status, 200);
    const clash = await save(c.bo, page, 'Alpha\n\nThe deadline is Friday.\n\nOmega, signed Bo', 1);
    assertProblem(assert, clash, 409);
    const conflict = clash.json.conflict;
    assert.equal(conflict.current_revision, 2);
    assert.equal(conflict.current_body, 'Alpha\n\nThe deadline is Tuesday.\n\nOmega');
    const passages = conflict.passages;
    const clashes = passages.filter((x) => x.conflict);
    assert.equal(clashes.length, 1);
    assert.match(clashes[0].theirs, /Tuesday/);
    assert.match(clashes[0].yours, /Friday/);
    assert.ok(passages.some((x) => !x.conflict && x.text.includes('Alpha')));
    assert.equal((await c.ana.get(`/api/v1/wiki/pages/${page.id}`)).json.revision, 2);
    // Bo resolves from revision 2, keeping his signature.
    const resolved = await save(c.bo, page, 'Alpha\n\nThe deadline is Friday (moved from Tuesday).\n\nOmega, signed Bo', conflict.current_revision, 'Resolved');
    assert.equal(resolved.status, 200, resolved.text);
    assert.equal(resolved.json.page.revision, 3);
  });

  test('50 writers saving the same page at once lose nothing', async () => {
    const n = 50;
    const original = Array.from({ length: n }, (_, i) => `Line ${i}: as written`).join('\n\n');
    const page = await newPage(c.ana, 'handbook', 'Fifty writers', original);
    const writers = [c.ana, c.bo];
    // Each writer changes their own line from revision 1; on a conflict they take the current
    // text and apply their change again, as a person resolving would.
    const edit = async (i) => {
      let base = 1;
      let text = original;
      for (let attempt = 0; attempt < 20; attempt++) {
        const mine = text.split('\n\n').map((line, k) => (k === i ? `Line ${i}: changed by writer ${i}` : line)).join('\n\n');
        const r = await save(writers[i % 2], page, mine, base, `writer ${i}`);
        if (r.status === 200) return r.json;
        assert.equal(r.status, 409, r.text);
        base = r.json.conflict.current_revision;
        text = r.json.conflict.current_body;
      }
      throw new Error(`writer ${i} never saved`);
    };
    const results = await Promise.all(Array.from({ length: n }, (_, i) => edit(i)));
    assert.ok(results.filter((r) => r.merged).length > 0, 'some saves were merged');
    const final = (await c.ana.get(`/api/v1/wiki/pages/${page.id}`)).json;
    for (let i = 0; i < n; i++) assert.ok(final.body.includes(`Line ${i}: changed by writer ${i}`), `line ${i} kept`);
    assert.equal(final.revision, n + 1);
    const history = (await c.ana.get(`/api/v1/wiki/pages/${page.id}/revisions?limit=100`)).json.items;
    assert.equal(history.length, n + 1);
  });

  test('history, a diff with the changed words, a revision, and restoring it', async () => {
    const page = await newPage(c.ana, 'handbook', 'Diff me', 'One\nThe quick brown fox\nThree', { summary: 'First' });
    assert.equal((await save(c.bo, page, 'One\nThe quick red fox\nThree\nFour', 1, 'Bo recolours')).status, 200);
    const history = (await c.ana.get(`/api/v1/wiki/pages/${page.id}/revisions`)).json.items;
    assert.deepEqual(history.map((r) => [r.number, r.summary, r.author.handle]), [[2, 'Bo recolours', p.bo.handle], [1, 'First', p.ana.handle]]);
    assert.deepEqual(history.map((r) => r.size), ['One\nThe quick red fox\nThree\nFour'.length, 'One\nThe quick brown fox\nThree'.length]);
    const diff = await c.ana.get(`/api/v1/wiki/pages/${page.id}/diff?from=1&to=2`);
    assert.equal(diff.status, 200, diff.text);
    const lines = diff.json.hunks.flatMap((h) => h.lines);
    const removed = lines.find((l) => l.op === 'removed');
    const added = lines.filter((l) => l.op === 'added');
    assert.deepEqual(removed.pieces.filter((x) => x.changed).map((x) => x.text), ['brown']);
    assert.deepEqual(added[0].pieces.filter((x) => x.changed).map((x) => x.text), ['red']);
    assert.equal(added[1].pieces.map((x) => x.text).join(''), 'Four');
    assert.equal((await c.ana.get(`/api/v1/wiki/pages/${page.id}/diff?from=1`)).json.to, 2);
    assertProblem(assert, await c.ana.get(`/api/v1/wiki/pages/${page.id}/diff?from=7`), 422, { field: 'from' });
    const one = await c.ana.get(`/api/v1/wiki/pages/${page.id}/revisions/1`);
    assert.equal(one.json.body, 'One\nThe quick brown fox\nThree');
    const restored = await c.ana.post(`/api/v1/wiki/pages/${page.id}/restore`, { revision: 1 });
    assert.equal(restored.status, 200, restored.text);
    assert.equal(restored.json.page.revision, 3);
    assert.equal(restored.json.page.body, 'One\nThe quick brown fox\nThree');
    const latest = (await c.ana.get(`/api/v1/wiki/pages/${page.id}/revisions?limit=1`)).json;
    assert.equal(latest.items[0].summary, 'Restored revision 1');
    assert.ok(latest.next_cursor);
  });

  test('moving in the tree: below another page, not below itself; reordering; recent changes', async () => {
    const a = await newPage(c.ana, 'handbook', 'Tree A', 'a');
    const b = await newPage(c.ana, 'handbook', 'Tree B', 'b', { parent: a.id });
    assertProblem(assert, await c.ana.patch(`/api/v1/wiki/pages/${a.id}`, { parent: b.id }), 422, { field: 'parent' });
    assertProblem(assert, await c.bo.patch(`/api/v1/wiki/pages/${a.id}`, { parent: null }), 403);
    const moved = await c.ana.patch(`/api/v1/wiki/pages/${b.id}`, { parent: null, position: 0 });
    assert.equal(moved.status, 200, moved.text);
    const top = (await c.ana.get('/api/v1/wiki/spaces/handbook/pages')).json.items;
    assert.equal(top[0].title, 'Tree B');
    const recent = (await c.ana.get('/api/v1/wiki/spaces/handbook/pages?order=recent&limit=2')).json;
    assert.equal(recent.items.length, 2);
    assert.ok(recent.next_cursor);
  });

  test('a page kept rendered (page cache) reads as new after its ancestors move, are renamed or deleted; each reader gets their own parts', async () => {
    const top = await newPage(c.ana, 'handbook', 'Kept top', 'top');
    const mid = await newPage(c.ana, 'handbook', 'Kept middle', 'middle', { parent: top.id });
    const anchor = await newPage(c.ana, 'handbook', 'Kept anchor', 'linked');
    const leaf = await newPage(c.ana, 'handbook', 'Kept leaf', `Ask @${p.bo.handle} about [[Kept anchor]].`, { parent: mid.id });
    const read = async (client = c.ana) => {
      const r = await client.get(`/api/v1/wiki/pages/${leaf.id}`);
      assert.equal(r.status, 200, r.text);
      return r.json;
    };
    // The first read renders and keeps it; the second is answered from what was kept: the same.
    const first = await read();
    const second = await read();
    assert.deepEqual(second, first);
    assert.deepEqual(first.breadcrumbs.map((b) => b.title), ['Kept top', 'Kept middle']);
    assert.match(first.html, /Bo Writer/);
    assert.equal(first.updated_by.display_name, 'Ana Writer');
    // What is the reader's own is not kept: Bo watches it, Ana (who wrote it, so watched it) no more; a guest reads nothing.
    assert.equal((await c.bo.put(`/api/v1/wiki/pages/${leaf.id}/watch`)).status, 200);
    assert.equal((await c.ana.delete(`/api/v1/wiki/pages/${leaf.id}/watch`)).status, 200);
    assert.equal((await read(c.bo)).watching, true);
    assert.equal((await read(c.ana)).watching, false);
    assertProblem(assert, await c.gus.get(`/api/v1/wiki/pages/${leaf.id}`), 404);
    // Its top page renamed: the breadcrumbs say so at once.
    assert.equal((await c.ana.patch(`/api/v1/wiki/pages/${top.id}`, { title: 'Kept top renamed' })).status, 200);
    assert.deepEqual((await read()).breadcrumbs.map((b) => b.title), ['Kept top renamed', 'Kept middle']);
    // Its parent moved to the top of the space.
    assert.equal((await c.ana.patch(`/api/v1/wiki/pages/${mid.id}`, { parent: null })).status, 200);
    assert.deepEqual((await read()).breadcrumbs.map((b) => b.title), ['Kept middle']);
    // Its parent deleted: the page moves up.
    assert.equal((await c.ana.delete(`/api/v1/wiki/pages/${mid.id}`)).status, 204);
    const lifted = await read();
    assert.deepEqual(lifted.breadcrumbs, []);
    assert.equal(lifted.parent_id, null);
    // A save answers with what it wrote, and the next read is the same page.
    const saved = await save(c.bo, leaf, `Ask @${p.ana.handle} about [[Kept anchor]] now.`, lifted.revision, 'names Ana');
    assert.equal(saved.status, 200, saved.text);
    assert.match(saved.json.page.html, /Ana Writer/);
    assert.equal(saved.json.page.updated_by.display_name, 'Bo Writer');
    const after = await read();
    assert.equal(after.revision, lifted.revision + 1);
    assert.equal(after.html, saved.json.page.html);
    assert.equal(after.body, `Ask @${p.ana.handle} about [[Kept anchor]] now.`);
    assert.equal(after.updated_by.display_name, 'Bo Writer');
    // Bo's card changes (an event the kept pages follow): the page shows it at once.
    assert.equal((await c.bo.patch('/api/v1/people/me', { title: 'Staff writer' })).status, 200);
    assert.equal((await read()).updated_by.title, 'Staff writer');
    // The page it links to deleted: the link shows as missing at once (the kept page is stale).
    assert.equal((await c.ana.delete(`/api/v1/wiki/pages/${anchor.id}`)).status, 204);
    assert.match((await read()).html, /kept-anchor\?create=Kept%20anchor/);
  });

  test('read counts are readers per day; the most read pages; pages due for review', async () => {
    const popular = await newPage(c.ana, 'handbook', 'Popular page', 'Read me.');
    const quiet = await newPage(c.ana, 'handbook', 'Quiet page', 'Hardly read.');
    for (const [who, page] of [[c.ana, popular], [c.ana, popular], [c.bo, popular], [c.bo, quiet]])
      assert.equal((await who.post(`/api/v1/wiki/pages/${page.id}/views`)).status, 204);
    assertProblem(assert, await c.gus.post(`/api/v1/wiki/pages/${popular.id}/views`), 404);
    assert.equal((await c.ana.get(`/api/v1/wiki/pages/${popular.id}`)).json.view_count, 2);
    const most = (await c.ana.get('/api/v1/wiki/spaces/handbook/pages?order=most_read&limit=2')).json;
    assert.deepEqual(most.items.map((r) => [r.title, r.view_count]), [['Popular page', 2], ['Quiet page', 1]]);
    // A review date come is due; one to come is not; a guest may not set one.
    const past = new Date(Date.now() - 86400000).toISOString();
    const future = new Date(Date.now() + 30 * 86400000).toISOString();
    const set = await c.bo.patch(`/api/v1/wiki/pages/${quiet.id}`, { owner: p.bo.handle, review_by: past });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.owner_id, p.bo.id);
    assert.equal((await c.ana.patch(`/api/v1/wiki/pages/${popular.id}`, { review_by: future })).status, 200);
    assertProblem(assert, await c.ana.patch(`/api/v1/wiki/pages/${popular.id}`, { review_by: 'soon' }), 422, { field: 'review_by' });
    const due = (await c.ana.get('/api/v1/wiki/spaces/handbook/pages?order=review')).json.items;
    assert.deepEqual(due.map((r) => r.title), ['Quiet page']);
  });

  test('who wrote what: each paragraph with its last change and its writers', async () => {
    const page = await newPage(c.ana, 'handbook', 'Blame me', '# Rules\n\nAna wrote the first rule.\n\nAna wrote the second.\n');
    assert.equal((await save(c.bo, page, '# Rules\n\nAna wrote the first rule.\nBo added a line.\n\nAna wrote the second.\n\nBo ends it.\n', 1)).status, 200);
    const r = await c.gus.get(`/api/v1/wiki/pages/${page.id}/blame`);
    assert.equal(r.status, 404, 'a guest does not read the organization space');
    const blame = (await c.ana.get(`/api/v1/wiki/pages/${page.id}/blame`)).json;
    assert.equal(blame.revision, 2);
    assert.equal(blame.first_revision, 1);
    assert.deepEqual(blame.paragraphs.map((p) => [p.text, p.revision, p.author.handle]), [
      ['# Rules', 1, p.ana.handle],
      ['Ana wrote the first rule.\nBo added a line.', 2, p.bo.handle],
      ['Ana wrote the second.', 1, p.ana.handle],
      ['Bo ends it.', 2, p.bo.handle],
    ]);
    assert.deepEqual(blame.paragraphs[1].authors.map((a) => a.handle).sort(), [p.ana.handle, p.bo.handle].sort());
  });

  test('pictures uploaded by the writer and named in a page are the page\'s: its readers see them, others do not', async () => {
    const up = await c.ana.request('POST', '/api/v1/images?alt=A%20diagram', { raw: png(64, 48), headers: { 'Content-Type': 'image/png' } });
    assert.equal(up.status, 201, up.text);
    const image = up.json;
    const page = await newPage(c.ana, 'handbook', 'With a picture', `Before.\n\n![A diagram](${image.url})\n`);
    assert.match(page.html, new RegExp(`<img src="${image.url}" alt="A diagram"`));
    assert.equal((await c.bo.request('GET', image.url, { contract: false })).status, 200, 'a reader of the page sees it');
    assert.equal((await c.gus.request('GET', image.url, { contract: false })).status, 404, 'a guest does not read the space');
    // Another writer cannot take it into their page: it stays the first page's.
    const other = await newPage(c.bo, 'handbook', 'Borrowing', `![x](${image.url})\n`);
    assert.ok(other.id);
    assert.equal((await c.bo.request('GET', image.url, { contract: false })).status, 200);
  });

  test('files uploaded by the writer and linked from a page are attached: its readers download them, safely; others do not', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const up = await c.ana.request('POST', `/api/v1/files?name=${encodeURIComponent('Travel plan 2027.pdf')}`, { raw: pdf, headers: { 'Content-Type': 'application/pdf' } });
    assert.equal(up.status, 201, up.text);
    const file = up.json;
    assert.equal(file.name, 'Travel plan 2027.pdf');
    assert.equal(file.media_type, 'application/pdf');
    assert.equal(file.size, pdf.length);
    assert.equal(file.url, `/api/v1/files/${file.id}/Travel%20plan%202027.pdf`);
    // Waiting: its uploader's only.
    assert.equal((await c.ana.request('GET', file.url)).status, 200);
    assertProblem(assert, await c.bo.request('GET', file.url), 404);
    // A page links to it: saved, it is the page's, downloadable by the page's readers.
    const page = await newPage(c.ana, 'handbook', 'Travel', `The plan: [Travel plan 2027.pdf](${file.url})\n`);
    assert.match(page.html, new RegExp(`<a href="${file.url}">Travel plan 2027.pdf</a>`));
    const got = await c.bo.request('GET', file.url);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, pdf);
    assert.equal(got.headers.get('content-type'), 'application/pdf');
    // Saved, never shown here: an attachment, in a sandbox if opened anyway.
    assert.equal(got.headers.get('content-disposition'), "attachment; filename=\"attachment\"; filename*=UTF-8''Travel%20plan%202027.pdf");
    assert.match(got.headers.get('content-security-policy'), /sandbox/);
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assertProblem(assert, await c.gus.request('GET', file.url), 404);
    // The page lists its attachments; a guest reads no list.
    const list = await c.bo.get(`/api/v1/wiki/pages/${page.id}/attachments`);
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.items.map((f) => [f.id, f.name, f.size]), [[file.id, 'Travel plan 2027.pdf', pdf.length]]);
    assertProblem(assert, await c.gus.get(`/api/v1/wiki/pages/${page.id}/attachments`), 404);
    // A script with an image's name is still what its bytes say, and is only ever downloaded.
    const html = await c.bo.request('POST', '/api/v1/files?name=photo.png', { raw: Buffer.from('<html><script>alert(1)</script></html>'), headers: { 'Content-Type': 'image/png' } });
    assert.equal(html.status, 201, html.text);
    assert.equal(html.json.media_type, 'text/html');
    const saved = await save(c.bo, page, `${page.body}\nAnd [photo.png](${html.json.url}).\n`, page.revision);
    assert.equal(saved.status, 200, saved.text);
    const script = await c.ana.request('GET', html.json.url);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-disposition'), /^attachment;/);
    assert.match(script.headers.get('content-security-policy'), /sandbox/);
    assert.deepEqual((await c.ana.get(`/api/v1/wiki/pages/${page.id}/attachments`)).json.items.map((f) => f.name), ['Travel plan 2027.pdf', 'photo.png']);
    // Another writer linking to it does not take it: it stays the first page's.
    const other = await newPage(c.bo, 'handbook', 'Borrowing a file', `[x](${file.url})\n`);
    assert.deepEqual((await c.bo.get(`/api/v1/wiki/pages/${other.id}/attachments`)).json.items, []);
    // Bad names and empty files say what is wrong.
    assertProblem(assert, await c.ana.request('POST', '/api/v1/files', { raw: pdf, headers: { 'Content-Type': 'application/pdf' }, contract: false }), 422, { field: 'name' });
    assertProblem(assert, await c.ana.request('POST', '/api/v1/files?name=a%2Fb.pdf', { raw: pdf, headers: { 'Content-Type': 'application/pdf' } }), 422, { field: 'name' });
    assertProblem(assert, await c.ana.request('POST', `/api/v1/files?name=${'x'.repeat(256)}`, { raw: pdf, headers: { 'Content-Type': 'application/pdf' } }), 422, { field: 'name' });
    assertProblem(assert, await c.ana.request('POST', '/api/v1/files?name=empty.txt', { raw: Buffer.alloc(0), headers: { 'Content-Type': 'text/plain' } }), 422, { field: 'file' });
    // Deleted with its page: nobody downloads it any more.
    assert.equal((await c.ana.delete(`/api/v1/wiki/pages/${page.id}`)).status, 204);
    assertProblem(assert, await c.ana.request('GET', file.url), 404);
  });

  test('a large file is sent from disk: whole, one range, resumed with If-Range, revalidated, HEAD; ranges past its end say its size', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const up = await c.ana.request('POST', '/api/v1/files?name=dataset.bin', { raw: data, headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(up.status, 201, up.text);
    const url = up.json.url;
    const whole = await c.ana.request('GET', url);
    assert.equal(whole.status, 200);
    assert.ok(whole.bytes.equals(data), 'the same bytes');
    assert.equal(whole.headers.get('content-length'), String(data.length));
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    const etag = whole.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    const ranged = async (range, extra = {}) => c.ana.request('GET', url, { headers: { Range: range, ...extra } });
    const middle = await ranged('bytes=1000000-1999999');
    assert.equal(middle.status, 206);
    assert.ok(middle.bytes.equals(data.subarray(1000000, 2000000)));
    assert.equal(middle.headers.get('content-range'), `bytes 1000000-1999999/${data.length}`);
    const tail = await ranged('bytes=-100');
    assert.equal(tail.status, 206);
    assert.ok(tail.bytes.equals(data.subarray(data.length - 100)));
    // Resumed where a download stopped, while the file is the same; whole when it is not.
    const resumed = await ranged('bytes=3000000-', { 'If-Range': etag });
    assert.equal(resumed.status, 206);
    assert.ok(resumed.bytes.equals(data.subarray(3000000)));
    const stale = await ranged('bytes=3000000-', { 'If-Range': '"0000"' });
    assert.equal(stale.status, 200);
    assert.equal(stale.bytes.length, data.length);
    // Several ranges: the whole file (as the RFC allows).
    assert.equal((await ranged('bytes=0-1,10-11')).bytes.length, data.length);
    const past = await ranged(`bytes=${data.length}-`);
    assertProblem(assert, past, 416);
    assert.equal(past.json.type, '/problems/range-not-satisfiable');
    assert.equal(past.headers.get('content-range'), `bytes */${data.length}`);
    // The copy a browser holds is still good; HEAD says the length and sends nothing.
    const again = await c.ana.request('GET', url, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
    const head = await c.ana.request('HEAD', url, { contract: false });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(data.length));
    assert.equal(head.bytes.length, 0);
    // The audience comes first: a range of a file one may not read is not found.
    assertProblem(assert, await c.bo.request('GET', url, { headers: { Range: 'bytes=0-9' } }), 404);
  });
});

// Watching the wiki: watching a page or a space; a change notifies the watchers who may read
// it (one unread notification per page gathering its editors, and by mail, through a real
// SMTP server, with the diff since the notification began); a space's followers see its
// changes in their home feed as one item per editing session; a save that @mentions someone
// notifies them; and "Bo is editing this page" over the live stream.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';
import { startSmtp } from '../support/smtp.mjs';
import { openStream, tokenFor } from '../support/stream.mjs';

describe('watching the wiki', () => {
  let smtp;
  let server;
  let p;
  let c;
  let page;

  const save = async (client, id, body, summary = '') => {
    const current = (await client.get(`/api/v1/wiki/pages/${id}`)).json;
    const r = await client.post(`/api/v1/wiki/pages/${id}/revisions`, { body, base_revision: current.revision, summary });
    assert.equal(r.status, 200, r.text);
    return r.json.page;
  };
  const notifications = async (who) => (await c[who].get('/api/v1/notifications')).json.items;
  const changesAt = async (who, id) =>
    (await notifications(who)).filter((n) => n.kind === 'wiki_change' && n.content_id === id);
  const homeChanges = async (who) => (await c[who].get('/api/v1/feed?limit=50')).json.items.filter((i) => i.kind === 'wiki_change');

  before(async () => {
    smtp = await startSmtp();
    server = await startServer({
      env: { AGORA_MAIL_SMTP_URL: smtp.url, AGORA_MAIL_RETRY_SECONDS: '2', AGORA_MAIL_POLL_SECONDS: '1' },
    });
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['ana', 'member', 'Ana Owner'], ['bo', 'member', 'Bo Writer'], ['cy', 'member', 'Cy Watcher'],
      ['dee', 'member', 'Dee Follower'], ['gus', 'guest', 'Gus Guest'],
    ]));
    assert.equal((await c.ana.post('/api/v1/wiki/spaces', { name: 'Handbook', handle: 'handbook' })).status, 201);
    const r = await c.bo.post('/api/v1/wiki/spaces/handbook/pages', { title: 'Onboarding', body: 'Day one: laptop.\n\nDay two: badge.\n' });
    assert.equal(r.status, 201, r.text);
    page = r.json;
    // Cy hears of changes by mail at once.
    assert.equal((await c.cy.put('/api/v1/notifications/delivery', { wiki_change: 'email' })).status, 200);
  });
  after(async () => {
    await server.stop();
    await smtp.stop();
  });

  test('a page or a space is watched and unwatched; writing a page watches it, making a space watches the space', async () => {
    assert.equal(page.watching, true, 'its writer watches it');
    assert.equal((await c.ana.get('/api/v1/wiki/spaces/handbook')).json.watching, true, 'its maker follows the space');
    let seen = (await c.cy.get(`/api/v1/wiki/pages/${page.id}`)).json;
    assert.equal(seen.watching, false);
    assert.equal(seen.space.watching, false);
    for (let i = 0; i < 2; i++) {  // idempotent
      const r = await c.cy.put(`/api/v1/wiki/pages/${page.id}/watch`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { watching: true });
    }
    seen = (await c.cy.get(`/api/v1/wiki/pages/${page.id}`)).json;
    assert.equal(seen.watching, true);
    assert.deepEqual((await c.dee.put('/api/v1/wiki/spaces/handbook/watch')).json, { watching: true });
    assert.equal((await c.dee.get('/api/v1/wiki/spaces/handbook')).json.watching, true);
    // Nothing to watch where one may not read.
    assert.equal((await c.gus.put(`/api/v1/wiki/pages/${page.id}/watch`)).status, 404);
    assert.equal((await c.gus.put('/api/v1/wiki/spaces/handbook/watch')).status, 404);
    assert.equal((await c.gus.put('/api/v1/wiki/pages/123/watch')).status, 404);
  });

  test('a change notifies the watchers once per page until they look, and mails the diff since', async () => {
    await save(c.bo, page.id, 'Day one: laptop and account.\n\nDay two: badge.\n', 'accounts too');
    const [cyNote] = await changesAt('cy', page.id);
    assert.ok(cyNote, 'the page watcher is told');
    assert.equal(cyNote.actor.handle, p.bo.handle);
    assert.equal(cyNote.content_kind, 'wiki_page');
    assert.equal(cyNote.snippet, 'Onboarding');
    assert.equal((await changesAt('ana', page.id)).length, 1, "the space's follower is told");
    assert.equal((await changesAt('bo', page.id)).length, 0, 'not the one who changed it');

    const mail = await smtp.next('cy@example.com');
    assert.equal(mail.subject, 'Bo Writer changed a wiki page you watch');
    assert.match(mail.text, /“Onboarding”/);
    assert.match(mail.text, /What changed \(revision 1 to 2\):/);
    assert.match(mail.text, /^-Day one: laptop\.$/m);
    assert.match(mail.text, /^\+Day one: laptop and account\.$/m);
    assert.ok(mail.links.includes(`${server.url}/wiki-pages/${page.id}`), mail.text);
    assert.match(mail.html, /background:#dafbe1[^>]*>\+Day one: laptop and account\./);

    // Ana changes it too before Cy looks: the same notification gathers her, and no new mail.
    const mailsBefore = smtp.to('cy@example.com').length;
    await save(c.ana, page.id, 'Day one: laptop and account.\n\nDay two: badge and desk.\n');
    const gathered = await changesAt('cy', page.id);
    assert.equal(gathered.length, 1);
    assert.equal(gathered[0].actor_count, 2);
    assert.equal(gathered[0].actor.handle, p.ana.handle, 'the latest editor leads');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(smtp.to('cy@example.com').length, mailsBefore, 'one mail until Cy looks');

    // Cy reads it; the next change is a new notification whose mail shows only what changed since.
    assert.equal((await c.cy.post('/api/v1/notifications/read', { ids: [gathered[0].id] })).status, 200);
    await save(c.bo, page.id, 'Day one: laptop and account.\n\nDay two: badge and desk.\n\nDay three: lunch.\n');
    const next = await smtp.next('cy@example.com');
    assert.match(next.text, /What changed \(revision 3 to 4\):/);
    assert.match(next.text, /^\+Day three: lunch\.$/m);
    assert.doesNotMatch(next.text, /^\+Day one/m);
    assert.equal((await changesAt('cy', page.id)).filter((n) => !n.read).length, 1);

    // Unwatched: no more.
    await c.cy.delete(`/api/v1/wiki/pages/${page.id}/watch`);
    const unread = (await changesAt('cy', page.id)).length;
    await save(c.bo, page.id, 'Day one: laptop and account.\n\nDay two: badge and desk.\n\nDay three: lunch at noon.\n');
    assert.equal((await changesAt('cy', page.id)).length, unread);
    await c.cy.put(`/api/v1/wiki/pages/${page.id}/watch`);
  });

  test("a space's followers see its changes at home, one item per editing session", async () => {
    const r = await c.bo.post('/api/v1/wiki/spaces/handbook/pages', { title: 'Expenses', body: 'Keep receipts.\n' });
    const expenses = r.json;
    let items = await homeChanges('dee');
    const made = items.find((i) => i.page.id === expenses.id);
    assert.ok(made, JSON.stringify(items));
    assert.equal(made.from_revision, 0, 'the session made the page');
    assert.equal(made.author.handle, p.bo.handle);
    assert.equal(made.space.handle, 'handbook');

    // Three saves in a row are one session: one item, moved to the top.
    await save(c.bo, expenses.id, 'Keep receipts.\n\nScan them.\n', 'scanning');
    await save(c.bo, expenses.id, 'Keep receipts.\n\nScan them within a week.\n');
    items = await homeChanges('dee');
    const sessions = items.filter((i) => i.page.id === expenses.id);
    assert.equal(sessions.length, 1, JSON.stringify(sessions));
    assert.equal(sessions[0].saves, 3);
    assert.deepEqual([sessions[0].from_revision, sessions[0].to_revision], [0, 3]);
    assert.equal(sessions[0].summary, 'scanning', "the last summary that said something");
    assert.equal(items[0].id, sessions[0].id, 'newest first');
    // Another person's save is a session of its own.
    await save(c.ana, expenses.id, 'Keep receipts.\n\nScan them within a week.\n\nAsk Ana.\n');
    items = (await homeChanges('dee')).filter((i) => i.page.id === expenses.id);
    assert.deepEqual(items.map((i) => i.author.handle), [p.ana.handle, p.bo.handle]);
    // Not at home for those who do not follow the space; not one's own; and only at home.
    assert.equal((await homeChanges('cy')).length, 0);
    assert.ok(!(await homeChanges('bo')).some((i) => i.author.handle === p.bo.handle));
    const discover = (await c.dee.get('/api/v1/feed?source=discover')).json.items;
    assert.ok(!discover.some((i) => i.kind === 'wiki_change'));
    // Unfollowed: gone from the feed.
    await c.dee.delete('/api/v1/wiki/spaces/handbook/watch');
    assert.equal((await homeChanges('dee')).length, 0);
    await c.dee.put('/api/v1/wiki/spaces/handbook/watch');
  });

  test('a people space: a member who leaves hears of nothing more, at home or in notifications', async () => {
    const r = await c.ana.post('/api/v1/wiki/spaces', { name: 'Board', handle: 'board', kind: 'people', members: [p.bo.handle, p.cy.handle] });
    assert.equal(r.status, 201, r.text);
    const home = r.json.home_page;
    assert.equal((await c.cy.put('/api/v1/wiki/spaces/board/watch')).status, 200);
    await save(c.bo, home, 'Agenda: budget.\n');
    assert.equal((await changesAt('cy', home)).length, 1);
    assert.equal((await homeChanges('cy')).filter((i) => i.page.id === home).length, 1);
    assert.equal((await c.ana.delete(`/api/v1/wiki/spaces/board/members/${p.cy.handle}`)).status, 200);
    await save(c.bo, home, 'Agenda: budget and layoffs.\n');
    assert.equal((await changesAt('cy', home)).length, 0, 'the old notification is hidden too');
    assert.equal((await homeChanges('cy')).filter((i) => i.page.id === home).length, 0);
    assert.equal(smtp.to('cy@example.com').filter((m) => /layoffs/.test(m.text)).length, 0);
  });

  test('a save that @mentions someone who may read the page notifies them once', async () => {
    await save(c.bo, page.id, `Ask @${p.dee.handle} about desks.\n`);
    const mentions = (await notifications('dee')).filter((n) => n.kind === 'mention' && n.content_id === page.id);
    assert.equal(mentions.length, 1);
    assert.equal(mentions[0].content_kind, 'wiki_page');
    await save(c.bo, page.id, `Ask @${p.dee.handle} about desks and chairs.\n`);
    assert.equal((await notifications('dee')).filter((n) => n.kind === 'mention' && n.content_id === page.id).length, 1);
    // A guest named in an organization page cannot read it: not told.
    await save(c.bo, page.id, `Ask @${p.dee.handle} or @${p.gus.handle} about desks and chairs.\n`);
    assert.equal((await notifications('gus')).length, 0);
  });

  test('the owner of a page whose review date has come is reminded once, by mail at once', async () => {
    const r = await c.bo.post('/api/v1/wiki/spaces/handbook/pages', { title: 'Travel policy', body: 'Book early.\n' });
    const travel = r.json;
    assert.equal(travel.owner_id, p.bo.id, 'its writer looks after it');
    const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    assert.equal((await c.ana.patch(`/api/v1/wiki/pages/${travel.id}`, { review_by: soon })).status, 200);
    const reminders = async () => (await notifications('bo')).filter((n) => n.kind === 'wiki_review' && n.content_id === travel.id);
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal((await reminders()).length, 0, 'not before the date');
    const past = new Date(Date.now() - 60 * 1000).toISOString();
    assert.equal((await c.ana.patch(`/api/v1/wiki/pages/${travel.id}`, { review_by: past })).status, 200);
    const mail = await smtp.next('bo@example.com');
    assert.equal(mail.subject, 'A wiki page you look after is due for review');
    assert.match(mail.text, /“Travel policy”/);
    assert.ok(mail.links.includes(`${server.url}/wiki-pages/${travel.id}`), mail.text);
    const [reminder] = await reminders();
    assert.equal(reminder.actor.handle, p.bo.handle, 'a reminder comes from no one else');
    assert.equal(reminder.snippet, 'Travel policy');
    await new Promise((res) => setTimeout(res, 1500));
    assert.equal((await reminders()).length, 1, 'once per date');
    // A new date is reminded again when it comes.
    await c.bo.post('/api/v1/notifications/read', { all: true });
    assert.equal((await c.bo.patch(`/api/v1/wiki/pages/${travel.id}`, { review_by: new Date(Date.now() - 1000).toISOString() })).status, 200);
    await smtp.next('bo@example.com');
    assert.equal((await reminders()).length, 2);
  });

  test('"Bo is editing this page" reaches the readers showing the page, and goes when he stops', async () => {
    const stream = openStream(server, { token: await tokenFor(c.cy) });
    await stream.opened;
    stream.send({ type: 'watch', ids: [page.id] });
    await new Promise((r) => setTimeout(r, 200));
    const guestStream = openStream(server, { token: await tokenFor(c.gus) });
    await guestStream.opened;
    guestStream.send({ type: 'watch', ids: [page.id] });
    await new Promise((r) => setTimeout(r, 200));

    const r = await c.bo.put(`/api/v1/wiki/pages/${page.id}/editing`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.editors.map((e) => e.handle), [p.bo.handle]);
    assert.ok(r.json.expires_in_ms >= 20000);
    const frame = await stream.next((e) => e.type === 'wiki.editing' && e.data.editors.length === 1);
    assert.equal(frame.data.page_id, page.id);
    assert.equal(frame.data.editors[0].display_name, 'Bo Writer');
    assert.deepEqual((await c.cy.get(`/api/v1/wiki/pages/${page.id}/editing`)).json.editors.map((e) => e.handle), [p.bo.handle]);
    // Ana opens the editor too: both, in the order they began; a heartbeat changes nothing.
    await c.ana.put(`/api/v1/wiki/pages/${page.id}/editing`);
    await c.bo.put(`/api/v1/wiki/pages/${page.id}/editing`);
    assert.deepEqual((await c.cy.get(`/api/v1/wiki/pages/${page.id}/editing`)).json.editors.map((e) => e.handle), [p.bo.handle, p.ana.handle]);

    assert.equal((await c.bo.delete(`/api/v1/wiki/pages/${page.id}/editing`)).status, 204);
    const left = await stream.next((e) => e.type === 'wiki.editing' && e.data.editors.length === 1 && e.data.editors[0].handle === p.ana.handle);
    assert.ok(left);
    // The guest may not read the page: no frame, no answer, no mark.
    assert.equal(guestStream.events.filter((e) => e.type === 'wiki.editing').length, 0);
    assert.equal((await c.gus.get(`/api/v1/wiki/pages/${page.id}/editing`)).status, 404);
    assert.equal((await c.gus.put(`/api/v1/wiki/pages/${page.id}/editing`)).status, 404);
    await c.ana.delete(`/api/v1/wiki/pages/${page.id}/editing`);
    assert.deepEqual((await c.cy.get(`/api/v1/wiki/pages/${page.id}/editing`)).json.editors, []);
    await stream.close();
    await guestStream.close();
  });
});

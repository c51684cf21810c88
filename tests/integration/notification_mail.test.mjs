// Notification mail through a real SMTP server: a mention by mail right away, checked again
// under the audience rule when it is sent (a deleted post or a notification read in the app
// meanwhile is not mailed), the daily digest (never empty), one-click unsubscribe (RFC 8058)
// and the delivery settings; mail in the language each recipient reads Agora in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, eventually, setupAdmin, startServer } from '../support/server.mjs';
import { startSmtp } from '../support/smtp.mjs';

describe('notification mail', () => {
  let smtp;
  let server;
  let admin;
  let people;
  let clients;
  before(async () => {
    smtp = await startSmtp();
    server = await startServer({
      env: {
        AGORA_MAIL_SMTP_URL: smtp.url,
        AGORA_MAIL_ORGANIZATION: 'Acme',
        AGORA_MAIL_RETRY_SECONDS: '2',
        AGORA_MAIL_POLL_SECONDS: '1',
        AGORA_MAIL_DIGEST_CHECK_SECONDS: '1',
      },
    });
    admin = await setupAdmin(server);
    ({ people, clients } = await addPeople(server, admin, [['ana', 'member', 'Ana Berg'], ['bo', 'member', 'Bo Ek'], ['cy', 'member', 'Cy Lund']]));
  });
  after(async () => {
    await server.stop();
    await smtp.stop();
  });

  const mailSummary = async () => (await admin.get('/api/v1/admin/mail')).json;

  test('a mention is mailed at once, with a one-click unsubscribe that turns mention mail off', async () => {
    const post = await clients.bo.post('/api/v1/posts', { body: `Hej @${people.ana.handle}, the **budget** draft is ready` });
    assert.equal(post.status, 201, post.text);
    const mail = await smtp.next('ana@example.com');
    assert.equal(mail.subject, 'Bo Ek mentioned you in a post');
    assert.match(mail.raw, /\r\nContent-Language: en\r\n/);
    assert.match(mail.text, /“Hej @ana, the budget draft is ready”/, "the text as readers see it, without Markdown marks");
    assert.ok(mail.links.includes(`${server.url}/posts/${post.json.id}`), mail.text);
    // mailparser reads List-* headers into one "list" header.
    const url = mail.parsed.headers.get('list')?.unsubscribe?.url;
    assert.match(url, /\/api\/v1\/mail\/unsubscribe\//);
    assert.match(mail.raw, /\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n/);

    // What a mail client does: a POST without cookies.
    const one = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(one.status, 204);
    const delivery = await clients.ana.get('/api/v1/notifications/delivery');
    assert.equal(delivery.json.mention, 'app');
    assert.equal(delivery.json.reply, 'email', 'other kinds are unchanged');
    const forged = await fetch(url.replace(/.$/, (c) => (c === '0' ? '1' : '0')), { method: 'POST' });
    assert.equal(forged.status, 404);

    const before = smtp.to('ana@example.com').length;
    await clients.bo.post('/api/v1/posts', { body: `@${people.ana.handle} one more thing` });
    const list = await clients.ana.get('/api/v1/notifications');
    assert.equal(list.json.items.filter((n) => n.kind === 'mention').length, 2, 'still in the app');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(smtp.to('ana@example.com').length, before, 'no mail for it');
  });

  test('a mention of a post deleted before its mail could go is not mailed', async () => {
    smtp.refuse('cy@example.com', 451, 1);  // the first attempt waits 2 s
    const post = await clients.bo.post('/api/v1/posts', { body: `@${people.cy.handle} secret plans` });
    const summary0 = await mailSummary();
    assert.ok(await eventually(async () => (await mailSummary()).delayed.length === 1, 5000));
    assert.equal((await clients.bo.delete(`/api/v1/posts/${post.json.id}`)).status, 204);
    assert.ok(await eventually(async () => (await mailSummary()).cancelled > summary0.cancelled, 8000));
    assert.equal(smtp.to('cy@example.com').length, 0);
  });

  test('a notification read in the app before its mail could go is not mailed', async () => {
    smtp.refuse('cy@example.com', 451, 1);
    await clients.bo.post('/api/v1/posts', { body: `@${people.cy.handle} quick question` });
    const summary0 = await mailSummary();
    assert.ok(await eventually(async () => (await mailSummary()).delayed.length === 1, 5000));
    assert.equal((await clients.cy.post('/api/v1/notifications/read', { all: true })).status, 200);
    assert.ok(await eventually(async () => (await mailSummary()).cancelled > summary0.cancelled, 8000));
    assert.equal(smtp.to('cy@example.com').length, 0);
  });

  test('comments wait for the daily digest, which is sent once and never empty', async () => {
    const mine = await clients.ana.post('/api/v1/posts', { body: 'Lunch talk on Friday: knowledge graphs' });
    await clients.bo.post(`/api/v1/content/${mine.json.id}/comments`, { body: 'Count me in' });
    await clients.cy.post(`/api/v1/content/${mine.json.id}/comments`, { body: 'Me too' });
    const digest = await smtp.next('ana@example.com');
    assert.match(digest.subject, /^Your day on Acme on Agora: \d+ notifications?$/);
    assert.match(digest.text, /Bo Ek commented on your post/);
    assert.match(digest.text, /Cy Lund commented on your post/);
    assert.ok(digest.raw.includes('List-Unsubscribe-Post: List-Unsubscribe=One-Click'));
    // Nothing new is waiting: no second digest, however often the scheduler looks.
    await new Promise((r) => setTimeout(r, 2500));
    assert.ok(!smtp.to('ana@example.com').slice(smtp.to('ana@example.com').indexOf(digest) + 1).some((m) => /^Your day/.test(m.subject)));
  });

  test('delivery settings: each kind can be app, email, daily, weekly or off', async () => {
    const r = await clients.bo.put('/api/v1/notifications/delivery', { reaction: 'weekly', follow: 'off' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.reaction, 'weekly');
    assert.equal(r.json.follow, 'off');
    assert.equal(r.json.mention, 'email');
    assert.equal((await clients.bo.get('/api/v1/notifications/settings')).json.follow, false, 'off turns the kind off');
    await clients.bo.put('/api/v1/notifications/delivery', { follow: 'weekly' });
    await clients.bo.put('/api/v1/notifications/delivery', { follow: 'off' });
    assert.equal((await clients.bo.put('/api/v1/notifications/settings', { follow: true })).status, 200);
    assert.equal((await clients.bo.get('/api/v1/notifications/delivery')).json.follow, 'weekly', 'on again, the way it came before');
    assertProblem(assert, await clients.bo.put('/api/v1/notifications/delivery', { reaction: 'hourly' }), 422, { field: 'reaction' });
    assertProblem(assert, await clients.bo.put('/api/v1/notifications/delivery', { gossip: 'email' }), 422, { field: 'gossip' });
  });

  test('a person who reads Agora in Russian gets its mail in Russian, plurals and quotation marks included', async () => {
    const { people: more, clients: theirs } = await addPeople(server, admin, [['dee', 'member', 'Дина Орлова']]);
    assert.equal((await theirs.dee.patch('/api/v1/me', { language: 'ru' })).status, 200);
    const post = await clients.bo.post('/api/v1/posts', { body: `@${more.dee.handle} the *plan* is ready` });
    assert.equal(post.status, 201, post.text);
    const mail = await smtp.next('dee@example.com');
    assert.equal(mail.subject, 'Bo Ek упомянул(а) вас в публикации');
    assert.ok(mail.text.startsWith('Здравствуйте, Дина Орлова!'), mail.text);
    assert.match(mail.text, /«@dee the plan is ready»/);
    assert.match(mail.text, /Открыть в Agora:/);
    assert.match(mail.text, /Вы получаете письмо о каждом упоминании\./);
    assert.match(mail.html, /<html lang="ru">/);
    assert.match(mail.html, />Отписаться<\/a>/);
    assert.match(mail.raw, /\r\nContent-Language: ru\r\n/);

    const mine = await theirs.dee.post('/api/v1/posts', { body: 'План на неделю' });
    await clients.bo.post(`/api/v1/content/${mine.json.id}/comments`, { body: 'Отлично' });
    await clients.cy.post(`/api/v1/content/${mine.json.id}/comments`, { body: 'Согласен' });
    const digest = await smtp.next('dee@example.com');
    assert.match(digest.subject, /^Ваш день в Acme в Agora: (1 уведомление|2 уведомления)$/);
    assert.match(digest.text, /Что произошло и касается вас:/);
    assert.match(digest.text, /• Bo Ek прокомментировал\(а\) вашу публикацию — http/);
  });
});

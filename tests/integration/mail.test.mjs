// Mail through a real SMTP server: invitations to activate, "Forgot password?", an admin's
// reset link, the outbox's retries and failures, and the outbox surviving kill -9. Each mail
// is parsed by a real mail parser and its links are followed like a person would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, eventually, runCli, setupAdmin, startServer } from '../support/server.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkToken, startSmtp } from '../support/smtp.mjs';

const mailEnv = (smtp) => ({
  AGORA_MAIL_SMTP_URL: smtp.url,
  AGORA_MAIL_FROM: 'Acme Agora <agora@acme.example>',
  AGORA_MAIL_ORGANIZATION: 'Acme',
  AGORA_MAIL_RETRY_SECONDS: '1',
  AGORA_MAIL_POLL_SECONDS: '1',
});

async function createPerson(admin, email, display_name) {
  const r = await admin.post('/api/v1/admin/users', { email, display_name, role: 'member' });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

describe('mail', () => {
  let smtp;
  let server;
  let admin;
  before(async () => {
    smtp = await startSmtp();
    server = await startServer({ env: mailEnv(smtp) });
    admin = await setupAdmin(server);
  });
  after(async () => {
    await server.stop();
    await smtp.stop();
  });

  test('an invited person activates the account through the mailed link, once', async () => {
    const person = await createPerson(admin, 'Ana.Lind@acme.example', 'Ана Линд');
    assert.equal(person.activated, false);
    const r = await admin.post('/api/v1/admin/users/invitations', { user_ids: [person.id] });
    assert.equal(r.status, 202, r.text);
    assert.equal(r.json.queued, 1);

    const mail = await smtp.next('ana.lind@acme.example');
    assert.equal(mail.subject, 'Your account on Acme on Agora is ready');
    assert.equal(mail.parsed.to.value[0].name, 'Ана Линд', 'the name in any script survives encoding');
    assert.equal(mail.parsed.from.value[0].address, 'agora@acme.example');
    assert.ok(mail.text.includes('Hello Ана Линд,'));
    assert.ok(mail.html.includes('Choose your password</a>'), 'an HTML alternative with the button');
    assert.match(mail.raw, /multipart\/alternative/);
    const token = linkToken(mail, '/activate');
    assert.ok(mail.links[0].startsWith(server.url), 'links point at the server');

    const browser = new Client(server.url);
    const info = await browser.post('/api/v1/auth/links/lookup', { token });
    assert.equal(info.status, 200, info.text);
    assert.equal(info.json.purpose, 'activate');
    assert.equal(info.json.email, 'Ana.Lind@acme.example');

    const weak = await browser.post('/api/v1/auth/links/use', { token, password: 'short' });
    assertProblem(assert, weak, 422, { field: 'password' });
    const used = await browser.post('/api/v1/auth/links/use', { token, password: 'ana-password-1' });
    assert.equal(used.status, 200, used.text);
    browser.csrf = used.json.csrf_token;
    const me = await browser.get('/api/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.json.activated, true);

    const again = await new Client(server.url).post('/api/v1/auth/links/use', { token, password: 'other-password-1' });
    assertProblem(assert, again, 404);
    assertProblem(assert, await browser.post('/api/v1/auth/links/lookup', { token }), 404);
    const signIn = await new Client(server.url).login('ana.lind@acme.example', 'ana-password-1');
    assert.equal(signIn.status, 200);

    const list = await admin.get('/api/v1/admin/users?q=ana.lind');
    assert.equal(list.json.items[0].activated, true);
    assert.ok(list.json.items[0].invited_at, 'the list shows when the invitation went');
  });

  test('inviting everyone not activated skips the activated, and a resend replaces the first link', async () => {
    const bo = await createPerson(admin, 'bo@acme.example', 'Bo Berg');
    const first = await admin.post('/api/v1/admin/users/invitations', { not_activated: true });
    assert.equal(first.status, 202);
    assert.equal(first.json.queued, 1, 'only Bo: the admin and Ana have passwords');
    const mail1 = await smtp.next('bo@acme.example');
    const resend = await admin.post('/api/v1/admin/users/invitations', { user_ids: [bo.id] });
    assert.equal(resend.json.queued, 1);
    const mail2 = await smtp.next('bo@acme.example', { seen: 1 });
    const c = new Client(server.url);
    assertProblem(assert, await c.post('/api/v1/auth/links/lookup', { token: linkToken(mail1, '/activate') }), 404);
    assert.equal((await c.post('/api/v1/auth/links/lookup', { token: linkToken(mail2, '/activate') })).status, 200);

    const bad = await admin.post('/api/v1/admin/users/invitations', { user_ids: ['nope'] });
    assertProblem(assert, bad, 422, { field: 'user_ids[0]' });
    const none = await admin.post('/api/v1/admin/users/invitations', {});
    assertProblem(assert, none, 422, { field: 'user_ids' });
  });

  test('forgot password: the same answer for any address, a link to the account, other sessions ended', async () => {
    const person = await createPerson(admin, 'cy@acme.example', 'Cy Dahl');
    await admin.patch(`/api/v1/admin/users/${person.id}`, { password: 'cy-password-1' });
    const laptop = new Client(server.url);
    assert.equal((await laptop.login('cy@acme.example', 'cy-password-1')).status, 200);

    const anon = new Client(server.url);
    const unknown = await anon.post('/api/v1/auth/password-reset', { email: 'nobody@acme.example' });
    const known = await anon.post('/api/v1/auth/password-reset', { email: '  CY@acme.example ' });
    assert.equal(unknown.status, 202);
    assert.equal(known.status, 202);
    assert.deepEqual(unknown.json, known.json, 'no account enumeration through wording');
    assertProblem(assert, await anon.post('/api/v1/auth/password-reset', { email: 'not an address' }), 422, { field: 'email' });

    const mail = await smtp.next('cy@acme.example');
    assert.deepEqual(mail.to, ['cy@acme.example'], 'to the account\'s own address');
    assert.match(mail.subject, /Reset your password/);
    assert.match(mail.text, /for 1 hour/);
    const token = linkToken(mail, '/reset');
    const phone = new Client(server.url);
    const used = await phone.post('/api/v1/auth/links/use', { token, password: 'cy-new-password-2' });
    assert.equal(used.status, 200, used.text);
    assert.equal((await laptop.get('/api/v1/me')).status, 401, 'the other session ended');
    assert.equal((await new Client(server.url).login('cy@acme.example', 'cy-password-1')).status, 401);
    assert.equal((await new Client(server.url).login('cy@acme.example', 'cy-new-password-2')).status, 200);
    const changed = await smtp.next('cy@acme.example', { seen: 1 });
    assert.match(changed.subject, /password on Acme on Agora was changed/);

    // The unknown address got nothing: its request was cancelled, not sent.
    assert.ok(await eventually(async () => (await admin.get('/api/v1/admin/mail')).json.cancelled >= 1, 5000));
    assert.equal(smtp.to('nobody@acme.example').length, 0);
  });

  test('an admin sends a reset link without seeing a password', async () => {
    const person = await createPerson(admin, 'di@acme.example', 'Di Ek');
    await admin.patch(`/api/v1/admin/users/${person.id}`, { password: 'di-password-1' });
    const r = await admin.post(`/api/v1/admin/users/${person.id}/password-reset`, {});
    assert.equal(r.status, 202, r.text);
    assert.ok(!/password/.test(JSON.stringify(r.json).replace('"status"', '')), 'no password in the answer');
    const mail = await smtp.next('di@acme.example');
    assert.match(mail.text, /for 24 hours/);
    const c = new Client(server.url);
    assert.equal((await c.post('/api/v1/auth/links/use', { token: linkToken(mail, '/reset'), password: 'di-password-2' })).status, 200);
    const member = new Client(server.url);
    await member.login('di@acme.example', 'di-password-2');
    assertProblem(assert, await member.post(`/api/v1/admin/users/${person.id}/password-reset`, {}), 403);
    assertProblem(assert, await admin.post('/api/v1/admin/users/1/password-reset', {}), 404);
  });

  test('reset requests are limited per address (silently) and per client address (429)', async () => {
    const before = (await admin.get('/api/v1/admin/mail')).json;
    const total = (s) => s.queued + s.sent + s.failed + s.cancelled;
    const anon = new Client(server.url);
    for (let i = 0; i < 5; i += 1) {
      const r = await anon.post('/api/v1/auth/password-reset', { email: 'flood@acme.example' });
      assert.equal(r.status, 202);
    }
    const afterFlood = (await admin.get('/api/v1/admin/mail')).json;
    assert.equal(total(afterFlood) - total(before), 3, 'three per address and hour');
    let limited;
    for (let i = 0; i < 30 && !limited; i += 1) {
      const r = await anon.post('/api/v1/auth/password-reset', { email: `x${i}@acme.example` });
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, 'the client address is limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  test('a refused recipient is retried (4xx) or marked failed (5xx) for admins to see and retry', async () => {
    smtp.refuse('later@acme.example', 451, 1);
    smtp.refuse('gone@acme.example', 550, 1);
    const later = await createPerson(admin, 'later@acme.example', 'Lee Later');
    const gone = await createPerson(admin, 'gone@acme.example', 'Gus Gone');
    await admin.post('/api/v1/admin/users/invitations', { user_ids: [later.id, gone.id] });
    const mail = await smtp.next('later@acme.example');
    assert.match(mail.subject, /is ready/);

    let failure;
    assert.ok(await eventually(async () => {
      const s = (await admin.get('/api/v1/admin/mail')).json;
      failure = s.recent_failures.find((f) => f.user_id === gone.id);
      return Boolean(failure);
    }, 10000));
    assert.equal(failure.kind, 'account.activate');
    assert.match(failure.last_error, /550/);
    const retry = await admin.post(`/api/v1/admin/mail/${failure.id}/retry`, {});
    assert.equal(retry.status, 204);
    await smtp.next('gone@acme.example');
    assertProblem(assert, await admin.post(`/api/v1/admin/mail/${failure.id}/retry`, {}), 404);
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    assert.match(metrics, /agora_mail_total\{outcome="retried"\} [1-9]/);
  });

  test('staff imported with invitations get them; the command line queues and the server sends', async () => {
    const r = await admin.request('POST', '/api/v1/admin/people/imports?invite=true', {
      raw: 'email,display_name\nimp1@acme.example,Imp One\nimp2@acme.example,Imp Two\n',
      headers: { 'Content-Type': 'text/csv' },
    });
    assert.equal(r.status, 202, r.text);
    let job;
    assert.ok(await eventually(async () => {
      job = (await admin.get(r.headers.get('location'))).json;
      return job.state === 'done';
    }, 10000));
    assert.equal(job.report.invited, 2);
    await smtp.next('imp1@acme.example');
    await smtp.next('imp2@acme.example');

    const file = join(server.dataDir, 'staff.csv');
    writeFileSync(file, 'email,display_name\nimp3@acme.example,Imp Three\n');
    const cli = runCli(['admin', 'import-people', file, '--invite'], { dataDir: server.dataDir });
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /1 invitations to activate queued/);
    const mail = await smtp.next('imp3@acme.example');
    assert.match(mail.subject, /is ready/);
  });

  test('people who have not chosen a language get mail in the site default; a choice wins', async () => {
    assert.equal((await admin.put('/api/v1/admin/languages/default', { language: 'de' })).status, 204);
    try {
      const person = await createPerson(admin, 'jonas@acme.example', 'Jonas Weber');
      await admin.post('/api/v1/admin/users/invitations', { user_ids: [person.id] });
      const mail = await smtp.next('jonas@acme.example');
      assert.equal(mail.subject, 'Ihr Konto auf Acme auf Agora ist bereit');
      assert.ok(mail.text.startsWith('Hallo Jonas Weber,'), mail.text);
      assert.match(mail.text, /Sie melden sich mit dieser Adresse an: jonas@acme\.example\./);
      assert.ok(mail.html.includes('Passwort wählen</a>'), mail.html);

      // A reset link for someone who reads Agora in Swedish: their language, and the hours
      // in its plural.
      const sara = await createPerson(admin, 'sara@acme.example', 'Sara Lind');
      await admin.patch(`/api/v1/admin/users/${sara.id}`, { password: 'sara-password-1' });
      const browser = new Client(server.url);
      assert.equal((await browser.login('sara@acme.example', 'sara-password-1')).status, 200);
      assert.equal((await browser.patch('/api/v1/me', { language: 'sv' })).status, 200);
      assert.equal((await admin.post(`/api/v1/admin/users/${sara.id}/password-reset`, {})).status, 202);
      const reset = await smtp.next('sara@acme.example');
      assert.equal(reset.subject, 'Återställ ditt lösenord på Acme på Agora');
      assert.ok(reset.text.startsWith('Hej Sara Lind!'), reset.text);
      assert.match(reset.text, /Länken fungerar en gång, i 24 timmar\./);
    } finally {
      await admin.put('/api/v1/admin/languages/default', { language: 'en' });
    }
  });
});

describe('community invitations and SMTP authentication', () => {
  test('a guest invited by e-mail gets the invitation by mail and follows it', async () => {
    const smtp = await startSmtp({ auth: { user: 'agora', pass: 'smtp-secret-1' } });
    const dir = mkdtempSync(join(tmpdir(), 'agora-smtp-'));
    writeFileSync(join(dir, 'password'), 'smtp-secret-1\n');
    const server = await startServer({ env: { ...mailEnv(smtp), AGORA_MAIL_USERNAME: 'agora', AGORA_MAIL_PASSWORD_FILE: join(dir, 'password') } });
    try {
      const admin = await setupAdmin(server);
      const community = await admin.post('/api/v1/communities', { name: 'Partners', handle: 'partners', type: 'restricted', allow_guests: true });
      assert.equal(community.status, 201, community.text);
      const inv = await admin.post(`/api/v1/communities/${community.json.id}/invitations`, { email: 'Guest@Partner.example' });
      assert.equal(inv.status, 201, inv.text);
      assert.equal(inv.json.mailed, true);
      const mail = await smtp.next('guest@partner.example');
      assert.match(mail.subject, /^Ada Admin invites you to Partners on Acme on Agora$/);
      assert.ok(smtp.logins.includes('agora'), 'signed in to the SMTP server');
      const outbox = (await admin.get('/api/v1/admin/mail')).json;
      assert.deepEqual(outbox.destination, { kind: 'smtp', target: smtp.url, user: 'agora' });
      assert.equal(outbox.transport, `SMTP ${smtp.url} as agora`);
      const token = linkToken(mail, '/invite');
      const anon = new Client(server.url);
      const accepted = await anon.post(`/api/v1/invitations/${token}/accept`, { display_name: 'Gia Guest', password: 'gia-password-1' });
      assert.equal(accepted.status, 201, accepted.text);
      assert.equal(accepted.json.role, 'guest');
    } finally {
      await server.stop();
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a wrong SMTP password delays mail (visible to admins) instead of losing it', async () => {
    const smtp = await startSmtp({ auth: { user: 'agora', pass: 'right-password' } });
    const server = await startServer({ env: { ...mailEnv(smtp), AGORA_MAIL_USERNAME: 'agora', AGORA_MAIL_PASSWORD: 'wrong-password' } });
    try {
      const admin = await setupAdmin(server);
      const person = await createPerson(admin, 'lou@acme.example', 'Lou');
      await admin.post('/api/v1/admin/users/invitations', { user_ids: [person.id] });
      let delayed;
      assert.ok(await eventually(async () => {
        delayed = (await admin.get('/api/v1/admin/mail')).json.delayed;
        return delayed.length === 1;
      }, 5000));
      assert.match(delayed[0].last_error, /535|[Ll]ogin/);
      assert.equal(smtp.mails.length, 0);
    } finally {
      await server.stop();
      await smtp.stop();
    }
  });
});

describe('the outbox across a crash', () => {
  test('mail queued while the SMTP server is away is sent after kill -9 and a restart', async () => {
    const smtp = await startSmtp();
    smtp.refuse('kay@acme.example', 451, -1);  // away: every attempt is refused for now
    const first = await startServer({ env: mailEnv(smtp) });
    const admin = await setupAdmin(first);
    const person = await createPerson(admin, 'kay@acme.example', 'Kay Kay');
    await admin.post('/api/v1/admin/users/invitations', { user_ids: [person.id] });
    // Tried and refused: admins see it waiting, with the server's answer.
    let delayed;
    assert.ok(await eventually(async () => {
      delayed = (await admin.get('/api/v1/admin/mail')).json.delayed;
      return delayed.length === 1;
    }, 5000));
    assert.match(delayed[0].last_error, /451/);
    assert.equal(delayed[0].state, 'queued');
    first.proc.kill('SIGKILL');
    await first.exited;
    smtp.refuse('kay@acme.example', 451, 0);  // back
    const second = await startServer({ env: mailEnv(smtp), dataDir: first.dataDir });
    try {
      const mail = await smtp.next('kay@acme.example', { ms: 20000 });
      assert.match(mail.subject, /is ready/);
    } finally {
      await second.stop();
      await smtp.stop();
    }
  });
});

// The staff directory from LDAP, through the real binary and a real directory server
// (Debian's slapd on loopback, an organization with managers, departments, Cyrillic and
// Scandinavian names and a photo): a dry run, a sync from the command line, a second sync
// that changes nothing, the directory's changes (a new title, a changed address, someone
// gone) followed, the admins' page of runs and "sync now", and sign-in with the directory
// password over StartTLS with a certificate that is checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, assertProblem, eventually, runCli, setupAdmin, startServer } from '../support/server.mjs';
import { BASE, person, startSlapd } from '../support/ldap.mjs';
import { png } from '../support/images.mjs';
import { recordSecret } from '../support/secrets.mjs';

const dnOf = (uid) => `uid=${uid},ou=people,${BASE}`;
const staff = [
  person({ uid: 'astrid', cn: 'Astrid Ødegård', displayName: 'Astrid Ødegård', mail: 'astrid@example.com', title: 'Chief Executive', departmentNumber: 'Ledelse', physicalDeliveryOfficeName: 'Oslo', telephoneNumber: '+47 22 00 00 00' }),
  person({ uid: 'bjorn', cn: 'Björn Åkesson', displayName: 'Björn Åkesson', mail: 'bjorn@example.com', title: 'Chief Technology Officer', departmentNumber: 'Engineering', manager: dnOf('astrid') }),
  person({ uid: 'ivan', cn: 'Иван Петров', displayName: 'Иван Петров', mail: 'ivan@example.com', title: 'Engineer', departmentNumber: 'Engineering', physicalDeliveryOfficeName: 'Sofia', manager: dnOf('bjorn'), userPassword: 'ivan-ldap-password-1' }),
  person({ uid: 'maria', cn: 'Мария Кузнецова', displayName: 'Мария Кузнецова', mail: 'maria@example.com', title: 'Engineer', departmentNumber: 'Engineering', manager: dnOf('bjorn'), jpegPhoto: png(40, 40) }),
  person({ uid: 'georgi', cn: 'Георги Димитров', mail: 'georgi@example.com', title: 'Analyst', departmentNumber: 'Finance', manager: dnOf('astrid') }),
  person({ uid: 'ingrid', cn: 'Ingrid Bergström', displayName: 'Ingrid Bergström', mail: 'ingrid@example.com', title: 'Designer', manager: `uid=someone,ou=elsewhere,${BASE}` }),
  person({ uid: 'soren', cn: 'Søren Kierkegård' }),  // no mail: left out, and said so
];

async function profileOf(client, email) {
  const list = await client.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`);
  const account = list.json.items.find((u) => u.email === email);
  assert.ok(account, `${email} in ${list.text}`);
  const profile = await client.get(`/api/v1/people/${account.handle}`);
  return { account, profile: profile.json };
}

describe('directory sync from LDAP', () => {
  let slapd;
  let server;
  let admin;
  let configFile;
  const sync = (...flags) => runCli(['admin', 'ldap-sync', '--config', configFile, ...flags], { dataDir: server.dataDir });
  before(async () => {
    slapd = await startSlapd({ entries: staff });
    server = await startServer({ config: slapd.config() });
    configFile = join(server.dataDir, 'test-config.toml');
    admin = await setupAdmin(server);
  });
  after(async () => {
    await server?.stop();
    await slapd?.stop();
  });

  test('a dry run says what would change and changes nothing', async () => {
    const r = sync('--dry-run');
    assert.equal(r.code, 1, r.stdout + r.stderr);  // one entry left out
    assert.match(r.stdout, new RegExp(`uid=soren,ou=people,${BASE}: no mail \\(left out\\)`));
    assert.match(r.stdout, /7 entries: 6 would be created, 0 would be updated, 0 unchanged, 1 left out, 0 no longer listed would be made alumni/);
    assert.match(r.stdout, /Dry run: nothing was changed/);
    assert.equal((await admin.get('/api/v1/admin/users')).json.items.length, 1);
  });

  test('a sync creates everyone with names, titles, departments, offices, phones, managers and photos', async () => {
    const r = sync();
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /7 entries: 6 created, 0 updated, 0 unchanged, 1 left out/);
    assert.match(r.stdout, /1 photos updated, 0 could not be read/);
    const ivan = await profileOf(admin, 'ivan@example.com');
    assert.equal(ivan.account.display_name, 'Иван Петров');
    assert.equal(ivan.account.role, 'member');
    assert.equal(ivan.profile.title, 'Engineer');
    assert.equal(ivan.profile.department, 'Engineering');
    assert.equal(ivan.profile.office, 'Sofia');
    const bjorn = await profileOf(admin, 'bjorn@example.com');
    assert.equal(bjorn.account.display_name, 'Björn Åkesson');
    assert.equal(ivan.profile.manager.id, bjorn.account.id);
    const astrid = await profileOf(admin, 'astrid@example.com');
    assert.equal(astrid.profile.phone, '+47 22 00 00 00');
    assert.equal(bjorn.profile.manager.id, astrid.account.id);
    assert.equal((await profileOf(admin, 'georgi@example.com')).account.display_name, 'Георги Димитров');  // cn when no displayName
    assert.equal((await profileOf(admin, 'ingrid@example.com')).profile.manager, null);  // a manager outside the sync
    assert.ok((await profileOf(admin, 'maria@example.com')).profile.photo, 'the photo from jpegPhoto');
  });

  test('a second sync with no changes changes nothing, photos included', async () => {
    const r = sync();
    assert.match(r.stdout, /7 entries: 0 created, 0 updated, 6 unchanged, 1 left out, 0 no longer listed made alumni/);
    assert.doesNotMatch(r.stdout, /photos updated/);
  });

  test('the directory\'s changes are followed: a title, an address, someone gone', async () => {
    const maria = await profileOf(admin, 'maria@example.com');
    slapd.modify(`dn: ${dnOf('ivan')}\nchangetype: modify\nreplace: title\ntitle: Senior Engineer\n`);
    slapd.modify(`dn: ${dnOf('maria')}\nchangetype: modify\nreplace: mail\nmail: maria.kuznetsova@example.com\n`);
    slapd.remove(dnOf('georgi'));
    const r = sync();
    assert.match(r.stdout, /6 entries: 0 created, 2 updated, 3 unchanged, 1 left out, 1 no longer listed made alumni/, r.stdout);
    assert.match(r.stdout, /1 addresses changed/);
    // The server's profile cache learns of a change made by the command line within seconds.
    assert.ok(await eventually(async () => (await profileOf(admin, 'ivan@example.com')).profile.title === 'Senior Engineer'));
    const moved = await profileOf(admin, 'maria.kuznetsova@example.com');
    assert.equal(moved.account.id, maria.account.id, 'the same account, its address changed');
    assert.equal((await profileOf(admin, 'georgi@example.com')).account.role, 'alumnus');
    // Accounts the directory did not bring are never touched (the admin stays an admin).
    assert.equal((await profileOf(admin, 'admin@example.com')).account.role, 'admin');
  });

  test('admins see the runs with what they changed, and start one from the web client\'s API', async () => {
    const page = await admin.get('/api/v1/admin/directory');
    assert.equal(page.status, 200);
    assert.equal(page.json.configured, true);
    assert.equal(page.json.url, slapd.url);
    assert.ok(!('bind_password' in page.json));
    assert.ok(page.json.runs.length >= 4);
    const last = page.json.runs[0];
    assert.equal(last.started_by, 'cli');
    assert.deepEqual(last.report.missing_people, ['georgi@example.com']);
    assert.deepEqual(last.report.updated_people.sort(), ['ivan@example.com', 'maria.kuznetsova@example.com']);
    assert.equal(page.json.runs.at(-1).dry_run, true);

    const started = await admin.post('/api/v1/admin/directory/sync', { dry_run: true });
    assert.equal(started.status, 202, started.text);
    let after;
    for (let i = 0; i < 100; i++) {
      after = await admin.get('/api/v1/admin/directory');
      if (!after.json.running && after.json.runs[0].started_by === 'admin') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(after.json.runs[0].started_by, 'admin');
    assert.equal(after.json.runs[0].dry_run, true);
    assert.equal(after.json.runs[0].report.unchanged, 5);
    assertProblem(assert, await admin.post('/api/v1/admin/directory/sync', { dry_run: 'yes' }), 422, { field: 'dry_run' });
    const member = new Client(server.url);
    assert.equal((await member.get('/api/v1/admin/directory')).status, 401);
  });
});

describe('sign-in with the directory password, over StartTLS', () => {
  let slapd;
  let server;
  let admin;
  before(async () => {
    slapd = await startSlapd({ entries: staff.slice(0, 4), tls: true });
    server = await startServer({ config: slapd.config({ start_tls: true, tls_ca_file: slapd.caFile, sign_in: true, missing: 'deactivate' }) });
    admin = await setupAdmin(server);
  });
  after(async () => {
    await server?.stop();
    await slapd?.stop();
  });

  test('people from the directory sign in with its password; others with their own', async () => {
    const started = await admin.post('/api/v1/admin/directory/sync', {});
    assert.equal(started.status, 202);
    for (let i = 0; i < 100 && ((await admin.get('/api/v1/admin/directory')).json.running || (await admin.get('/api/v1/admin/directory')).json.runs.length === 0); i++)
      await new Promise((r) => setTimeout(r, 100));
    const run = (await admin.get('/api/v1/admin/directory')).json.runs[0];
    assert.equal(run.error, '');
    assert.equal(run.report.created, 4);

    const ivan = new Client(server.url);
    assert.equal((await ivan.login('ivan@example.com', 'ivan-ldap-password-1')).status, 200);
    assert.equal((await ivan.get('/api/v1/me')).json.display_name, 'Иван Петров');
    assertProblem(assert, await new Client(server.url).login('ivan@example.com', 'wrong-password'), 401);
    // The directory decides: a new password there works at once, the old one no longer.
    recordSecret('ivan-new-ldap-password-2');
    slapd.modify(`dn: ${dnOf('ivan')}\nchangetype: modify\nreplace: userPassword\nuserPassword: ivan-new-ldap-password-2\n`);
    assertProblem(assert, await new Client(server.url).login('ivan@example.com', 'ivan-ldap-password-1'), 401);
    assert.equal((await new Client(server.url).login('ivan@example.com', 'ivan-new-ldap-password-2')).status, 200);
    // The admin, not from the directory, signs in with the password kept here.
    assert.equal((await new Client(server.url).login('admin@example.com', 'admin-password-1')).status, 200);
  });

  test('someone gone from the directory is deactivated (missing = deactivate) and signs out everywhere', async () => {
    const ivan = new Client(server.url);
    assert.equal((await ivan.login('ivan@example.com', 'ivan-new-ldap-password-2')).status, 200);
    slapd.remove(dnOf('ivan'));
    const r = runCli(['admin', 'ldap-sync', '--config', join(server.dataDir, 'test-config.toml')], { dataDir: server.dataDir });
    assert.match(r.stdout, /3 entries: 0 created, 0 updated, 3 unchanged, 0 left out, 1 no longer listed deactivated/, r.stdout + r.stderr);
    let status;
    for (let i = 0; i < 50; i++) {  // the server learns of a change made by the command line within seconds
      status = (await ivan.get('/api/v1/me')).status;
      if (status === 401) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(status, 401);
  });

  test('a directory certificate that is not trusted stops the sync', () => {
    const file = join(server.dataDir, 'untrusted.toml');
    writeFileSync(file, slapd.config({ start_tls: true }));
    const r = runCli(['admin', 'ldap-sync', '--config', file], { dataDir: server.dataDir });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /StartTLS/);
  });
});

describe('scheduled directory sync', () => {
  let slapd;
  let server;
  before(async () => {
    slapd = await startSlapd({ entries: staff.slice(0, 2) });
    server = await startServer({ config: slapd.config({ sync_minutes: 60 }) });
  });
  after(async () => {
    await server?.stop();
    await slapd?.stop();
  });

  test('a directory never synced is synced soon after the server starts, then on its schedule', async () => {
    const admin = await setupAdmin(server);
    let runs = [];
    assert.ok(await eventually(async () => {
      runs = (await admin.get('/api/v1/admin/directory')).json.runs;
      return runs.length > 0 && runs[0].finished_at;
    }, 15_000), JSON.stringify(runs));
    assert.equal(runs[0].started_by, 'schedule');
    assert.equal(runs[0].dry_run, false);
    assert.equal(runs[0].report.created, 2);
    assert.equal((await admin.get('/api/v1/admin/directory')).json.sync_minutes, 60);
  });
});

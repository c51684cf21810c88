// Importing the staff list from CSV with `agora admin import-people`: dry run, create,
// idempotent re-import, bad rows by line, importing only the good rows, alumni marking.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, assertProblem, eventually, runCli, setupAdmin, startServer } from '../support/server.mjs';

describe('staff import from the command line', () => {
  let server;
  let admin;
  let dir;
  const file = (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const importCsv = (path, ...flags) => runCli(['admin', 'import-people', path, ...flags], { dataDir: server.dataDir });
  const staff = [
    'email,display_name,title,department,office,country,manager_email,phone,expertise',
    'ceo@example.com,Carla Chief,CEO,Management,Stockholm,SE,,,Leadership',
    'ana@example.com,"Berg, Ana",Engineer,Platform,Oslo,no,ceo@example.com,+47 22 00,Kubernetes;Go',
    'dmitri@example.com,Дмитрий Иванов,Developer,Platform,Sofia,BG,ana@example.com,,kubernetes',
  ].join('\n');

  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    dir = mkdtempSync(join(tmpdir(), 'agora-import-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const find = async (q) => (await admin.get(`/api/v1/people?q=${encodeURIComponent(q)}`)).json.items;

  test('a dry run reports and changes nothing', async () => {
    const r = importCsv(file('staff.csv', staff), '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 rows: 3 would be created/);
    assert.equal((await find('carla')).length, 0);
  });

  test('the import creates people with their profiles and reporting line', async () => {
    const r = importCsv(join(dir, 'staff.csv'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 rows: 3 created, 0 updated, 0 unchanged, 0 bad/);
    const [dmitri] = await find('дмитрий');
    const chain = await admin.get(`/api/v1/people/${dmitri.id}/managers`);
    assert.deepEqual(chain.json.items.map((p) => p.display_name), ['Berg, Ana', 'Carla Chief']);
    const ana = (await admin.get(`/api/v1/people/${(await find('berg'))[0].id}`)).json;
    assert.equal(ana.country, 'NO');
    assert.deepEqual(ana.expertise, ['go', 'kubernetes']);
    assert.equal(ana.phone, '+47 22 00');
    assert.equal((await admin.get('/api/v1/people?expertise=kubernetes')).json.items.length, 2);
  });

  test('importing the same file again changes nothing; a changed row is an update', async () => {
    assert.match(importCsv(join(dir, 'staff.csv')).stdout, /0 created, 0 updated, 3 unchanged/);
    const changed = staff.replace('Engineer,Platform', 'Staff Engineer,Platform');
    assert.match(importCsv(file('changed.csv', changed)).stdout, /0 created, 1 updated, 2 unchanged/);
  });

  test('bad rows are reported by line and nothing changes unless asked', async () => {
    const bad = [
      'email,display_name,manager_email,country',
      'new1@example.com,New One,,SE',
      'not-an-email,Someone,,',
      'new2@example.com,New Two,nobody@example.com,',
      'ceo@example.com,Carla Chief,ana@example.com,',
      'new3@example.com,,,',
      'new4@example.com,New Four,,Swedenland',
      'new1@example.com,Again,,',
    ].join('\n');
    const r = importCsv(file('bad.csv', bad));
    assert.equal(r.code, 1);
    for (const expected of [/line 3, email: "not-an-email" is not an e-mail address/, /line 4, manager_email: no one with this e-mail/,
      /line 5, manager_email: this makes a loop/, /line 6, display_name:/, /line 7, country:/, /line 8, email: the same person as line 2/])
      assert.match(r.stdout, expected);
    assert.match(r.stdout, /Nothing was changed/);
    assert.equal((await find('new')).length, 0, 'a file with bad rows changes nothing');
    const partial = importCsv(join(dir, 'bad.csv'), '--import-valid-rows');
    assert.equal(partial.code, 1);
    assert.match(partial.stdout, /1 created/);
    assert.deepEqual((await find('new')).map((p) => p.display_name), ['New One']);
  });

  test('a file saved by a spreadsheet with semicolons (Swedish, German, Russian Excel) imports too', async () => {
    const r = importCsv(file('excel.csv', '\uFEFFemail;display_name;country\nsemi@example.com;"Kolon, Semi";Sverige\n'), '--dry-run');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 would be created/);
  });

  test('columns left out of a file leave those fields alone', async () => {
    const r = importCsv(file('names.csv', 'email,display_name\nana@example.com,"Berg, Ana"\n'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 unchanged/);
    // The command line is another process: a profile read a moment ago shows its change
    // within a second (people/viewed_cache.h).
    const id = (await find('berg'))[0].id;
    let ana;
    assert.ok(await eventually(async () => (ana = (await admin.get(`/api/v1/people/${id}`)).json).title === 'Staff Engineer'), ana.title);
    assert.equal(ana.manager.display_name, 'Carla Chief');
  });

  test('files that are not a staff list are refused with a reason', async () => {
    const unknown = importCsv(file('unknown.csv', 'email,display_name,salary\na@example.com,A,100\n'));
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown column "salary"/);
    const open = importCsv(file('open.csv', 'email,display_name\na@example.com,"never closed\n'));
    assert.equal(open.code, 1);
    assert.match(open.stderr, /quoted field|malformed/);
    const latin1 = importCsv(file('latin1.csv', Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe5, 0x0a])));
    assert.equal(latin1.code, 1);
    assert.match(latin1.stderr, /UTF-8/);
  });

  test('people missing from the file become alumni only when asked', async () => {
    const extra = await admin.post('/api/v1/admin/users', { email: 'leaver@example.com', display_name: 'Lee Leaver', password: 'leaver-password' });
    assert.equal(extra.status, 201);
    importCsv(join(dir, 'changed.csv'));
    assert.equal((await admin.get(`/api/v1/people/${extra.json.id}`)).json.role, 'member');
    const r = importCsv(join(dir, 'changed.csv'), '--mark-missing-alumni');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /marked alumni/);
    const role = async () => (await admin.get(`/api/v1/people/${extra.json.id}`)).json.role;
    assert.ok(await eventually(async () => (await role()) === 'alumnus'), await role());
    assert.equal((await admin.get(`/api/v1/people/${admin.user.id}`)).json.role, 'admin', 'admins are never marked');
    const lee = new Client(server.url);
    assert.equal((await lee.login('leaver@example.com', 'leaver-password')).status, 200, 'alumni keep their sign-in');
  });
});

describe('staff import through the admin API', () => {
  let server;
  let admin;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
  });
  after(() => server.stop());

  async function runImport(client, csv, query = '') {
    const started = await client.request('POST', `/api/v1/admin/people/imports${query}`, { raw: csv, headers: { 'Content-Type': 'text/csv' } });
    if (started.status !== 202) return started;
    let job = started.json;
    const seenProgress = [];
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      job = (await client.get(started.headers.get('location'))).json;
      seenProgress.push(job.done);
    }
    return { status: 202, job, seenProgress };
  }

  test('starts, reports progress, and applies', async () => {
    const rows = ['email,display_name,department,manager_email'];
    rows.push('boss@example.com,The Boss,Management,');
    for (let i = 0; i < 2500; i++) rows.push(`p${i}@example.com,Person ${i},Ops,boss@example.com`);
    const r = await runImport(admin, rows.join('\n'));
    assert.equal(r.status, 202);
    assert.equal(r.job.state, 'done', JSON.stringify(r.job));
    assert.equal(r.job.report.created, 2501);
    assert.equal(r.job.report.applied, true);
    assert.equal(r.job.done, r.job.total);
    const reports = await admin.get(`/api/v1/people/${(await admin.get('/api/v1/people?q=boss')).json.items[0].id}/reports`);
    assert.equal(reports.json.items.length, 1000, 'direct reports are listed (capped at 1000)');
  });

  test('bad rows come back by line; nothing changes', async () => {
    const r = await runImport(admin, 'email,display_name\nfresh@example.com,Fresh\nbroken,Broken\n');
    assert.equal(r.job.state, 'done');
    assert.equal(r.job.report.applied, false);
    assert.deepEqual(r.job.report.problems, [{ line: 3, field: 'email', reason: '"broken" is not an e-mail address' }]);
    assert.equal((await admin.get('/api/v1/people?q=fresh')).json.items.length, 0);
  });

  test('refusals: wrong type, not admin, malformed file', async () => {
    assertProblem(assert, await admin.request('POST', '/api/v1/admin/people/imports', { raw: 'a,b', headers: { 'Content-Type': 'application/json' } }), 415);
    await admin.post('/api/v1/admin/users', { email: 'm@example.com', display_name: 'M', password: 'member-password' });
    const member = new Client(server.url);
    await member.login('m@example.com', 'member-password');
    assertProblem(assert, await member.request('POST', '/api/v1/admin/people/imports', { raw: 'email,display_name\n', headers: { 'Content-Type': 'text/csv' } }), 403);
    const failed = await runImport(admin, 'email,display_name,shoe_size\n');
    assert.equal(failed.job.state, 'failed');
    assert.match(failed.job.error.detail, /unknown column "shoe_size"/);
  });
});

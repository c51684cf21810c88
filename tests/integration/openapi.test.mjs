// The API description itself: it passes `redocly lint` with the recommended rules, and the
// contract check every other test runs through (support/openapi.mjs) catches drift.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { startServer, setupAdmin, Client } from '../support/server.mjs';
import { Contract } from '../support/openapi.mjs';

let server;
let admin;
let spec;

before(async () => {
  server = await startServer();
  admin = await setupAdmin(server);
  spec = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
});
after(async () => server.stop());

test('the description passes redocly lint with the recommended rules, without warnings', () => {
  // At the path .redocly.lint-ignore.yaml names (the findings switched off, with reasons).
  mkdirSync('build', { recursive: true });
  writeFileSync('build/openapi-lint.json', JSON.stringify(spec, null, 1));
  const r = spawnSync('npx', ['--no-install', 'redocly', 'lint', '--config', 'redocly.yaml', 'build/openapi-lint.json'],
    { encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout}\n${r.stderr}`;
  assert.equal(r.status, 0, out);
  assert.match(out, /Your API description is valid/, out);
  assert.doesNotMatch(out, /warning/i, out);
});

test("the web client's types are generated from this description (npm run api-types)", () => {
  // openapi-typescript over the served description must give the committed file exactly:
  // otherwise the client was built against another API than the server's.
  mkdirSync('build', { recursive: true });
  const specFile = `build/openapi-types-${process.pid}.json`;
  const typesFile = `build/api_schema-${process.pid}.d.ts`;
  writeFileSync(specFile, JSON.stringify(spec, null, 2) + '\n');
  try {
    const r = spawnSync('npx', ['--no-install', 'openapi-typescript', specFile, '-o', typesFile], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(typesFile, 'utf8') === readFileSync('web/src/api_schema.d.ts', 'utf8'),
      'web/src/api_schema.d.ts is out of date: run `npm run api-types` after building, and commit it');
  } finally {
    rmSync(specFile, { force: true });
    rmSync(typesFile, { force: true });
  }
});

test('every operation has a unique operationId, a summary and a success answer (4xx: redocly lint)', () => {
  const ids = new Set();
  let count = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      count++;
      assert.ok(op.operationId, `${method} ${path} has no operationId`);
      assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} twice`);
      ids.add(op.operationId);
      assert.ok(op.summary, `${method} ${path} has no summary`);
      const statuses = Object.keys(op.responses);
      assert.ok(statuses.some((s) => /^[123]/.test(s)), `${method} ${path} answers no success`);
    }
  }
  assert.ok(count > 120, `only ${count} operations`);
});

test('the contract check fails on a wrong answer shape, an undocumented status, a bad header and an accepted invalid request', async () => {
  const contract = new Contract(spec);
  const me = await admin.get('/api/v1/me');  // passes the check (it runs inside admin.get)
  assert.equal(me.status, 200);
  const answer = (json, status = 200, headers = me.headers) => ({ status, headers, json, text: JSON.stringify(json) });
  const req = { method: 'GET', path: '/api/v1/me' };
  assert.doesNotThrow(() => contract.verify(req, answer(me.json)));

  const missing = { ...me.json };
  delete missing.email;
  assert.throws(() => contract.verify(req, answer(missing)), /must have required property 'email'/);
  assert.throws(() => contract.verify(req, answer({ ...me.json, surprise: 1 })), /must NOT have unevaluated properties: surprise/);
  assert.throws(() => contract.verify(req, answer({ ...me.json, role: 'emperor' })), /role must be equal to one of the allowed values/);
  assert.throws(() => contract.verify(req, answer({ ...me.json, id: 42 })), /\/id must be string/);
  assert.throws(() => contract.verify(req, answer(me.json, 418)), /status 418 is not one the operation answers/);

  // A composition (allOf) is closed as a whole: its parts' fields pass, others do not.
  const search = { method: 'GET', path: '/api/v1/people?q=ada' };
  const entry = { id: me.json.id, handle: 'ada', display_name: 'Ada', title: '', department: '',
    country: '', alumnus: false, photo: null, endorsements: 2 };
  const page = (items) => answer({ items, next_cursor: null });
  assert.doesNotThrow(() => contract.verify(search, page([entry])));
  assert.throws(() => contract.verify(search, page([{ ...entry, surprise: true }])), /unevaluated properties: surprise/);
  assert.throws(() => contract.verify(search, page([{ ...entry, endorsements: 'two' }])), /endorsements must be integer/);

  // A 429 must say how long to wait.
  const limited = { type: '/problems/rate-limited', title: 'Too Many Requests', status: 429, detail: 'slow down' };
  const problemHeaders = (extra) => new Headers({ 'content-type': 'application/problem+json', ...extra });
  const post = { method: 'POST', path: '/api/v1/posts', body: '{"body":"hi"}', contentType: 'application/json' };
  const rate = { 'ratelimit-remaining': '0', 'ratelimit-reset': '3' };
  assert.doesNotThrow(() => contract.verify(post, answer(limited, 429, problemHeaders({ 'retry-after': '3', ...rate }))));
  assert.throws(() => contract.verify(post, answer(limited, 429, problemHeaders(rate))), /header Retry-After is missing/);
  assert.throws(() => contract.verify(post, answer(limited, 429, problemHeaders({ 'retry-after': 'soon', ...rate }))), /header Retry-After/);
  assert.throws(() => contract.verify(post, answer(limited, 429, problemHeaders({ 'retry-after': '3' }))), /header RateLimit-Remaining is missing/);

  // A request the description calls invalid must not be accepted.
  const bad = { ...post, body: '{"body":"hi","colour":"red"}' };
  assert.throws(() => contract.verify(bad, answer({}, 201)), /accepted a request the description calls invalid/);
  assert.doesNotThrow(() => contract.verify(bad, answer({ type: '/problems/invalid-field', title: 'x', status: 422 }, 422,
    problemHeaders({}))));
});

test('a request through the test client that the server answers off-description fails the test', { skip: Boolean(process.env.AGORA_CONTRACT_REPORT) && 'the contract is reporting, not failing' }, async () => {
  // The client's own check: an unknown query parameter that the server ignores is drift.
  const c = new Client(server.url);
  await assert.rejects(() => c.get('/api/v1/languages?colour=red'), /query parameter colour is not in the description/);
});

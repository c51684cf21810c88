// A client made from the API description by generators nobody here wrote: openapi-typescript
// turns GET /api/v1/openapi.json into types, openapi-fetch makes the calls, TypeScript
// checks the program against those types (a field the description lacks fails to compile),
// and the program then signs in with a personal access token, posts, reads the home feed,
// creates a community and reads it back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, setupAdmin } from '../support/server.mjs';
import { recordSecret } from '../support/secrets.mjs';

let server;
let token;
// Inside the repository, so that the program finds openapi-fetch in node_modules.
const dir = resolve('build', `generated-client-${process.pid}`);

before(async () => {
  server = await startServer();
  const admin = await setupAdmin(server);
  const made = await admin.post('/api/v1/auth/tokens', { name: 'generated client' });
  assert.equal(made.status, 201, made.text);
  token = made.json.token;
  recordSecret(token);
  mkdirSync(dir, { recursive: true });
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server.stop();
});

const program = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

declare const process: { env: Record<string, string | undefined>; exit(code: number): never };  // (no @types/node here)
const client = createClient<paths>({
  baseUrl: process.env.AGORA_URL,
  headers: { Authorization: \`Bearer \${process.env.AGORA_TOKEN}\` },
});

async function main() {
  const me = await client.GET('/api/v1/me');
  if (!me.data) throw new Error(\`me: \${me.response.status}\`);
  const posted = await client.POST('/api/v1/posts', {
    body: { body: 'Hello from a generated client #openapi', audience: 'organization' },
  });
  if (!posted.data) throw new Error(\`post: \${posted.response.status} \${JSON.stringify(posted.error)}\`);
  const feed = await client.GET('/api/v1/feed', { params: { query: { limit: 10 } } });
  if (!feed.data) throw new Error(\`feed: \${feed.response.status}\`);
  const made = await client.POST('/api/v1/communities', {
    body: { name: 'Generated clients', handle: 'generated-clients', type: 'open', tags: ['openapi'] },
  });
  if (!made.data) throw new Error(\`community: \${made.response.status} \${JSON.stringify(made.error)}\`);
  const community = await client.GET('/api/v1/communities/{id}', { params: { path: { id: made.data.handle } } });
  if (!community.data) throw new Error(\`community read: \${community.response.status}\`);
  const missing = await client.GET('/api/v1/posts/{id}', { params: { path: { id: '1' } } });
  console.log(JSON.stringify({
    me: me.data.display_name,
    post: { id: posted.data.id, author: posted.data.author.display_name, tags: posted.data.tags },
    feedIds: feed.data.items.map((p) => p.id),
    community: { name: community.data.name, members: community.data.member_count, role: community.data.membership?.role },
    missing: { status: missing.response.status, type: missing.error?.type },
  }));
}
main().catch((e) => { console.error(e); process.exit(1); });
`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000, ...opts });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('a client generated with openapi-typescript and openapi-fetch signs in with a token, posts, reads the feed and a community', async () => {
  const spec = await (await fetch(`${server.url}/api/v1/openapi.json`)).text();
  writeFileSync(join(dir, 'openapi.json'), spec);
  run('npx', ['--no-install', 'openapi-typescript', join(dir, 'openapi.json'), '-o', join(dir, 'schema.d.ts')]);
  writeFileSync(join(dir, 'client.ts'), program);
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out',
      skipLibCheck: true, types: [], lib: ['ES2022', 'DOM'],
    },
    files: ['client.ts'],
  }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  // Type-checks the program against the generated types, then compiles it.
  run('npx', ['--no-install', 'tsc', '-p', join(dir, 'tsconfig.json')]);
  const out = run('node', [join(dir, 'out', 'client.js')], { env: { ...process.env, AGORA_URL: server.url, AGORA_TOKEN: token } });
  const result = JSON.parse(out.trim().split('\n').pop());
  assert.equal(result.me, 'Ada Admin');
  assert.equal(result.post.author, 'Ada Admin');
  assert.deepEqual(result.post.tags, ['openapi']);
  assert.ok(result.feedIds.includes(result.post.id), 'the new post is in the home feed');
  assert.deepEqual(result.community, { name: 'Generated clients', members: 1, role: 'owner' });
  assert.deepEqual(result.missing, { status: 404, type: '/problems/not-found' });
});

test('a program that uses a field the description does not have fails to compile', () => {
  writeFileSync(join(dir, 'wrong.ts'), `
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:1' });
export async function wrong() {
  const r = await client.GET('/api/v1/me');
  return r.data?.favourite_colour;
}
`);
  writeFileSync(join(dir, 'tsconfig.wrong.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ['ES2022', 'DOM'] },
    files: ['wrong.ts'],
  }));
  const r = spawnSync('npx', ['--no-install', 'tsc', '-p', join(dir, 'tsconfig.wrong.json')], { encoding: 'utf8', timeout: 180_000 });
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /favourite_colour/);
});

// Starts the real agora binary on a free port with a fresh data directory, and gives tests
// an HTTP client that keeps the session cookie and CSRF token like a browser would.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { recordCookies, recordLog, recordSecret, recordSecretsIn } from './secrets.mjs';
import { databaseEnv } from './database.mjs';
import { contractFor } from './openapi.mjs';

export const BINARY = process.env.TEST_AGORA_BINARY || resolve('build/agora');

// The server refuses unknown AGORA_* variables, so hand it only ours.
function serverEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AGORA_')) env[k] = v;
  // The access log is on (info), so that the whole run's logs can be checked for secrets.
  return { ...env, AGORA_AUTH_PASSWORD_HASH: 'minimum', AGORA_LOG_LEVEL: 'info', ...extra };
}

export function runCli(args, { dataDir, input, env } = {}) {
  const r = spawnSync(BINARY, [...args, ...(dataDir ? ['--data', dataDir] : [])], {
    input,
    env: serverEnv({ ...(dataDir ? databaseEnv(dataDir) : {}), ...env }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (input) recordSecret(String(input).trim());  // passwords given on stdin
  recordLog(`cli-${args[0]}`, r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// `config`: text of a configuration file (TOML) the server is started with.
export async function startServer({ env = {}, dataDir, config } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'agora-it-'));
  const args = ['serve', '--data', dir, '--listen', '127.0.0.1:0'];
  if (config) {
    writeFileSync(join(dir, 'test-config.toml'), config);
    args.push('--config', join(dir, 'test-config.toml'));
  }
  const proc = spawn(BINARY, args, {
    env: serverEnv({ ...databaseEnv(dir), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 20_000);
    proc.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/running at (http:\/\/[^/\s]+)\//);
      if (m && stdout.includes('Stop with')) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  // The description every exchange is checked against, read while the server surely answers
  // (a test may stop it with requests in flight).
  await contractFor(url);
  const setupToken = stdout.match(/setup#token=([\w-]+)/)?.[1];
  recordSecret(setupToken);
  const exited = new Promise((r) => proc.on('exit', (code, signal) => {
    recordLog('serve', stderr);
    r({ code, signal });
  }));
  return {
    url,
    port: Number(new URL(url).port),
    dataDir: dir,
    setupToken,
    proc,
    exited,
    stderr: () => stderr,
    async stop({ keepData = false } = {}) {
      // One SIGTERM only: a second one during shutdown is a request to die at once.
      if (proc.exitCode === null && proc.signalCode === null && !proc.killed) proc.kill('SIGTERM');
      const result = await exited;
      if (result.code !== 0) console.error(`agora exited with ${result.code ?? result.signal}:\n${stderr.slice(-20000)}`);
      if (!keepData && !dataDir) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}

// A client with a cookie jar of one cookie (the session) and the CSRF token from sign-in.
export class Client {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.device = '';  // agora_device, sent only to /api/v1/auth/ like a browser would (its Path)
    this.csrf = '';
    this.token = '';
  }
  async request(method, path, { body, headers = {}, raw, csrf = true, contract = true } = {}) {
    const h = { ...headers };
    const cookies = [this.cookie, path.startsWith('/api/v1/auth/') ? this.device : ''].filter(Boolean);
    if (cookies.length) h.Cookie = cookies.join('; ');
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    if (csrf && this.csrf && method !== 'GET') h['X-CSRF-Token'] = this.csrf;
    let payload = raw;
    if (body !== undefined) {
      recordSecretsIn(body);
      payload = JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    recordCookies(setCookie);
    if (setCookie) {
      const m = setCookie.match(/agora_session=([^;]*)/);
      if (m) this.cookie = m[1] ? `agora_session=${m[1]}` : '';
      const d = setCookie.match(/agora_device=([^;,]*)/);
      if (d) this.device = d[1] ? `agora_device=${d[1]}` : '';
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    recordSecretsIn(json);
    const answer = { status: res.status, headers: res.headers, text, json, bytes, setCookie };
    // Every exchange is held to the API description (support/openapi.mjs); `contract: false`
    // only for requests that are deliberately outside HTTP's rules (raw bytes, wrong framing).
    if (contract) {
      const exchange = { method, path, body: payload, contentType: Object.entries(h).find(([k]) => k.toLowerCase() === 'content-type')?.[1] };
      try {
        (await contractFor(this.base)).verify(exchange, answer);
      } catch (e) {
        // AGORA_CONTRACT_REPORT=FILE: list every difference of a run instead of stopping at the first.
        if (!process.env.AGORA_CONTRACT_REPORT) throw e;
        appendFileSync(process.env.AGORA_CONTRACT_REPORT, `${e.message}\n`);
      }
    }
    return answer;
  }
  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.request('PATCH', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.request('PUT', path, { ...opts, body }); }
  delete(path, opts) { return this.request('DELETE', path, opts); }

  async login(email, password) {
    const r = await this.post('/api/v1/auth/login', { email, password });
    if (r.status === 200) this.csrf = r.json.csrf_token;
    return r;
  }
}

// Creates the first admin through the setup link and returns a signed-in client.
export async function setupAdmin(server, { email = 'admin@example.com', password = 'admin-password-1', name = 'Ada Admin' } = {}) {
  const c = new Client(server.url);
  const r = await c.post('/api/v1/auth/setup', { token: server.setupToken, email, display_name: name, password });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${r.text}`);
  c.csrf = r.json.csrf_token;
  c.user = r.json.user;
  return c;
}

// Creates accounts through the admin API and signs each in: `specs` is [[key, role, name?]];
// the e-mail is key@example.com and the password key-password-1. Returns { people, clients }
// keyed by `key` (people: the created accounts).
export async function addPeople(server, admin, specs) {
  const people = {};
  const clients = {};
  for (const [key, role, name] of specs) {
    const r = await admin.post('/api/v1/admin/users', { email: `${key}@example.com`, display_name: name ?? `${key.toUpperCase()} Person`, role, password: `${key}-password-1` });
    if (r.status !== 201) throw new Error(`creating ${key} failed: ${r.status} ${r.text}`);
    people[key] = r.json;
    clients[key] = new Client(server.url);
    const login = await clients[key].login(`${key}@example.com`, `${key}-password-1`);
    if (login.status !== 200) throw new Error(`signing in ${key} failed: ${login.status}`);
  }
  return { people, clients };
}

// Sends raw bytes on a TCP connection and collects everything the server answers until it
// closes (or `waitMs` passes).
export function rawExchange(port, chunks, { waitMs = 3000, gapMs = 0 } = {}) {
  return new Promise((resolveExchange) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    let closed = false;
    const started = Date.now();
    socket.on('data', (d) => (data += d.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => {
      closed = true;
      resolveExchange({ data, closed, ms: Date.now() - started });
    });
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (socket.destroyed) break;
        socket.write(c);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    setTimeout(() => {
      if (!closed) {
        socket.destroy();
        resolveExchange({ data, closed: false, ms: Date.now() - started });
      }
    }, waitMs);
  });
}

export function assertProblem(assert, res, status, { type, field, reason, limit } = {}) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(res.json.status, status);
  assert.ok(res.json.type.startsWith('/problems/'), res.text);
  if (type) assert.equal(res.json.type, type);
  if (field) assert.equal(res.json.field, field);
  if (reason) assert.equal(res.json.reason, reason, res.text);
  if (limit) assert.equal(res.json.limit, limit, res.text);
}

// Retries `check` until it returns true or `ms` pass: for changes made by another process
// (the command line), which a running server sees within its one-second credential cache.
export async function eventually(check, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Collects every secret a test run is given (tokens, session cookies, passwords it sends)
// and every log the servers it starts write, into AGORA_TEST_LOG_DIR when that is set
// (scripts/run-tests.sh sets it). tests/logs/no_secrets.test.mjs then greps all the logs of
// the whole integration run for all the secrets: none may appear in any log line.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.AGORA_TEST_LOG_DIR;
if (dir) mkdirSync(dir, { recursive: true });
const seen = new Set();
let logs = 0;

export function recordSecret(value) {
  if (!dir || typeof value !== 'string' || value.length < 8 || seen.has(value)) return;
  seen.add(value);
  appendFileSync(join(dir, `secrets-${process.pid}.txt`), `${value}\n`);
}

// Keys whose string values are secrets, in request and response bodies.
const SECRET_KEY = /(^|_)(token|password|secret)$/i;

// Walks a JSON value and records secrets: values of secret-named keys, and tokens carried in
// links ("/invite#token=...").
export function recordSecretsIn(value, key = '') {
  if (typeof value === 'string') {
    if (SECRET_KEY.test(key)) recordSecret(value);
    for (const m of value.matchAll(/token=([\w-]{16,})/g)) recordSecret(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) recordSecretsIn(v, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) recordSecretsIn(v, k);
  }
}

// Every cookie value the server sets is a credential of some kind.
export function recordCookies(setCookie) {
  if (!setCookie) return;
  for (const m of setCookie.matchAll(/(?:^|,\s*)[\w-]+=([^;,\s]{8,})/g)) recordSecret(m[1]);
}

// Keeps what a server (or a command) wrote to its log.
export function recordLog(name, text) {
  if (!dir || !text) return;
  logs += 1;
  appendFileSync(join(dir, `log-${process.pid}-${logs}-${name}.log`), text);
}

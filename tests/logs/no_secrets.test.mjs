// Runs after the integration suite (scripts/run-tests.sh): every log line that run's servers
// and commands wrote is searched for every secret the tests were given (session cookies,
// CSRF tokens, personal access tokens, invitation and setup tokens, passwords they sent).
// One match fails: tokens that travel in a path must appear in the access log as "{token}".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.AGORA_TEST_LOG_DIR;

test('no secret given to the integration tests appears in any log line', { skip: !dir && 'AGORA_TEST_LOG_DIR is not set' }, () => {
  const files = readdirSync(dir);
  const secrets = new Set();
  for (const f of files.filter((f) => f.startsWith('secrets-')))
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) if (line) secrets.add(line);
  const logs = files.filter((f) => f.startsWith('log-')).map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
  // The search means something only if the run produced both, access log lines included,
  // and requests with a token in their path among them.
  assert.ok(secrets.size >= 100, `secrets recorded: ${secrets.size}`);
  assert.ok(logs.length >= 10, `logs recorded: ${logs.length}`);
  const lines = logs.reduce((n, l) => n + l.text.split('\n').length, 0);
  assert.ok(lines >= 1000, `log lines: ${lines}`);
  assert.ok(logs.some((l) => l.text.includes('"path":"/api/v1/invitations/{token}')), 'invitation paths are logged, redacted');
  const leaks = [];
  for (const secret of secrets)
    for (const log of logs) {
      const at = log.text.indexOf(secret);
      if (at >= 0) leaks.push(`${log.name}: ${log.text.slice(Math.max(0, log.text.lastIndexOf('\n', at) + 1), log.text.indexOf('\n', at))}`);
    }
  assert.deepEqual(leaks, [], `secrets found in logs:\n${leaks.slice(0, 20).join('\n')}`);
});

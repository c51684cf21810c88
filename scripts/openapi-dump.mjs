// Writes the API description a freshly started server serves (GET /api/v1/openapi.json) to a
// file, for `redocly lint` and for the web client's generated types.
// Usage: node scripts/openapi-dump.mjs OUT.json   (TEST_AGORA_BINARY names the binary)
import { writeFileSync } from 'node:fs';
import { startServer } from '../tests/support/server.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/openapi-dump.mjs OUT.json');
const server = await startServer();
try {
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  writeFileSync(out, JSON.stringify(await res.json(), null, 2) + '\n');
} finally {
  await server.stop();
}

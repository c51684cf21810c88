// Downloads of attached files (issue 19): CONCURRENT (20) people fetch a file of SIZE_MIB
// (50, the largest a page attaches) at once, ROUNDS (3) times, each reading the answer as it
// comes and keeping none of it. Reports the server's resident memory before, its peak, and
// the bytes per second all together; then the same with nginx serving the same file from
// disk, the yardstick.
//
//   node bench/downloads.mjs      (BINARY=path/to/agora to measure another build)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

process.env.TEST_AGORA_BINARY = process.env.BINARY ? resolve(process.env.BINARY) : process.env.TEST_AGORA_BINARY || resolve('build/agora');
const { setupAdmin, startServer } = await import('../tests/support/server.mjs');
const CONCURRENT = Number(process.env.CONCURRENT ?? 20);
const SIZE_MIB = Number(process.env.SIZE_MIB ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const rssMiB = (pid) => {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(s.match(new RegExp(`${name}:\\s+(\\d+)`))[1]) / 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
};

// One download read to its end and dropped: its byte count.
async function drain(url, headers) {
  const res = await fetch(url, { headers });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  let n = 0;
  for await (const chunk of res.body) n += chunk.length;
  return n;
}

async function rounds(name, url, headers, pid) {
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    const sizes = await Promise.all(Array.from({ length: CONCURRENT }, () => drain(url, headers)));
    const seconds = (performance.now() - started) / 1000;
    const total = sizes.reduce((a, b) => a + b, 0);
    const mem = pid ? `, server RSS now ${rssMiB(pid).rss.toFixed(0)} MiB, peak ${rssMiB(pid).hwm.toFixed(0)} MiB` : '';
    console.log(`${name} #${round}: ${CONCURRENT} x ${SIZE_MIB} MiB in ${seconds.toFixed(2)} s, ${(total / 1048576 / seconds).toFixed(0)} MiB/s${mem}`);
  }
}

const freePort = () => new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

const data = randomBytes(SIZE_MIB * 1048576);
const server = await startServer({ env: { AGORA_HTTP_WRITES_PER_MINUTE: '0', AGORA_LOG_LEVEL: 'warn' } });
const dir = mkdtempSync(join(tmpdir(), 'agora-downloads-'));
let nginx;
try {
  const admin = await setupAdmin(server);
  const up = await admin.request('POST', '/api/v1/files?name=dataset.bin', { raw: data, headers: { 'Content-Type': 'application/octet-stream' }, contract: false });
  if (up.status !== 201) throw new Error(`upload: ${up.status} ${up.text}`);
  const pid = server.proc.pid;
  console.log(`server RSS before: ${rssMiB(pid).rss.toFixed(0)} MiB, peak so far ${rssMiB(pid).hwm.toFixed(0)} MiB (the upload held the file once)`);
  await rounds('agora', server.url + up.json.url, { Cookie: admin.cookie }, pid);

  writeFileSync(join(dir, 'dataset.bin'), data);
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), `daemon off; worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events {} http { access_log off; server { listen 127.0.0.1:${port}; root ${dir}; } client_body_temp_path ${dir}; proxy_temp_path ${dir};
fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir}; }`);
  nginx = spawn('nginx', ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); break; } catch { await new Promise((r) => setTimeout(r, 50)); }
  }
  await rounds('nginx', `http://127.0.0.1:${port}/dataset.bin`, {}, 0);
} finally {
  nginx?.kill();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

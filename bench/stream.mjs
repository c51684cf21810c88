// Live delivery benchmark: N readers hold open streams (GET /api/v1/stream) while the person
// they follow posts; measures how long each post takes to reach every reader's WebSocket.
// Usage (bench/stream.sh sets it up): node bench/stream.mjs URL TOKENS_FILE AUTHOR_TOKEN POSTS
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const [url, tokensFile, authorToken, postsArg] = process.argv.slice(2);
const tokens = readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean);
const posts = Number(postsArg ?? 20);
const wsUrl = `${url.replace(/^http/, 'ws')}/api/v1/stream`;

const sent = new Map(); // post id -> time posted
const pending = new Map(); // body marker -> resolve
const latencies = [];
let connected = 0;
let closedEarly = 0;

function open(token) {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers: { Authorization: `Bearer ${token}` }, perMessageDeflate: false });
    ws.on('open', () => { connected++; resolve(ws); });
    ws.on('error', () => resolve(null));
    ws.on('close', () => { closedEarly++; });
    ws.on('message', (data) => {
      const now = performance.now();
      const e = JSON.parse(data.toString());
      if (e.type !== 'post') return;
      const at = sent.get(e.data.id);
      if (at !== undefined) latencies.push(now - at);
    });
  });
}

const started = performance.now();
const sockets = [];
for (let i = 0; i < tokens.length; i += 200) {
  sockets.push(...(await Promise.all(tokens.slice(i, i + 200).map(open))));
}
console.log(`streams open: ${connected} of ${tokens.length} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
await new Promise((r) => setTimeout(r, 1000));

for (let i = 0; i < posts; i++) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/posts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${authorToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ body: `Live benchmark post ${i} #stream` }),
  });
  const post = await res.json();
  sent.set(post.id, t0);
  await new Promise((r) => setTimeout(r, 1000));
}
await new Promise((r) => setTimeout(r, 2000));

latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
const expected = connected * posts;
console.log(`deliveries: ${latencies.length} of ${expected} (${posts} posts x ${connected} streams)`);
console.log(`post -> WebSocket latency: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
console.log(`streams closed by the server meanwhile: ${closedEarly}`);
for (const ws of sockets) ws?.terminate();
process.exit(0);

// Live delivery benchmark: N readers hold open streams (GET /api/v1/stream) while the person
// they follow posts; measures how long each post takes to reach every reader's WebSocket.
// The readers are spread over WORKERS processes (default 2), so one client process reading
// 10,000 sockets in turn does not become what is measured.
// Usage (bench/stream.sh sets it up): node bench/stream.mjs URL TOKENS_FILE AUTHOR_TOKEN POSTS
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const now = () => performance.timeOrigin + performance.now(); // comparable across processes

if (process.argv[2] === '--worker') {
  // A worker: open the streams for its slice of the tokens, report when ready, record
  // arrival times.
  const [, , , url, file, from, to] = process.argv;
  const tokens = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(Number(from), Number(to));
  const wsUrl = `${url.replace(/^http/, 'ws')}/api/v1/stream`;
  const arrivals = []; // [post id, time]
  let closed = 0;
  const open = (token) => new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers: { Authorization: `Bearer ${token}` }, perMessageDeflate: false });
    ws.on('open', () => resolve(ws));
    ws.on('error', () => resolve(null));
    ws.on('close', () => closed++);
    // Kept cheap (no JSON.parse): time spent here counts as delivery time for the frames behind.
    ws.on('message', (data) => {
      const t = now();
      const text = data.toString();
      if (!text.startsWith('{"type":"post"')) return;
      const m = /"data":\{"id":"(\d+)"/.exec(text);
      if (m) arrivals.push([m[1], t]);
    });
  });
  const sockets = [];
  for (let i = 0; i < tokens.length; i += 200) sockets.push(...(await Promise.all(tokens.slice(i, i + 200).map(open))));
  process.send({ ready: sockets.filter(Boolean).length });
  process.on('message', (m) => {
    if (m !== 'report') return;
    // Exit only once the report has left: a large message is still being written when
    // send() returns.
    process.send({ arrivals, closed }, () => {
      for (const ws of sockets) ws?.terminate();
      process.exit(0);
    });
  });
} else {
  const [url, tokensFile, authorToken, postsArg] = process.argv.slice(2);
  const tokens = readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean);
  const posts = Number(postsArg ?? 20);
  const workers = Number(process.env.WORKERS ?? 2);
  const started = now();
  const children = [];
  const per = Math.ceil(tokens.length / workers);
  for (let w = 0; w < workers; w++) {
    children.push(fork(new URL(import.meta.url).pathname, ['--worker', url, tokensFile, String(w * per), String((w + 1) * per)]));
  }
  // One permanent listener per child: it also keeps the IPC channel (and so this process)
  // alive while the children work.
  const inbox = children.map((c) => {
    const box = { messages: [], waiting: null };
    c.on('message', (m) => (box.waiting ? (box.waiting(m), (box.waiting = null)) : box.messages.push(m)));
    c.on('exit', (code, signal) => { if (code || signal) console.error(`a client process ended: ${code ?? signal}`); });
    return box;
  });
  const receive = (i) => new Promise((r) => (inbox[i].messages.length ? r(inbox[i].messages.shift()) : (inbox[i].waiting = r)));
  const ready = (await Promise.all(children.map((_, i) => receive(i)))).map((m) => m.ready);
  const connected = ready.reduce((a, b) => a + b, 0);
  console.log(`streams open: ${connected} of ${tokens.length} in ${((now() - started) / 1000).toFixed(1)} s (${workers} client processes)`);
  await new Promise((r) => setTimeout(r, 1000));
  // Latency counts from the post's created_at (stamped by the server when it takes the post,
  // same machine and clock, millisecond resolution): the client's own HTTP request is not
  // part of delivery.
  const sent = new Map();
  for (let i = 0; i < posts; i++) {
    const res = await fetch(`${url}/api/v1/posts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${authorToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: `Live benchmark post ${i} #stream` }),
    });
    const post = await res.json();
    sent.set(post.id, Date.parse(post.created_at));
    await new Promise((r) => setTimeout(r, 1000));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const reports = await Promise.all(children.map((c, i) => { c.send('report'); return receive(i); }));
  const latencies = [];
  let closed = 0;
  for (const rep of reports) {
    closed += rep.closed;
    for (const [id, t] of rep.arrivals) if (sent.has(id)) latencies.push(t - sent.get(id));
  }
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
  console.log(`deliveries: ${latencies.length} of ${connected * posts} (${posts} posts x ${connected} streams)`);
  console.log(`post -> WebSocket latency: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
  console.log(`streams closed by the server meanwhile: ${closed}`);
  process.exit(0);
}

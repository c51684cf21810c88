// A client of the live stream (GET /api/v1/stream) for tests: opens the WebSocket with a
// token or a cookie, keeps every event, and waits for the next one that matches.
import assert from 'node:assert/strict';
import WebSocket from 'ws';

export function openStream(server, { token, cookie, origin, lastEventId } = {}) {
  const url = `${server.url.replace('http', 'ws')}/api/v1/stream${lastEventId ? `?last_event_id=${encodeURIComponent(lastEventId)}` : ''}`;
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (cookie) headers.Cookie = cookie;
  const ws = new WebSocket(url, { headers, origin });
  const events = [];
  const waiters = [];
  ws.on('message', (data) => {
    const e = JSON.parse(data.toString());
    events.push(e);
    for (const w of [...waiters]) if (w.match(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
  });
  const opened = new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
  const closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  return {
    ws, events, opened, closed,
    next(match, ms = 5000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events.map((e) => e.type))}`)), ms);
      });
    },
    send(obj) { ws.send(JSON.stringify(obj)); },
    close() { ws.close(); return closed; },
  };
}

export async function tokenFor(client) {
  const r = await client.post('/api/v1/auth/tokens', { name: 'stream' });
  assert.equal(r.status, 201, r.text);
  return r.json.token;
}

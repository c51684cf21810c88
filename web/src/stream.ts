// The live stream (GET /api/v1/stream): one WebSocket per tab, reconnected with backoff and
// resumed from the last event id, so nothing is missed across a network blip. Components
// subscribe to event types and say which posts they show ("watch"), which is how comments,
// counts and deletions of those posts arrive.

export interface StreamEvent<T = unknown> {
  type: string;
  id?: string;
  data: T;
}
type Listener = (e: StreamEvent<any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const listeners = new Map<string, Set<Listener>>();
const watched = new Map<symbol, string[]>();
let socket: WebSocket | null = null;
let lastEventId = '';
let retry = 0;
let stopped = true;
let timer: ReturnType<typeof setTimeout> | undefined;

export function subscribe<T>(type: string, fn: (e: StreamEvent<T>) => void): () => void {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type)!.add(fn as Listener);
  return () => listeners.get(type)?.delete(fn as Listener);
}

// Declares the posts a component shows; returns a function that withdraws them.
export function watch(ids: string[]): () => void {
  const key = Symbol('watch');
  watched.set(key, ids);
  sendWatch();
  return () => {
    watched.delete(key);
    sendWatch();
  };
}

function sendWatch() {
  if (socket?.readyState !== WebSocket.OPEN) return;
  const ids = [...new Set([...watched.values()].flat())].slice(0, 500);
  socket.send(JSON.stringify({ type: 'watch', ids }));
}

function emit(e: StreamEvent) {
  for (const fn of listeners.get(e.type) ?? []) fn(e);
}

export function startStream() {
  if (!stopped) return;
  stopped = false;
  connect();
}

export function stopStream() {
  stopped = true;
  clearTimeout(timer);
  socket?.close();
  socket = null;
  lastEventId = '';
}

function connect() {
  if (stopped) return;
  const url = new URL('/api/v1/stream', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (lastEventId) url.searchParams.set('last_event_id', lastEventId);
  const ws = new WebSocket(url);
  socket = ws;
  ws.onopen = () => {
    retry = 0;
    sendWatch();
    emit({ type: 'open', data: null });
  };
  ws.onmessage = (m) => {
    let e: StreamEvent;
    try {
      e = JSON.parse(String(m.data));
    } catch {
      return;
    }
    if (e.id) lastEventId = e.id;
    emit(e);
  };
  ws.onclose = () => {
    if (socket === ws) socket = null;
    if (stopped) return;
    // 1 s, 2 s, 4 s ... up to 30 s, with jitter so a restarted server is not stormed.
    const delay = Math.min(30_000, 1000 * 2 ** retry++) * (0.75 + Math.random() / 2);
    timer = setTimeout(connect, delay);
  };
}

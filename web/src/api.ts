// The client's only way to reach the server: JSON over fetch, the CSRF token on every write
// (the session cookie itself is HttpOnly and never visible here), and RFC 9457 problems
// turned into ApiError with the field that was wrong.
import type { components, paths } from './api_schema';
import { describeProblem } from './errors';
import { formatDateTime, t } from './i18n/i18n';

// The wire format's types come from the API description (src/**/openapi.yaml), generated
// into api_schema.d.ts by `npm run api-types`: the client cannot drift from the server.
export type Schemas = components['schemas'];
// The JSON an operation answers with on success: Answer<'/api/v1/tags/{tag}', 'get'>.
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? JsonOf<R[keyof R & (200 | 201 | 202)]>
  : never;
export type User = Schemas['User'];

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly field?: string,
    readonly retryAfter?: number,
    // What is wrong, as a stable name ("too_long"), and the limit it refers to: what the
    // client words in the reader's language (errors.ts).
    readonly reason?: string,
    readonly limit?: number,
    // The whole problem document, for the members a route adds (a conflict's `current`).
    readonly problem: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

// Builds an ApiError from a response status, its parsed body (if any) and Retry-After.
export function problemFrom(status: number, body: unknown, retryAfter: string | null): ApiError {
  const p = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const detail = typeof p.detail === 'string' ? p.detail : typeof p.title === 'string' ? p.title : `HTTP ${status}`;
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new ApiError(
    status,
    typeof p.type === 'string' ? p.type : 'about:blank',
    detail,
    typeof p.field === 'string' ? p.field : undefined,
    seconds,
    typeof p.reason === 'string' ? p.reason : undefined,
    typeof p.limit === 'number' ? p.limit : undefined,
    p,
  );
}

let csrfToken = '';
export function setCsrfToken(token: string) {
  csrfToken = token;
}
export function getCsrfToken(): string {
  return csrfToken;
}

// `body` is sent as JSON, except a Blob (a file the person picked), which is sent as it is
// with its own type (photo uploads). `extra`: more headers (If-Match).
export async function api<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extra };
  const file = typeof Blob !== 'undefined' && body instanceof Blob ? body : null;
  if (file) headers['Content-Type'] = file.type || 'application/octet-stream';
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
    credentials: 'same-origin',
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) throw problemFrom(res.status, parsed, res.headers.get('Retry-After'));
  return parsed as T;
}

// A sentence for people (errors.ts); a failure to reach the server says so.
export function describeError(e: unknown): string {
  if (e instanceof ApiError) return describeProblem(e);
  return t('problem.unreachable');
}

export function formatTime(iso: string | null): string {
  if (!iso) return t('time.never');
  return formatDateTime(iso);
}

// A file the server makes (a wiki book): its bytes and the name its Content-Disposition gives.
// Errors come as problems, as with api().
export async function apiDownload(path: string): Promise<{ blob: Blob; filename: string }> {
  const res = await fetch(path, { credentials: 'same-origin' });
  if (!res.ok) {
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(await res.text());
    } catch {
      parsed = undefined;
    }
    throw problemFrom(res.status, parsed, res.headers.get('Retry-After'));
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/.exec(disposition)?.[1];
  let filename = plain ?? 'download';
  try {
    if (encoded) filename = decodeURIComponent(encoded);
  } catch {
    // keep the plain name
  }
  return { blob: await res.blob(), filename };
}

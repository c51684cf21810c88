// What went wrong, in a sentence a person can act on. The server's problem JSON (RFC 9457)
// has a stable `type` for each kind of failure and names the `field`; its `detail` is
// written for developers ("current_password is incorrect"). Here each type gets words for
// people, and a detail that is kept loses its field keys ("Current password is incorrect.").
// (Issue 15 translates these sentences: they are keyed by type and field already.)
import type { ApiError } from './api';

// Field keys as people call the fields.
const FIELD_NAMES: Record<string, string> = {
  current_password: 'current password',
  new_password: 'new password',
  display_name: 'name',
  email: 'e-mail address',
  manager_id: 'manager',
  community_id: 'community',
  image_ids: 'pictures',
  timezone: 'time zone',
  q: 'search',
  body: 'text',
};

function fieldName(key: string): string {
  const base = key.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
  return FIELD_NAMES[base] ?? base.replace(/_/g, ' ');
}

// "current_password is incorrect" -> "Current password is incorrect."
export function humanize(detail: string, field?: string): string {
  let text = detail.trim();
  if (field) {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`^${escaped}(?=\\W|$)`), fieldName(field));
  }
  // Any other snake_case keys left in the sentence.
  text = text.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (k) => fieldName(k));
  if (!text) return text;
  text = text[0].toUpperCase() + text.slice(1);
  return /[.!?…)]$/.test(text) ? text : `${text}.`;
}

const TYPE = (t: string) => `/problems/${t}`;

// A problem without one of our types (a proxy's answer) is read by its status.
const BY_STATUS: Record<number, string> = {
  401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 412: 'precondition-failed', 413: 'too-large',
  415: 'unsupported-media-type', 429: 'rate-limited', 500: 'internal', 502: 'unavailable', 503: 'unavailable', 504: 'unavailable',
};

export function describeProblem(e: ApiError): string {
  const type = e.type.startsWith('/problems/') ? e.type : BY_STATUS[e.status] ? TYPE(BY_STATUS[e.status]) : e.type;
  switch (type) {
    case TYPE('unauthenticated'):
      // At sign-in the detail says what was wrong; elsewhere the session has ended.
      return e.message && !/sign in first|not valid/.test(e.message) ? humanize(e.message) : 'Your session has ended. Sign in again to go on.';
    case TYPE('forbidden'):
      return e.message ? humanize(e.message) : 'You are not allowed to do that.';
    case TYPE('not-found'):
      return 'It was deleted, or it is not shared with you.';
    case TYPE('too-large'):
      return 'That is more than the server accepts at once. Make it shorter or smaller and try again.';
    case TYPE('unsupported-media-type'):
      return 'That kind of file cannot be used here. Use a JPEG, PNG, WebP or HEIC picture.';
    case TYPE('rate-limited'):
      return e.retryAfter
        ? `That was too many tries in a short time. Wait ${e.retryAfter} seconds and try again.`
        : 'That was too many tries in a short time. Wait a moment and try again.';
    case TYPE('unavailable'):
      return 'The server is busy right now. Try again in a moment.';
    case TYPE('internal'):
      return 'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.';
    case TYPE('precondition-failed'):
      return 'Someone changed this while you were editing it. Reload to see their version, then make your change again.';
    case TYPE('malformed-request'):
      return e.field ? humanize(e.message, e.field) : 'The request could not be read. Reload the page and try again.';
    default:
      return humanize(e.message, e.field);
  }
}

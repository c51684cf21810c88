// What went wrong, in a sentence a person can act on. The server's problem JSON (RFC 9457)
// has a stable `type` for each kind of failure and names the `field`; its `detail` is
// written for developers ("current_password is incorrect"). Here each type gets words for
// people, and a detail that is kept loses its field keys ("Current password is incorrect.").
// The sentences are in the reader's language (i18n.ts). Problems people meet in forms carry a
// stable `reason` ("too_long", with `limit`), worded here in the reader's language; a detail
// without one (rarer, mostly for developers) is shown in English after the field's name in
// the reader's language.
import type { ApiError } from './api';
import { language, t, type MessageId } from './i18n/i18n';

// Field keys as people call the fields.
const FIELD_NAMES: Record<string, MessageId> = {
  current_password: 'field.current_password',
  new_password: 'field.new_password',
  password: 'field.password',
  display_name: 'field.display_name',
  email: 'field.email',
  manager_id: 'field.manager',
  community_id: 'field.community',
  image_ids: 'field.images',
  timezone: 'field.timezone',
  q: 'field.search',
  body: 'field.body',
  title: 'field.title',
  handle: 'field.handle',
  people: 'field.people',
  language: 'field.language',
  name: 'field.name',
  languages: 'field.languages',
  links: 'field.links',
  expertise: 'field.expertise',
  tags: 'field.tags',
  alt: 'field.alt',
  bio: 'field.bio',
  phone: 'field.phone',
  chat: 'field.chat',
  pronouns: 'field.pronouns',
  office: 'field.office',
  department: 'field.department',
  country: 'field.country',
  description: 'field.description',
};

function fieldName(key: string): string {
  const base = key.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
  return FIELD_NAMES[base] ? t(FIELD_NAMES[base]) : base.replace(/_/g, ' ');
}

// "current_password is incorrect" -> "Current password is incorrect."
export function humanize(detail: string, field?: string): string {
  if (language() !== 'en') {
    const said = detail.trim();
    return field ? t('problem.field_detail', { field: fieldName(field), detail: said }) : said;
  }
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

// A problem with a reason, in words: undefined for a reason this client does not know, or one
// that names a field when the problem names none.
function byReason(e: ApiError): string | undefined {
  const field = e.field ? fieldName(e.field) : '';
  const limit = e.limit ?? 0;
  if (!field && !['not_email', 'wrong_credentials', 'wrong_code'].includes(e.reason ?? '')) return undefined;
  switch (e.reason) {
    case 'required': return t('problem.required', { field });
    case 'too_long': return t('problem.too_long', { field, limit });
    case 'too_short': return t('problem.too_short', { field, limit });
    case 'too_many': return t('problem.too_many', { field, limit });
    case 'taken': return t('problem.taken', { field });
    case 'incorrect': return t('problem.incorrect', { field });
    case 'not_email': return t('problem.not_email');
    case 'wrong_credentials': return t('problem.wrong_credentials');
    case 'wrong_code': return t('problem.wrong_code');
    default: return undefined;
  }
}

export function describeProblem(e: ApiError): string {
  const worded = byReason(e);
  if (worded) return worded;
  const type = e.type.startsWith('/problems/') ? e.type : BY_STATUS[e.status] ? TYPE(BY_STATUS[e.status]) : e.type;
  switch (type) {
    case TYPE('unauthenticated'):
      // At sign-in the detail says what was wrong; elsewhere the session has ended.
      return e.message && !/sign in first|not valid/.test(e.message) ? humanize(e.message) : t('problem.session_ended');
    case TYPE('forbidden'):
      return e.message ? humanize(e.message) : t('problem.forbidden');
    case TYPE('not-found'):
      return t('problem.not_found');
    case TYPE('too-large'):
      return t('problem.too_large');
    case TYPE('unsupported-media-type'):
      return t('problem.unsupported_media_type');
    case TYPE('rate-limited'):
      return e.retryAfter ? t('problem.rate_limited_wait', { seconds: e.retryAfter }) : t('problem.rate_limited');
    case TYPE('unavailable'):
      return t('problem.unavailable');
    case TYPE('internal'):
      return t('problem.internal');
    case TYPE('precondition-failed'):
      return t('problem.precondition_failed');
    case TYPE('malformed-request'):
      return e.field ? humanize(e.message, e.field) : t('problem.malformed');
    default:
      return humanize(e.message, e.field);
  }
}

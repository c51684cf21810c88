import { describe, expect, it } from 'vitest';
import { ApiError, describeError, problemFrom } from './api';

describe('problemFrom', () => {
  it('keeps the type, detail and field of an RFC 9457 problem', () => {
    const e = problemFrom(422, { type: '/problems/invalid-field', title: 'Unprocessable Content', detail: 'email is required', field: 'email' }, null);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(422);
    expect(e.type).toBe('/problems/invalid-field');
    expect(e.message).toBe('email is required');
    expect(e.field).toBe('email');
  });

  it('survives a body that is not a problem', () => {
    const e = problemFrom(502, 'Bad gateway', null);
    expect(e.message).toBe('HTTP 502');
    expect(e.field).toBeUndefined();
  });

  it('reads Retry-After seconds for 429', () => {
    const e = problemFrom(429, { detail: 'too many attempts' }, '8');
    expect(e.retryAfter).toBe(8);
    expect(describeError(e)).toBe('That was too many tries in a short time. Wait 8 seconds and try again.');
  });
});

describe('links as lines', () => {
  it('reads "address title" per line and writes it back', async () => {
    const { parseLinks, formatLinks } = await import('./pages/profile');
    const links = parseLinks('https://a.example/x  My blog\n\nhttp://b.example\n');
    expect(links).toEqual([{ url: 'https://a.example/x', title: 'My blog' }, { url: 'http://b.example', title: '' }]);
    expect(formatLinks([{ url: 'https://a.example/x', title: 'My blog' }])).toBe('https://a.example/x My blog');
  });
});

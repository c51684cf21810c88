import { describe, expect, test } from 'vitest';
import { setLanguage } from './i18n/i18n';
import { ApiError } from './api';
import { describeProblem, humanize } from './errors';

const problem = (type: string, detail: string, field?: string, status = 422, retryAfter?: number) =>
  new ApiError(status, `/problems/${type}`, detail, field, retryAfter);

describe('errors for people', () => {
  test('field keys become the names people know, as a sentence', () => {
    expect(humanize('current_password is incorrect', 'current_password')).toBe('Current password is incorrect.');
    expect(humanize('new_password must be at least 8 characters', 'new_password')).toBe('New password must be at least 8 characters.');
    expect(humanize('display_name is required', 'display_name')).toBe('Name is required.');
    expect(humanize('languages[0] must be a language tag', 'languages[0]')).toBe('Languages must be a language tag.');
    expect(humanize('that handle is taken', 'handle')).toBe('That handle is taken.');
  });
  test('each kind of failure has words a person can act on', () => {
    expect(describeProblem(problem('not-found', 'no such post', undefined, 404))).toBe('It was deleted, or it is not shared with you.');
    expect(describeProblem(problem('too-large', 'the request body is larger than 65536 bytes', undefined, 413))).toMatch(/^That is more than/);
    expect(describeProblem(problem('unsupported-media-type', 'Content-Type image/gif is not an accepted image type', undefined, 415)))
      .toBe('That kind of file cannot be used here. Use a JPEG, PNG, WebP or HEIC picture.');
    expect(describeProblem(problem('rate-limited', 'slow down', undefined, 429, 30))).toBe('That was too many tries in a short time. Wait 30 seconds and try again.');
    expect(describeProblem(problem('internal', 'internal error', undefined, 500))).toMatch(/^Something went wrong on the server/);
    expect(describeProblem(problem('unauthenticated', 'sign in first', undefined, 401))).toBe('Your session has ended. Sign in again to go on.');
    expect(describeProblem(problem('unauthenticated', 'the e-mail or password is incorrect', undefined, 401))).toBe('The e-mail or password is incorrect.');
    expect(describeProblem(problem('invalid-field', 'current_password is incorrect', 'current_password'))).toBe('Current password is incorrect.');
  });
  test('a problem with a reason is worded in the reader\'s language, never the server\'s English', async () => {
    const withReason = (status: number, type: string, detail: string, field: string | undefined, reason: string, limit?: number) =>
      new ApiError(status, `/problems/${type}`, detail, field, undefined, reason, limit);
    const tooLong = withReason(422, 'invalid-field', 'display_name must be at most 100 characters', 'display_name', 'too_long', 100);
    const taken = withReason(409, 'conflict', 'this handle is taken', 'handle', 'taken');
    const signIn = withReason(401, 'unauthenticated', 'the e-mail or password is incorrect', undefined, 'wrong_credentials');
    expect(describeProblem(tooLong)).toBe('The name can be at most 100 characters long.');
    expect(describeProblem(taken)).toBe('That handle is taken. Choose another one.');
    await setLanguage('ru');
    expect(describeProblem(tooLong)).toBe('Поле «имя» может содержать не больше 100 символов.');
    expect(describeProblem(withReason(422, 'invalid-field', 'x', 'new_password', 'too_short', 8))).toBe('В поле «новый пароль» нужно не меньше 8 символов.');
    expect(describeProblem(signIn)).toBe('Неверный адрес почты или пароль.');
    await setLanguage('bg');
    expect(describeProblem(taken)).toBe('Тази стойност на полето „потребителско име“ вече е заета. Изберете друга.');
    // An unknown reason: the field in the reader's language, the detail as the server wrote it.
    expect(describeProblem(withReason(422, 'invalid-field', 'handle has odd letters', 'handle', 'odd'))).toBe('потребителско име: handle has odd letters');
  });
});

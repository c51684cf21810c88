// A community's own place (its blog, its wiki) is made at the community's handle and a suffix
// ("data-guild-wiki"), or, when that handle is taken, "-2", "-3"... after it.
import { ApiError } from './api';

export async function createAtFreeHandle(base: string, make: (handle: string) => Promise<unknown>): Promise<void> {
  for (let n = 1; ; n++) {
    try {
      await make(`${base}${n > 1 ? `-${n}` : ''}`);
      return;
    } catch (e) {
      if (n < 5 && e instanceof ApiError && e.status === 409 && e.field === 'handle') continue;
      throw e;
    }
  }
}

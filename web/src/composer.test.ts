import { describe, expect, it } from 'vitest';
import { imageProblem } from './composer';

describe('imageProblem', () => {
  it('takes the picture types the server takes, up to 20 MB', () => {
    expect(imageProblem({ name: 'a.jpg', type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(imageProblem({ name: 'b.heic', type: 'image/heic', size: 20 * 1024 * 1024 })).toBeNull();
  });
  it('says why a file cannot be posted, naming it', () => {
    expect(imageProblem({ name: 'cat.gif', type: 'image/gif', size: 1000 })).toBe(
      'cat.gif cannot be posted: pictures can be JPEG, PNG, WebP or HEIC.',
    );
    expect(imageProblem({ name: 'huge.jpg', type: 'image/jpeg', size: 25 * 1024 * 1024 })).toBe(
      'huge.jpg is 25.0 MB; a picture can be at most 20 MB.',
    );
    expect(imageProblem({ name: 'notes.txt', type: 'text/plain', size: 10 })).toMatch(/^notes.txt cannot be posted/);
  });
});

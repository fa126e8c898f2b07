import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { decodeCursor, encodeCursor, pageFromRows, timeIdPosition } from './keyset-page.js';

const position = ['2025-01-02T03:04:05.678Z', '0195f3a0-1111-7000-8000-000000000001'];

describe('keyset pages', () => {
  it('round-trips a position through an opaque base64url cursor', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(timeIdPosition, cursor)).toEqual(position);
  });

  it('refuses cursors it did not issue with a 400', () => {
    for (const bad of ['not-base64-json', encodeCursor({ a: 1 }), encodeCursor(['yesterday', 'x'])]) {
      const error = (() => {
        try {
          decodeCursor(timeIdPosition, bad);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    }
  });

  it('keeps limit rows and gives a cursor only when another page exists', () => {
    const rows = [1, 2, 3];
    expect(pageFromRows(rows, 2, (n) => [n])).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) });
    expect(pageFromRows(rows, 3, (n) => [n])).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(pageFromRows([], 3, (n) => [n])).toEqual({ items: [], nextCursor: null });
  });
});

import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { platformErrors } from './errors.js';

/**
 * Keyset pagination for every list route (DESIGN §9: `limit` capped, an
 * opaque base64url `cursor`, never OFFSET). A cursor is the sort key of the
 * last row of a page; the next page starts strictly after it.
 */
export const maxPageLimit = 100;

/** Querystring members of a list route; spread them into its schema beside its filters. */
export const pageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: maxPageLimit, default: 20 }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9_-]+$' })),
};

/**
 * The usual position: `(created_at, id)` of the last row, newest first. The
 * timestamp column must be `timestamptz(3)` so a JS Date carries it exactly.
 */
export const timeIdPosition = Type.Tuple([
  Type.String({ format: 'date-time' }),
  Type.String({ format: 'uuid' }),
]);

/** The response of a list route: `nextCursor` is null on the last page. */
export function pageOf<T extends TSchema>(item: T) {
  return Type.Object(
    { items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) },
    { additionalProperties: false },
  );
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Reads a cursor this list issued; anything else is the client's mistake (400), not ours. */
export function decodeCursor<T extends TSchema>(position: T, cursor: string): Static<T> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Value.Check(position, value)) {
    throw platformErrors.VALIDATION_FAILED('cursor is not one this list issued', {
      errors: [{ in: 'querystring', path: '/cursor', message: 'is not a valid cursor' }],
    });
  }
  return value as Static<T>;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that
 * another page exists; the cursor is the position of the last row kept.
 */
export function pageFromRows<Row>(rows: Row[], limit: number, positionOf: (row: Row) => unknown): Page<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

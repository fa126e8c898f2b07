/**
 * Path patterns used by the edge rules and the per-route settings:
 * `/api/v1/products/:id/reviews` — a `:name` segment matches any one
 * segment, and a pattern matches its path and everything below it
 * (`/api/v1/orders` matches `/api/v1/orders/42`), never a longer name
 * (`/api/v1/ordersX`).
 */
export type PathMatcher = (path: string) => boolean;

const escapeRegex = (segment: string) => segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function pathMatcher(pattern: string): PathMatcher {
  const source = pattern
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegex(segment)))
    .join('/');
  const regex = new RegExp(`^${source}(?:/|$)`);
  return (path) => regex.test(path);
}

/** A value per path pattern, the first matching entry wins. */
export interface PathTable<T> {
  lookup(path: string): T | undefined;
}

export function pathTable<T>(entries: ReadonlyArray<readonly [pattern: string, value: T]>): PathTable<T> {
  const compiled = entries.map(([pattern, value]) => ({ matches: pathMatcher(pattern), value }));
  return {
    lookup(path) {
      for (const entry of compiled) if (entry.matches(path)) return entry.value;
      return undefined;
    },
  };
}

/** Config format `/api/v1/analytics/export=120000,/api/v1/products/:id/images=10485760`; most specific first. */
export const routeValuesPattern = '^/[^=,\\s]*=\\d+(,/[^=,\\s]*=\\d+)*$';

/**
 * Parses a per-route setting (format checked by the config schema). Longer
 * patterns are tried first, so `/a/b=1,/a=2` and `/a=2,/a/b=1` mean the same.
 */
export function routeValues(value: string | undefined): PathTable<number> {
  const entries = (value ? value.split(',') : []).map((entry) => {
    const at = entry.lastIndexOf('=');
    return [entry.slice(0, at), Number(entry.slice(at + 1))] as const;
  });
  entries.sort((a, b) => b[0].split('/').length - a[0].split('/').length);
  return pathTable(entries);
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * `.` and `..` segments (percent-encoded too) would let a path look like one
 * route to the edge and another to anything that normalises it: such paths
 * are refused at the edge. (Encoded slashes are not: the services' router
 * matches segments first and decodes parameters after, as the rules do.)
 */
export function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/** What one `/metrics` scrape says about a service's HTTP traffic so far (cumulative). */
export interface TrafficSnapshot {
  at: Date;
  requests: number;
  errors: number;
  /** [upper bound in seconds, cumulative count], finite bounds ascending. */
  buckets: Array<[number, number]>;
}

const histogram = 'http_request_duration_seconds';
/** Probes and scrapes are not traffic: they would drown a quiet service's numbers. */
const operationalRoute = /^\/(health|metrics)(\/|$)/;

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const match of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]!] = match[2]!;
  return labels;
}

/**
 * Reads the platform's RED histogram from Prometheus text exposition:
 * request and 5xx counts and the latency buckets, summed over routes and
 * methods (operational routes left out).
 */
export function parseTraffic(text: string, at: Date): TrafficSnapshot {
  let requests = 0;
  let errors = 0;
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{(.*)\}\s+(\S+)/.exec(line);
    if (!match?.[1]?.startsWith(histogram)) continue;
    const labels = labelsOf(match[2]!);
    if (operationalRoute.test(labels.route ?? '')) continue;
    const value = Number(match[3]);
    if (!Number.isFinite(value)) continue;
    if (match[1] === `${histogram}_count`) {
      requests += value;
      if (Number(labels.status_code) >= 500) errors += value;
    } else if (match[1] === `${histogram}_bucket` && labels.le !== '+Inf') {
      const le = Number(labels.le);
      buckets.set(le, (buckets.get(le) ?? 0) + value);
    }
  }
  return { at, requests, errors, buckets: [...buckets.entries()].sort(([a], [b]) => a - b) };
}

export interface ServicePerformance {
  /** Requests per second between the two scrapes; null with fewer than two scrapes. */
  requestsPerSecond: number | null;
  requests: number;
  errorRate: number;
  /** 95th percentile latency (ms), interpolated within its histogram bucket; null without requests. */
  p95Ms: number | null;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Traffic between two scrapes of one instance: differences of the
 * cumulative counts. A restart in between (counts going down) leaves only
 * the later scrape's counts, since its start, with no rate.
 */
export function performanceBetween(
  earlier: TrafficSnapshot | undefined,
  later: TrafficSnapshot,
): ServicePerformance {
  const usable = earlier !== undefined && earlier.at < later.at && earlier.requests <= later.requests;
  const base = usable ? earlier : undefined;
  const requests = later.requests - (base?.requests ?? 0);
  const errors = later.errors - (base?.errors ?? 0);
  const before = new Map(base?.buckets ?? []);
  const buckets = later.buckets.map(([le, count]): [number, number] => [le, count - (before.get(le) ?? 0)]);
  return {
    requestsPerSecond: base ? round(requests / ((later.at.getTime() - base.at.getTime()) / 1_000), 3) : null,
    requests,
    errorRate: requests === 0 ? 0 : round(errors / requests, 4),
    p95Ms: percentileMs(buckets, requests, 0.95),
  };
}

/** The q-quantile of a cumulative histogram, linear within the bucket holding it (Prometheus' method). */
export function percentileMs(buckets: Array<[number, number]>, total: number, q: number): number | null {
  if (total <= 0 || buckets.length === 0) return null;
  const target = q * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const [bound, count] of buckets) {
    if (count >= target) {
      const share = count === previousCount ? 0 : (target - previousCount) / (count - previousCount);
      return round((previousBound + (bound - previousBound) * share) * 1_000, 2);
    }
    previousBound = bound;
    previousCount = count;
  }
  // Beyond the largest finite bucket: that bound is all the histogram can say.
  return round(previousBound * 1_000, 2);
}

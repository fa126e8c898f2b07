/** Latencies of sequential requests: one client, keep-alive, each request after the previous answer. */
export interface LatencySample {
  requests: number;
  failures: number;
  /** Milliseconds, sorted ascending. */
  latencies: number[];
  /** Of the successful answers, the mean of what `count` read from each body. */
  meanCount: number;
}

export async function sampleLatency(
  urls: readonly string[],
  count: (body: unknown) => number = () => 0,
): Promise<LatencySample> {
  const latencies: number[] = [];
  let failures = 0;
  let counted = 0;
  for (const url of urls) {
    const started = performance.now();
    const response = await fetch(url);
    const body = (await response.json()) as unknown;
    const ms = performance.now() - started;
    if (response.status !== 200) {
      failures += 1;
      continue;
    }
    latencies.push(ms);
    counted += count(body);
  }
  latencies.sort((a, b) => a - b);
  return {
    requests: urls.length,
    failures,
    latencies,
    meanCount: latencies.length ? counted / latencies.length : 0,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function summaryOfSample(sample: LatencySample) {
  const { latencies } = sample;
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  return {
    requests: sample.requests,
    failures: sample.failures,
    requestsPerSecond: latencies.length ? round(1000 / (total / latencies.length), 0) : 0,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies.at(-1) ?? Number.NaN),
    meanCount: round(sample.meanCount, 0),
  };
}

import { describe, expect, it } from 'vitest';
import { parseTraffic, percentileMs, performanceBetween } from './service-performance.js';

const exposition = (okFast: number, okSlow: number, failed: number) => `
# HELP http_request_duration_seconds HTTP request duration by route template and status code
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.01",method="GET",route="/api/v1/x",status_code="200",service="s"} ${okFast}
http_request_duration_seconds_bucket{le="0.1",method="GET",route="/api/v1/x",status_code="200",service="s"} ${okFast + okSlow}
http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/api/v1/x",status_code="200",service="s"} ${okFast + okSlow}
http_request_duration_seconds_count{method="GET",route="/api/v1/x",status_code="200",service="s"} ${okFast + okSlow}
http_request_duration_seconds_bucket{le="0.01",method="POST",route="/api/v1/y",status_code="503",service="s"} 0
http_request_duration_seconds_bucket{le="0.1",method="POST",route="/api/v1/y",status_code="503",service="s"} ${failed}
http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/y",status_code="503",service="s"} ${failed}
http_request_duration_seconds_count{method="POST",route="/api/v1/y",status_code="503",service="s"} ${failed}
http_request_duration_seconds_bucket{le="0.01",method="GET",route="/health/ready",status_code="200",service="s"} 1000
http_request_duration_seconds_count{method="GET",route="/health/ready",status_code="200",service="s"} 1000
process_cpu_seconds_total{service="s"} 12.5
`;

describe('service performance from /metrics', () => {
  it('sums requests, 5xx and buckets over routes, leaving probes out', () => {
    const snapshot = parseTraffic(exposition(80, 15, 5), new Date(0));
    expect(snapshot).toMatchObject({
      requests: 100,
      errors: 5,
      buckets: [
        [0.01, 80],
        [0.1, 100],
      ],
    });
  });

  it('takes rate, error rate and p95 from the difference of two scrapes', () => {
    const earlier = parseTraffic(exposition(80, 15, 5), new Date('2025-01-01T00:00:00Z'));
    const later = parseTraffic(exposition(160, 30, 10), new Date('2025-01-01T00:00:10Z'));
    // 100 more requests in 10 s, 5 of them 5xx; 80 under 10 ms, so p95 is 3/4 into the 10-100 ms bucket.
    expect(performanceBetween(earlier, later)).toEqual({
      requestsPerSecond: 10,
      requests: 100,
      errorRate: 0.05,
      p95Ms: 77.5,
    });
  });

  it('falls back to the later scrape alone after a restart or with a single scrape', () => {
    const before = parseTraffic(exposition(800, 150, 50), new Date('2025-01-01T00:00:00Z'));
    const after = parseTraffic(exposition(8, 1, 1), new Date('2025-01-01T00:00:10Z'));
    expect(performanceBetween(before, after)).toMatchObject({ requestsPerSecond: null, requests: 10 });
    expect(performanceBetween(undefined, after).errorRate).toBe(0.1);
  });

  it('has no percentile without requests and caps at the largest finite bucket', () => {
    expect(percentileMs([[0.1, 0]], 0, 0.95)).toBeNull();
    expect(percentileMs([[0.1, 1]], 10, 0.95)).toBe(100);
  });
});

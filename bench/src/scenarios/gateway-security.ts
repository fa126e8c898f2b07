import { createServer } from 'node:http';
import { gatewayService } from '@emporium/gateway/service';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { type Measurement, measure, summaryOf } from '../load/measure.js';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';
import { listen, median, round } from './gateway-overhead.js';

const quiet = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LIVE_CONFIG: 'false' };
/** Far above what a run sends: every request is counted, none refused. */
const unreachableLimits = 'anonymous=1000000000/60s,user=1000000000/60s';
const body = Buffer.from(
  JSON.stringify({ items: [{ id: 'o-1', status: 'paid', totalMinor: 4200 }], nextCursor: null }),
);

interface Target {
  name: string;
  label: string;
  url: string;
  headers?: Record<string, string>;
}

/**
 * What the edge's security costs: one small GET answered by a bare
 * `node:http` server (the floor, no gateway), then through the gateway with
 * nothing at the edge (a public route, rate limiting off), with rate
 * limiting (anonymous, counted per address), and with JWT verification plus
 * rate limiting (a signed-in route, counted per user); with Redis counters
 * too when `REDIS_URL` is set. The upstream is the same bare server, so
 * the differences are the gateway's alone.
 */
export const gatewaySecurity: Scenario = {
  name: 'gateway-security',
  async run(load: BenchLoad): Promise<ScenarioResult> {
    const identity = await createTestIdentity();
    const bare = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      response.end(body);
    });
    const started: RunningService[] = [];
    try {
      const bareUrl = await listen(bare);
      const gateway = async (env: Record<string, string>) => {
        const running = await startService(gatewayService, {
          env: {
            ...quiet,
            JWKS_URL: identity.jwksUrl,
            SERVICE_URLS: `product=${bareUrl},order=${bareUrl}`,
            RATE_LIMITS: unreachableLimits,
            RATE_LIMIT_KEY_PREFIX: `bench:${Date.now()}:`,
            ...env,
          },
        });
        started.push(running);
        return running.url;
      };
      const open = await gateway({ RATE_LIMITING: 'false' });
      const limited = await gateway({});
      const redis = process.env.REDIS_URL ? await gateway({ REDIS_URL: process.env.REDIS_URL }) : undefined;
      const bearer = await identity.bearer({ sub: 'bench-customer', roles: ['customer'], expiresIn: '2h' });

      const targets: Target[] = [
        { name: 'bare', label: 'bare `node:http` (no gateway)', url: `${bareUrl}/api/v1/orders` },
        { name: 'open', label: 'gateway, public route, no limiting', url: `${open}/api/v1/products` },
        { name: 'limited', label: 'gateway, rate limit (per address)', url: `${limited}/api/v1/products` },
        {
          name: 'secured',
          label: 'gateway, JWT + rate limit (per user)',
          url: `${limited}/api/v1/orders`,
          headers: bearer,
        },
      ];
      if (redis) {
        targets.push({
          name: 'securedRedis',
          label: 'gateway, JWT + rate limit in Redis',
          url: `${redis}/api/v1/orders`,
          headers: bearer,
        });
      }
      for (const target of targets) {
        const check = await fetch(target.url, { headers: target.headers ?? {} });
        if (check.status !== 200 || !Buffer.from(await check.arrayBuffer()).equals(body)) {
          throw new Error(`${target.name} does not answer the bare bytes (status ${check.status})`);
        }
      }

      // Rounds interleave the targets, so a neighbour loading the machine weighs on all alike.
      const rounds: Array<Record<string, Measurement>> = [];
      for (let round = 0; round < load.rounds; round++) {
        const measured: Record<string, Measurement> = {};
        for (const target of targets) {
          const warmupS = round === 0 ? load.warmupS : 0;
          measured[target.name] = await measure(target.name, target.url, {
            ...load,
            warmupS,
            ...(target.headers ? { headers: target.headers } : {}),
          });
        }
        rounds.push(measured);
      }
      return report(targets, rounds, load);
    } finally {
      for (const running of started.reverse()) await running.close();
      await new Promise((resolve) => bare.close(resolve));
      await identity.close();
    }
  },
};

function report(
  targets: Target[],
  rounds: Array<Record<string, Measurement>>,
  load: BenchLoad,
): ScenarioResult {
  // autocannon's p50 is whole milliseconds (0 for the bare route): ratios use the mean, in fractions of one.
  const summaries = rounds.map((measured) =>
    Object.fromEntries(
      Object.entries(measured).map(([name, m]) => [
        name,
        { ...summaryOf(m), latencyMeanMs: m.result.latency.average },
      ]),
    ),
  );
  type Summary = ReturnType<typeof summaryOf> & { latencyMeanMs: number };
  const medianOf = (name: string, pick: (summary: Summary) => number) =>
    median(summaries.map((summary) => pick(summary[name]!)));
  /** Median over rounds of one round's ratio, so a slow round weighs on both sides alike. */
  const ratio = (name: string, base: string, pick: (summary: Summary) => number) =>
    round(median(summaries.map((summary) => pick(summary[name]!) / pick(summary[base]!))));
  const latency = (s: Summary) => s.latencyMeanMs;
  const cpu = (s: Summary) => s.serverCpuUsPerRequest;
  const throughput = (s: Summary) => 1 / s.requestsPerSecondP50;

  const figures: Record<string, number> = {};
  for (const { name } of targets.slice(1)) {
    figures[`${name}LatencyToBare`] = ratio(name, 'bare', latency);
    figures[`${name}CpuToBare`] = ratio(name, 'bare', cpu);
    figures[`${name}ThroughputCostToBare`] = ratio(name, 'bare', throughput);
  }
  figures.securedCpuToOpen = ratio('secured', 'open', cpu);
  figures.limitedCpuToOpen = ratio('limited', 'open', cpu);

  return {
    title: 'Gateway security: JWT verification and rate limiting at the edge',
    notes: [
      `\`GET\` answered with the same ${body.length} bytes of JSON by a bare \`node:http\` server, directly and through the gateway (same process, loopback).`,
      'open: a public route, rate limiting off; limited: the same route counted per client address; secured: a signed-in route, the EdDSA access token verified against the cached JWKS, counted per user; Redis: the same with counters in Redis (only when REDIS_URL is set). Limits are set far above the load, so nothing is refused.',
      `${load.connections} connections; ${load.warmupS} s warm-up per target, then ${load.rounds} rounds of ${load.durationS} s per target, interleaved; figures are medians over rounds (ratios: median of each round's ratio); logs off.`,
      'Ratios against bare: mean latency, server CPU per request, and 1/req/s (how many times the bare route’s cost per request). CPU per request holds best on a busy machine. The gateway and the bare upstream share one process, so gateway rows include the upstream’s own (small) CPU.',
    ],
    table: {
      columns: [
        'target',
        'req/s (p50)',
        'latency mean (ms)',
        'latency p99 (ms)',
        'server CPU/request (µs)',
        'failures',
      ],
      rows: targets.map(({ name, label }) => [
        label,
        round(
          medianOf(name, (s) => s.requestsPerSecondP50),
          0,
        ),
        round(medianOf(name, latency)),
        medianOf(name, (s) => s.latencyP99Ms),
        round(medianOf(name, cpu), 0),
        summaries.reduce((sum, s) => sum + s[name]!.failures, 0),
      ]),
    },
    figures,
    raw: { rounds: rounds.map((measured) => ({ ...measured })) },
  };
}

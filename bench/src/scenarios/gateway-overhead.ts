import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayService } from '@emporium/gateway/service';
import { inventoryService } from '@emporium/inventory/service';
import { startEmbeddedPostgres } from '@emporium/platform/db/embedded-postgres';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { type Measurement, measure, summaryOf } from '../load/measure.js';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';

const path = '/api/v1/warehouses';
const quiet = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
const targetOrder = ['bare', 'direct', 'gateway'] as const;
type Target = (typeof targetOrder)[number];

/**
 * What the gateway costs: the same small GET answered by a bare `node:http`
 * server (the floor), by the inventory service itself (Fastify, Drizzle,
 * `pg` to an embedded PGlite), and by the inventory service through the
 * gateway. Everything runs in this process, like the embedded mode. The
 * route needs `inventory:read`, so both the gateway (at the edge) and the
 * service verify the caller's token; the gateway's rate limiting is off
 * here (gateway-security measures it).
 */
export const gatewayOverhead: Scenario = {
  name: 'gateway-overhead',
  async run(load: BenchLoad): Promise<ScenarioResult> {
    const postgres = await startEmbeddedPostgres();
    const identity = await createTestIdentity();
    const signedIn = { ...quiet, JWKS_URL: identity.jwksUrl, LIVE_CONFIG: 'false' };
    // Inventory produces events: the embedded broker, as `npm start` gives it.
    const inProcessBroker = createInProcessBroker();
    const inventory = await startService(inventoryService, {
      env: { ...signedIn, DATABASE_URL: postgres.url, DATABASE_POOL_MAX: '10' },
      inProcessBroker,
    });
    inProcessBroker.open();
    const gateway = await startService(gatewayService, {
      env: { ...signedIn, SERVICE_URLS: `inventory=${inventory.url}`, RATE_LIMITING: 'false' },
    });
    let bare: Server | undefined;
    try {
      const headers = await identity.bearer({ sub: 'bench-admin', roles: ['admin'] });
      await seedWarehouses(inventory.url, headers);
      const sample = await fetch(`${inventory.url}${path}`, { headers });
      const bytes = Buffer.from(await sample.arrayBuffer());
      const contentType = sample.headers.get('content-type') ?? 'application/json';
      const throughGateway = Buffer.from(
        await (await fetch(`${gateway.url}${path}`, { headers })).arrayBuffer(),
      );
      if (!throughGateway.equals(bytes))
        throw new Error('the gateway does not answer the bytes the service does');
      bare = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
        response.end(bytes);
      });
      const bareUrl = await listen(bare);

      const targets = {
        bare: `${bareUrl}${path}`,
        direct: `${inventory.url}${path}`,
        gateway: `${gateway.url}${path}`,
      };
      // Rounds interleave the targets, so a neighbour loading the machine for a
      // while weighs on all three alike; each ratio compares one round's runs.
      const rounds: Array<Record<Target, Measurement>> = [];
      for (let round = 0; round < load.rounds; round++) {
        const warmupS = round === 0 ? load.warmupS : 0;
        const measured = {} as Record<Target, Measurement>;
        for (const target of targetOrder) {
          measured[target] = await measure(target, targets[target], { ...load, warmupS, headers });
        }
        rounds.push(measured);
      }
      return report(rounds, bytes.length, load);
    } finally {
      await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
      await gateway.close();
      await inventory.close();
      await identity.close();
      await postgres.stop();
    }
  },
};

async function seedWarehouses(baseUrl: string, credentials: Record<string, string>): Promise<void> {
  for (const warehouse of [
    { id: 'eu-central', name: 'Berlin', country: 'DE' },
    { id: 'us-east', name: 'Newark', country: 'US' },
  ]) {
    const response = await fetch(`${baseUrl}/api/v1/warehouses`, {
      method: 'POST',
      headers: { ...credentials, 'content-type': 'application/json' },
      body: JSON.stringify(warehouse),
    });
    if (response.status !== 201) throw new Error(`seeding a warehouse answered ${response.status}`);
  }
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

type Summary = ReturnType<typeof summaryOf>;
const labels: Record<Target, string> = {
  bare: 'bare `node:http`',
  direct: 'inventory, direct',
  gateway: 'inventory via gateway',
};

function report(
  rounds: Array<Record<Target, Measurement>>,
  bodyBytes: number,
  load: BenchLoad,
): ScenarioResult {
  const summaries = rounds.map((measured) => ({
    bare: summaryOf(measured.bare),
    direct: summaryOf(measured.direct),
    gateway: summaryOf(measured.gateway),
  }));
  const medianOf = (target: Target, pick: (summary: Summary) => number) =>
    median(summaries.map((summary) => pick(summary[target])));
  const perRound = (pick: (summary: Record<Target, Summary>) => number) =>
    summaries.map(pick).map((v) => round(v));
  const gatewayToDirect = perRound((s) => s.gateway.requestsPerSecondP50 / s.direct.requestsPerSecondP50);
  const directToBare = perRound((s) => s.direct.requestsPerSecondP50 / s.bare.requestsPerSecondP50);
  const cpuDirectToGateway = perRound(
    (s) => s.direct.serverCpuUsPerRequest / s.gateway.serverCpuUsPerRequest,
  );
  return {
    title: 'Gateway overhead: a small GET',
    notes: [
      `\`GET ${path}\` (${bodyBytes} bytes of JSON, two warehouses) over loopback.`,
      'The three servers share one process, as in embedded mode (inventory on an in-memory PGlite); autocannon runs in a child process.',
      `${load.connections} connections; ${load.warmupS} s warm-up per target, then ${load.rounds} rounds of ${load.durationS} s per target, interleaved; figures are medians over rounds (ratios: median of each round's ratio); logs off.`,
      'Server CPU/request: CPU time (user + system) of the servers’ process per answered request; the servers’ event loop is saturated, so req/s ≈ 1 / CPU per request.',
      'Every request carries an admin access token (the route needs `inventory:read`): the gateway verifies it at the edge and inventory again; the gateway’s rate limiting is off (see gateway-security).',
    ],
    table: {
      columns: [
        'target',
        'req/s (p50)',
        'latency p50 (ms)',
        'latency p99 (ms)',
        'server CPU/request (µs)',
        'event loop busy',
        'failures',
      ],
      rows: targetOrder.map((target) => [
        labels[target],
        round(
          medianOf(target, (s) => s.requestsPerSecondP50),
          0,
        ),
        medianOf(target, (s) => s.latencyP50Ms),
        medianOf(target, (s) => s.latencyP99Ms),
        round(
          medianOf(target, (s) => s.serverCpuUsPerRequest),
          0,
        ),
        round(medianOf(target, (s) => s.eventLoopUtilization)),
        summaries.reduce((sum, s) => sum + s[target].failures, 0),
      ]),
    },
    figures: {
      gatewayToDirect: round(median(gatewayToDirect)),
      directToBare: round(median(directToBare)),
      cpuDirectToGateway: round(median(cpuDirectToGateway)),
    },
    raw: {
      rounds: rounds.map((measured) => mapValues(measured, (m) => ({ ...m }))),
      perRound: { gatewayToDirect, directToBare, cpuDirectToGateway },
    },
  };
}

function mapValues<T, U>(record: Record<Target, T>, map: (value: T) => U): Record<Target, U> {
  return { bare: map(record.bare), direct: map(record.direct), gateway: map(record.gateway) };
}

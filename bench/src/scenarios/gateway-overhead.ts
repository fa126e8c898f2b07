import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayService } from '@emporium/gateway/service';
import { inventoryService } from '@emporium/inventory/service';
import { startEmbeddedPostgres } from '@emporium/platform/db/embedded-postgres';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { type Measurement, measure, type ServerGauges, summaryOf } from '../load/measure.js';
import { startServerProcess } from '../load/server-processes.js';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';

const path = '/api/v1/warehouses';
const quiet = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
/** One process (embedded mode's layout), then each service in a process of its own (distributed mode's). */
const targetOrder = ['bare', 'direct', 'gateway', 'directApart', 'gatewayApart'] as const;
type Target = (typeof targetOrder)[number];

/**
 * What the gateway costs: the same small GET answered by a bare `node:http`
 * server (the floor), by the inventory service itself (Fastify, Drizzle,
 * `pg` to an embedded PGlite), and by the inventory service through the
 * gateway. Twice: with everything in this process, like the embedded mode,
 * where the gateway's work and the service's share one event loop; and with
 * the gateway and inventory each in a process of its own, as distributed
 * mode and Kubernetes run them. The route needs `inventory:read`, so both
 * the gateway (at the edge) and the service verify the caller's token; the
 * gateway's rate limiting is off here (gateway-security measures it).
 */
export const gatewayOverhead: Scenario = {
  name: 'gateway-overhead',
  async run(load: BenchLoad): Promise<ScenarioResult> {
    const postgres = await startEmbeddedPostgres();
    const identity = await createTestIdentity();
    const signedIn = { ...quiet, JWKS_URL: identity.jwksUrl, LIVE_CONFIG: 'false' };
    const inventoryEnv = { ...signedIn, DATABASE_POOL_MAX: '10' };
    const gatewayEnv = (inventoryUrl: string) => ({
      ...signedIn,
      SERVICE_URLS: `inventory=${inventoryUrl}`,
      RATE_LIMITING: 'false',
    });
    // Inventory produces events: the embedded broker, as `npm start` gives it.
    const inProcessBroker = createInProcessBroker();
    const inventory = await startService(inventoryService, {
      env: { ...inventoryEnv, DATABASE_URL: postgres.url },
      inProcessBroker,
    });
    inProcessBroker.open();
    const gateway = await startService(gatewayService, { env: gatewayEnv(inventory.url) });
    const inventoryApart = await startServerProcess({
      service: 'inventory',
      env: inventoryEnv,
      embeddedPostgres: true,
    });
    const gatewayApart = await startServerProcess({
      service: 'gateway',
      env: gatewayEnv(inventoryApart.url),
    });
    let bare: Server | undefined;
    try {
      const headers = await identity.bearer({ sub: 'bench-admin', roles: ['admin'] });
      await seedWarehouses(inventory.url, headers);
      await seedWarehouses(inventoryApart.url, headers);
      const sample = await fetch(`${inventory.url}${path}`, { headers });
      const bytes = Buffer.from(await sample.arrayBuffer());
      const contentType = sample.headers.get('content-type') ?? 'application/json';
      const bodyOf = async (baseUrl: string) =>
        Buffer.from(await (await fetch(`${baseUrl}${path}`, { headers })).arrayBuffer());
      for (const [service, viaGateway] of [
        [inventory.url, gateway.url],
        [inventoryApart.url, gatewayApart.url],
      ] as const) {
        if (!(await bodyOf(viaGateway)).equals(await bodyOf(service)))
          throw new Error('the gateway does not answer the bytes the service does');
      }
      bare = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
        response.end(bytes);
      });
      const bareUrl = await listen(bare);

      const targets: Record<Target, { url: string; servers?: ServerGauges }> = {
        bare: { url: `${bareUrl}${path}` },
        direct: { url: `${inventory.url}${path}` },
        gateway: { url: `${gateway.url}${path}` },
        directApart: { url: `${inventoryApart.url}${path}`, servers: [inventoryApart.usage] },
        gatewayApart: {
          url: `${gatewayApart.url}${path}`,
          servers: [gatewayApart.usage, inventoryApart.usage],
        },
      };
      // Rounds interleave the targets, so a neighbour loading the machine for a
      // while weighs on all of them alike; each ratio compares one round's runs.
      const rounds: Array<Record<Target, Measurement>> = [];
      for (let round = 0; round < load.rounds; round++) {
        const warmupS = round === 0 ? load.warmupS : 0;
        const measured = {} as Record<Target, Measurement>;
        for (const target of targetOrder) {
          const { url, servers } = targets[target];
          measured[target] = await measure(target, url, { ...load, warmupS, headers }, servers);
        }
        rounds.push(measured);
      }
      return report(rounds, bytes.length, load);
    } finally {
      await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
      await gatewayApart.stop();
      await inventoryApart.stop();
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
  direct: 'inventory, direct (one process)',
  gateway: 'inventory via gateway (one process)',
  directApart: 'inventory, direct (own process)',
  gatewayApart: 'inventory via gateway (own processes)',
};

function report(
  rounds: Array<Record<Target, Measurement>>,
  bodyBytes: number,
  load: BenchLoad,
): ScenarioResult {
  const summaries = rounds.map((measured) => mapValues(measured, summaryOf));
  const medianOf = (target: Target, pick: (summary: Summary) => number) =>
    median(summaries.map((summary) => pick(summary[target])));
  const perRound = (pick: (summary: Record<Target, Summary>) => number) =>
    summaries.map(pick).map((v) => round(v));
  const rate = (summary: Summary) => summary.requestsPerSecondP50;
  const gatewayToDirect = perRound((s) => rate(s.gateway) / rate(s.direct));
  const gatewayToDirectApart = perRound((s) => rate(s.gatewayApart) / rate(s.directApart));
  const directToBare = perRound((s) => rate(s.direct) / rate(s.bare));
  const cpuDirectToGateway = perRound(
    (s) => s.direct.serverCpuUsPerRequest / s.gateway.serverCpuUsPerRequest,
  );
  const gatewayCpuUs = perRound((s) => s.gateway.serverCpuUsPerRequest - s.direct.serverCpuUsPerRequest);
  return {
    title: 'Gateway overhead: a small GET',
    notes: [
      `\`GET ${path}\` (${bodyBytes} bytes of JSON, two warehouses) over loopback; autocannon runs in a process of its own.`,
      '_One process_: the servers share this process, as in embedded mode (inventory on an in-memory PGlite), so every proxied request costs the gateway’s work and the service’s on one event loop.',
      '_Own processes_: the gateway and inventory (with its own PGlite) each run in a process of their own, as distributed mode and Kubernetes run them; on this 2-core machine they share the cores with the load generator.',
      `${load.connections} connections; ${load.warmupS} s warm-up per target, then ${load.rounds} rounds of ${load.durationS} s per target, interleaved; figures are medians over rounds (ratios: median of each round's ratio); logs off.`,
      'Server CPU/request: CPU time (user + system) of the server processes per answered request; event loop busy: the busiest server’s share of the time.',
      'Every request carries an admin access token (the route needs `inventory:read`): the gateway verifies it at the edge and inventory again (each remembers a verified token until it expires); the gateway’s rate limiting is off (see gateway-security).',
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
      gatewayToDirectApart: round(median(gatewayToDirectApart)),
      gatewayToDirect: round(median(gatewayToDirect)),
      directToBare: round(median(directToBare)),
      cpuDirectToGateway: round(median(cpuDirectToGateway)),
      gatewayCpuUsPerRequest: round(median(gatewayCpuUs), 0),
    },
    raw: {
      rounds: rounds.map((measured) => mapValues(measured, (m) => ({ ...m }))),
      perRound: { gatewayToDirectApart, gatewayToDirect, directToBare, cpuDirectToGateway, gatewayCpuUs },
    },
  };
}

function mapValues<T, U>(record: Record<Target, T>, map: (value: T) => U): Record<Target, U> {
  return Object.fromEntries(targetOrder.map((target) => [target, map(record[target])])) as Record<Target, U>;
}

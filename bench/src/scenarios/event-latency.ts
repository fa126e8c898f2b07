/**
 * End-to-end event latency, commit to consumer handler, through the real
 * event backbone: a producer writes each event in its own transaction (state
 * change + outbox row), the relay publishes it (LISTEN/NOTIFY-woken, publisher
 * confirms), the consumer handles it in its inbox transaction. Measured:
 *
 * - latency p50/p95/p99/max at a fixed 1,000 events/s (open loop);
 * - the highest rate of a rising ladder the machine sustains: the producer
 *   keeps up (≥ 95 % of the target) and the consumer has handled everything
 *   within 2 s of the step's end.
 *
 * On RabbitMQ + PostgreSQL when AMQP_URL and DATABASE_URL are set (the
 * numbers the issue asks for); otherwise on the embedded stack (PGlite and
 * the in-process broker), labelled as such. `npm run bench -- event-latency`
 * runs it as a scenario (JSON + markdown in bench/results/); `runEventLatency()`
 * returns the raw report, which `npx tsx --conditions=source
 * bench/src/scenarios/event-latency.ts` prints.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { defineEvent } from '@emporium/contracts/events/define-event';
import { createEnvelope } from '@emporium/contracts/events/envelope';
import { loadConfig } from '@emporium/platform/config/load-config';
import { createEventBus } from '@emporium/platform/events/create-event-bus';
import { createEventRuntime, type EventRuntime } from '@emporium/platform/events/event-runtime';
import { deadLetterTable, inboxTable, outboxTable } from '@emporium/platform/events/event-tables';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { createLogger } from '@emporium/platform/log/logger';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { createTestDatabase } from '@emporium/platform/testing/test-database';
import amqplib from 'amqplib';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { drizzle } from 'drizzle-orm/node-postgres';
import { bigserial, doublePrecision, pgSchema, text } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { Type } from 'typebox';
import type { Scenario, ScenarioResult } from '../scenario.js';

const benchSchema = pgSchema('bench_events');
const schema = {
  outbox: outboxTable(benchSchema),
  inbox: inboxTable(benchSchema),
  deadLetters: deadLetterTable(benchSchema),
  /** The producer's state change: one row per event. */
  ledger: benchSchema.table('ledger', {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ref: text('ref').notNull(),
  }),
  /** The consumer's effect. */
  sink: benchSchema.table('sink', {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull(),
    latencyMs: doublePrecision('latency_ms').notNull(),
  }),
};

const benchEvent = defineEvent({
  type: 'bench.recorded',
  version: 1,
  producer: 'inventory',
  consumers: ['analytics'],
  description: 'benchmark event',
  payload: Type.Object({ n: Type.Integer(), ref: Type.String() }, { additionalProperties: false }),
});

const BenchConfig = Type.Object(
  {
    databaseUrl: Type.Optional(Type.String()),
    amqpUrl: Type.Optional(Type.String()),
    benchEventSeconds: Type.Integer({ minimum: 2, default: 10 }),
    benchEventLadder: Type.String({ default: '250,500,750,1000,1500,2000,3000,4000' }),
  },
  { additionalProperties: false },
);

const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface StepResult {
  targetPerSecond: number;
  producedPerSecond: number;
  produced: number;
  handled: number;
  drainedWithinMs: number | null;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export interface EventLatencyReport {
  scenario: 'event-latency';
  stack: string;
  measures: string;
  stepSeconds: number;
  atThousandPerSecond: StepResult;
  maxSustainedPerSecond: number;
  ladder: StepResult[];
}

/** `seconds`: length of the 1,000 events/s step (ladder steps last half, at least 5 s); default BENCH_EVENT_SECONDS. */
export async function runEventLatency(options: { seconds?: number } = {}): Promise<EventLatencyReport> {
  const config = loadConfig(BenchConfig, { service: 'bench' });
  const stepSeconds = Math.max(2, options.seconds ?? config.benchEventSeconds);
  const real = Boolean(config.amqpUrl && config.databaseUrl);
  const database = await createTestDatabase(real ? { DATABASE_URL: config.databaseUrl } : {});
  // Producer and consumer are different services in production: each has its own pool.
  const pool = new pg.Pool({ connectionString: database.url, max: 32 });
  const consumerPool = new pg.Pool({ connectionString: database.url, max: 16 });
  for (const p of [pool, consumerPool]) p.on('error', () => {});
  const prefix = `bench${randomBytes(3).toString('hex')}.`;
  const logger = createLogger({ service: 'bench', version: '0', level: 'warn', destination: process.stderr });
  const runtimes: EventRuntime[] = [];
  try {
    for (const statement of await generateMigration(
      generateDrizzleJson({}),
      generateDrizzleJson({ benchSchema, ...schema }),
    )) {
      await pool.query(statement);
    }
    const db = drizzle(pool, { schema });
    const broker = real ? undefined : createInProcessBroker();
    const bus = (name: string) =>
      createEventBus({
        amqpUrl: real ? config.amqpUrl : undefined,
        inProcessBroker: broker,
        logger,
        connectionName: name,
        namePrefix: prefix,
      });
    const common = { db, pool, tables: schema, logger };
    const consumerDb = drizzle(consumerPool, { schema });

    const committedAt = new Map<string, number>();
    const latencies: number[] = [];
    let handled = 0;
    const consumer = createEventRuntime({
      ...common,
      db: consumerDb,
      pool: consumerPool,
      service: 'analytics',
      bus: bus('bench-consumer'),
      metrics: createMetrics('analytics'),
    });
    consumer.subscribe(
      benchEvent,
      async (event, ctx) => {
        const latencyMs = now() - (committedAt.get(event.id) ?? now());
        await ctx.tx.insert(schema.sink).values({ eventId: event.id, latencyMs });
        latencies.push(latencyMs);
        handled += 1;
      },
      { concurrency: 50 },
    );
    const producer = createEventRuntime({
      ...common,
      service: 'inventory',
      bus: bus('bench-producer'),
      metrics: createMetrics('inventory'),
      produces: [benchEvent],
    });
    runtimes.push(consumer, producer);
    await consumer.start();
    await producer.start();
    broker?.open();

    let n = 0;
    async function produceOne(): Promise<void> {
      n += 1;
      const ref = `r${n}`;
      const envelope = createEnvelope(benchEvent, { subject: ref, data: { n, ref } });
      await db.transaction(async (tx) => {
        await tx.insert(schema.ledger).values({ ref });
        await producer.enqueue(tx, envelope);
      });
      committedAt.set(envelope.id, now());
    }

    /** Open loop: starts `rate` transactions a second in 10 ms ticks, never waiting for earlier ones. */
    async function step(rate: number, seconds: number): Promise<StepResult> {
      latencies.length = 0;
      const handledBefore = handled;
      const inFlight = new Set<Promise<void>>();
      let produced = 0;
      const started = now();
      const end = started + seconds * 1000;
      let due = 0;
      while (now() < end) {
        const target = Math.floor(((now() - started) / 1000) * rate);
        // Back-pressure cap: a machine that cannot keep up shows it in the produced rate, not in memory.
        for (; due < target && inFlight.size < 128; due += 1) {
          const task = produceOne()
            .then(() => {
              produced += 1;
            })
            .finally(() => inFlight.delete(task));
          inFlight.add(task);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await Promise.allSettled(inFlight);
      const producedPerSecond = produced / ((now() - started) / 1000);
      const drainStart = now();
      while (handled - handledBefore < produced && now() - drainStart < 10_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const drained = handled - handledBefore >= produced;
      const sorted = [...latencies].sort((a, b) => a - b);
      const round = (v: number) => Math.round(v * 10) / 10;
      return {
        targetPerSecond: rate,
        producedPerSecond: Math.round(producedPerSecond),
        produced,
        handled: handled - handledBefore,
        drainedWithinMs: drained ? Math.round(now() - drainStart) : null,
        latencyMs: {
          p50: round(percentile(sorted, 50)),
          p95: round(percentile(sorted, 95)),
          p99: round(percentile(sorted, 99)),
          max: round(sorted.at(-1) ?? Number.NaN),
        },
      };
    }

    await step(200, 2); // warm-up: connections, JIT, plans
    const atThousand = await step(1000, stepSeconds);
    const ladder: StepResult[] = [];
    let maxSustained = 0;
    for (const rate of config.benchEventLadder.split(',').map(Number)) {
      const result = await step(rate, Math.max(5, Math.floor(stepSeconds / 2)));
      ladder.push(result);
      const sustained =
        result.producedPerSecond >= rate * 0.95 &&
        result.drainedWithinMs !== null &&
        result.drainedWithinMs <= 2_000;
      if (!sustained) break;
      maxSustained = result.producedPerSecond;
    }
    return {
      scenario: 'event-latency',
      stack: real ? 'PostgreSQL + RabbitMQ' : 'embedded: PGlite + in-process broker',
      measures: 'commit of the producing transaction → start of the consumer handler',
      stepSeconds,
      atThousandPerSecond: atThousand,
      maxSustainedPerSecond: maxSustained,
      ladder,
    };
  } finally {
    for (const runtime of runtimes.reverse()) await runtime.close().catch(() => {});
    await pool.end();
    await consumerPool.end();
    await database.drop();
    if (real) await deleteTopology(config.amqpUrl!, prefix);
  }
}

async function deleteTopology(url: string, prefix: string): Promise<void> {
  const connection = await amqplib.connect(url);
  const channel = await connection.createChannel();
  const queue = `${prefix}analytics.${benchEvent.type}`;
  for (const name of [
    queue,
    `${queue}.dlq`,
    `${queue}.retry.1s`,
    `${queue}.retry.5s`,
    `${queue}.retry.30s`,
  ]) {
    await channel.deleteQueue(name).catch(() => {});
  }
  await channel.deleteExchange(`${prefix}emporium.events`).catch(() => {});
  await connection.close();
}

const stepRow = (label: string, step: StepResult) => [
  label,
  step.targetPerSecond,
  step.producedPerSecond,
  `${step.handled}/${step.produced}`,
  step.drainedWithinMs === null ? 'no (10 s)' : `${step.drainedWithinMs} ms`,
  step.latencyMs.p50,
  step.latencyMs.p95,
  step.latencyMs.p99,
  step.latencyMs.max,
];

/** The report as a harness scenario: one row per offered rate, the 1,000/s step first. */
export function eventLatencyResult(report: EventLatencyReport): ScenarioResult {
  return {
    title: `Event latency, commit to consumer handler (${report.stack})`,
    notes: [
      'Producer: one transaction per event (a ledger row + its outbox row); relay: LISTEN/NOTIFY-woken (PostgreSQL) or polling (PGlite), publisher confirms (RabbitMQ).',
      'Consumer: another runtime with its own pool, concurrency 50, the handler writes its effect in the inbox transaction; latency = commit of the producing transaction → start of the handler.',
      `Open loop in 10 ms ticks, at most 128 producing transactions in flight; the 1,000/s step lasts ${report.stepSeconds} s, each ladder step ${Math.max(5, Math.floor(report.stepSeconds / 2))} s, after a 2 s warm-up at 200/s.`,
      "Sustained: the producer reached ≥ 95 % of the offered rate and the consumer had handled everything within 2 s of the step's end; the ladder stops at the first rate that is not.",
      'Producer, relay, broker client and consumer share this one Node process (and the 2 cores with PostgreSQL and RabbitMQ).',
    ],
    table: {
      columns: [
        'step',
        'offered /s',
        'produced /s',
        'handled',
        'drained',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
      ],
      rows: [
        stepRow('1,000/s', report.atThousandPerSecond),
        ...report.ladder.map((step) => stepRow('ladder', step)),
      ],
    },
    figures: {
      p50AtThousandMs: report.atThousandPerSecond.latencyMs.p50,
      p99AtThousandMs: report.atThousandPerSecond.latencyMs.p99,
      maxSustainedPerSecond: report.maxSustainedPerSecond,
    },
    raw: report,
  };
}

export const eventLatency: Scenario = {
  name: 'event-latency',
  async run(load) {
    return eventLatencyResult(await runEventLatency({ seconds: load.durationS }));
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${JSON.stringify(await runEventLatency(), null, 2)}\n`);
}

import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgSchema } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { Type } from 'typebox';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import type { DeadLetters } from './dead-letters.js';
import { deadLetterTable, inboxTable } from './event-tables.js';
import { createRabbitMqBus } from './rabbitmq-bus.js';
import type { TransactionalDb } from './sql-executor.js';
import { createTableDeadLetters } from './table-dead-letters.js';

const usage = `usage: dead-letters-cli <list|show|replay|replay-all> <queue> [id] [options]
  <queue>            a consumer's work queue, e.g. notification.order.created
  --backend amqp|db  where the dead letters are (default: amqp when AMQP_URL is set, else db)
  --schema NAME      db: the consuming service's Postgres schema (default: the queue's first part)
  --prefix PREFIX    amqp: the name prefix the bus was started with
  --limit N          list: how many (default 50)
Reads AMQP_URL / DATABASE_URL (or *_FILE) from the environment.`;

const CliConfig = Type.Object(
  { amqpUrl: Type.Optional(Type.String()), databaseUrl: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

async function open(
  backend: string,
  queue: string,
  flags: { schema?: string | undefined; prefix?: string | undefined },
): Promise<{ deadLetters: DeadLetters; close: () => Promise<void> }> {
  const config = loadConfig(CliConfig, { service: 'dead-letters-cli' });
  if (backend === 'amqp') {
    if (!config.amqpUrl) throw new Error('AMQP_URL is not set');
    const logger = createLogger({
      service: 'dead-letters-cli',
      version: '0',
      level: 'warn',
      destination: process.stderr,
    });
    const bus = createRabbitMqBus({
      url: config.amqpUrl,
      logger,
      namePrefix: flags.prefix ?? '',
      connectionName: 'dead-letters-cli',
    });
    await bus.start();
    return { deadLetters: bus.deadLettersOf!([`${flags.prefix ?? ''}${queue}`]), close: () => bus.close() };
  }
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set');
  const schema = pgSchema(flags.schema ?? queue.split('.')[0]!);
  const tables = { inbox: inboxTable(schema), deadLetters: deadLetterTable(schema) };
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 2 });
  const deadLetters = createTableDeadLetters(drizzle(pool) as unknown as TransactionalDb, tables);
  return { deadLetters, close: () => pool.end() };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      backend: { type: 'string' },
      schema: { type: 'string' },
      prefix: { type: 'string' },
      limit: { type: 'string', default: '50' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, queue, id] = positionals;
  if (values.help || !command || !queue) {
    process.stdout.write(`${usage}\n`);
    return values.help ? 0 : 2;
  }
  const backend =
    values.backend ?? (loadConfig(CliConfig, { service: 'dead-letters-cli' }).amqpUrl ? 'amqp' : 'db');
  const { deadLetters, close } = await open(backend, queue, values);
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  const fullQueue = backend === 'amqp' ? `${values.prefix ?? ''}${queue}` : queue;
  try {
    switch (command) {
      case 'list':
        print(await deadLetters.list({ queue: fullQueue, limit: Number(values.limit) }));
        return 0;
      case 'show': {
        const found = id ? await deadLetters.get(id) : undefined;
        if (!found) throw new Error(`no dead letter "${id ?? ''}"`);
        print(found);
        return 0;
      }
      case 'replay':
        if (!id || !(await deadLetters.replay(id))) throw new Error(`no dead letter "${id ?? ''}"`);
        print({ replayed: 1 });
        return 0;
      case 'replay-all':
        print({ replayed: await deadLetters.replayAll({ queue: fullQueue }) });
        return 0;
      default:
        process.stdout.write(`${usage}\n`);
        return 2;
    }
  } finally {
    await close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`dead-letters-cli: ${error.message}\n`);
    process.exit(1);
  },
);

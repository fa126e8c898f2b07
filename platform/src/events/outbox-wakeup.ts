import pg from 'pg';
import type { Logger } from '../log/logger.js';

/** Tells the relay when to look at its outbox again. */
export interface Wakeup {
  /** Resolves on a NOTIFY, a `wake()`, or after `ms`, whichever comes first. */
  wait: (ms: number) => Promise<void>;
  wake: () => void;
  /** True while a LISTEN connection delivers notifications. */
  readonly listening: boolean;
  close: () => Promise<void>;
}

/**
 * LISTEN on the outbox's channel where the server delivers notifications
 * (PostgreSQL), checked with a probe NOTIFY at start: PGlite behind its
 * socket accepts LISTEN but never delivers, so there the relay relies on its
 * short poll alone. A LISTEN connection that drops is re-opened on the next
 * wait; the poll covers the gap.
 */
export function createWakeup(options: {
  connection?: pg.ClientConfig | undefined;
  channel: string;
  logger: Logger;
  probeTimeoutMs?: number;
}): Wakeup {
  let waiter: (() => void) | undefined;
  let client: pg.Client | undefined;
  let listening = false;
  let supported = options.connection !== undefined;
  let connecting: Promise<void> | undefined;
  let retryAfter = 0;
  let closed = false;

  const wake = () => {
    const resolve = waiter;
    waiter = undefined;
    resolve?.();
  };

  async function listen(config: pg.ClientConfig): Promise<void> {
    const next = new pg.Client(config);
    next.on('error', () => {});
    let probed = false;
    let onProbe: (() => void) | undefined;
    next.on('notification', (message) => {
      if (message.payload === 'probe' && !probed) {
        probed = true;
        onProbe?.();
      }
      wake();
    });
    next.on('end', () => {
      if (client === next) {
        client = undefined;
        listening = false;
        retryAfter = Date.now() + 1_000;
      }
    });
    await next.connect();
    await next.query(`listen "${options.channel}"`);
    const delivered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.probeTimeoutMs ?? 1_000);
      onProbe = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    // The probe comes from another connection: PGlite shares one session between its socket
    // connections, so a connection notifying itself would prove nothing.
    const prober = new pg.Client(config);
    prober.on('error', () => {});
    try {
      await prober.connect();
      await prober.query('select pg_notify($1, $2)', [options.channel, 'probe']);
    } finally {
      await prober.end().catch(() => {});
    }
    if (!(await delivered) || closed) {
      await next.query(`unlisten "${options.channel}"`).catch(() => {});
      await next.end().catch(() => {});
      if (!closed) {
        supported = false;
        options.logger.info({ channel: options.channel }, 'outbox notifications unavailable, polling');
      }
      return;
    }
    client = next;
    listening = true;
  }

  function ensureListening(): void {
    if (!supported || closed || listening || connecting || Date.now() < retryAfter) return;
    connecting = listen(options.connection!)
      .catch((error: Error) => {
        retryAfter = Date.now() + 1_000;
        options.logger.warn({ err: error, channel: options.channel }, 'outbox listen failed');
      })
      .finally(() => {
        connecting = undefined;
      });
  }

  return {
    get listening() {
      return listening;
    },
    wake,
    wait(ms) {
      ensureListening();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          if (waiter === done) waiter = undefined;
          resolve();
        }, ms);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiter = done;
      });
    },
    async close() {
      closed = true;
      wake();
      await connecting;
      await client?.end().catch(() => {});
      client = undefined;
      listening = false;
    },
  };
}

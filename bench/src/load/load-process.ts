import autocannon from 'autocannon';

/**
 * The load generator, in a process of its own so the servers' process CPU
 * time can be read without it. Receives what to run over IPC, reports when
 * the warm-up is over, then sends the autocannon result.
 */
export interface LoadOrder {
  title: string;
  url: string;
  /** Sent with every request (credentials, ...). */
  headers?: Record<string, string>;
  connections: number;
  durationS: number;
  warmupS: number;
}

process.once('message', async (order: LoadOrder) => {
  const run = (duration: number) =>
    autocannon({
      title: order.title,
      url: order.url,
      connections: order.connections,
      duration,
      ...(order.headers ? { headers: order.headers } : {}),
    });
  if (order.warmupS > 0) await run(order.warmupS);
  process.send?.({ kind: 'measuring' });
  const result = await run(order.durationS);
  process.send?.({ kind: 'result', result }, () => process.exit(0));
});

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerOrder {
  service: 'gateway' | 'inventory';
  env: Record<string, string>;
  /** Start a PGlite of its own in that process and point DATABASE_URL at it. */
  embeddedPostgres?: boolean;
}

/** What `measure` reads from the servers it loads: CPU time so far, and event-loop use. */
export interface ServerUsage {
  cpu: NodeJS.CpuUsage;
  loop: ReturnType<typeof performance.eventLoopUtilization>;
}

export type ServerReply = { kind: 'started'; url: string } | ({ kind: 'usage' } & ServerUsage);

export interface ServerProcess {
  url: string;
  usage(): Promise<ServerUsage>;
  stop(): Promise<void>;
}

/** Forks `server-process.ts` with `order` and resolves once its service listens. */
export function startServerProcess(order: ServerOrder): Promise<ServerProcess> {
  const child = fork(fileURLToPath(new URL('./server-process.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ServerReply>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`${order.service} process exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message: ServerReply) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const started = next();
  child.send(order);
  return started.then((reply) => {
    if (reply.kind !== 'started') throw new Error(`${order.service} process answered ${reply.kind}`);
    return {
      url: reply.url,
      async usage() {
        const answer = next();
        child.send({ kind: 'usage' });
        const usage = await answer;
        if (usage.kind !== 'usage') throw new Error('expected a usage reply');
        return usage;
      },
      stop: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.send({ kind: 'stop' });
        }),
    };
  });
}

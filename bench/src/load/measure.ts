import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Result } from 'autocannon';
import type { LoadOrder } from './load-process.js';
import type { ServerUsage } from './server-processes.js';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Sent with every request (credentials, ...). */
  headers?: Record<string, string>;
}

/** Where the servers under load run: this process (the default), or others that report their usage. */
export type ServerGauges = Array<() => Promise<ServerUsage>>;
const thisProcess: ServerGauges = [
  async () => ({ cpu: process.cpuUsage(), loop: performance.eventLoopUtilization() }),
];

export interface Measurement {
  result: Result;
  /** CPU time (user + system) this process spent per completed request while measured: the servers' cost. */
  serverCpuUsPerRequest: number;
  /** Of which in the kernel (sockets). */
  serverSystemUsPerRequest: number;
  /** Share of the measured time the servers' event loop was busy (1: saturated); the busiest one's. */
  eventLoopUtilization: number;
}

type Message = { kind: 'measuring' } | { kind: 'result'; result: Result };

/**
 * Drives `url` with a fixed number of keep-alive connections for a fixed
 * time, after a warm-up whose figures are discarded. autocannon runs in a
 * child process, so the servers in this process have the event loop to
 * themselves and their CPU time per request can be read: a figure that,
 * unlike requests per second, holds when other work shares the machine.
 * Servers running in other processes are read through `servers`.
 */
export function measure(
  title: string,
  url: string,
  load: LoadSettings,
  servers: ServerGauges = thisProcess,
): Promise<Measurement> {
  const child = fork(fileURLToPath(new URL('./load-process.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const readAll = () => Promise.all(servers.map((read) => read()));
  return new Promise((resolve, reject) => {
    let started: Promise<ServerUsage[]> | undefined;
    child.on('message', async (message: Message) => {
      if (message.kind === 'measuring') {
        started = readAll();
        return;
      }
      try {
        const [before, after] = await Promise.all([started ?? readAll(), readAll()]);
        const requests = Math.max(1, message.result.requests.total);
        let user = 0;
        let system = 0;
        let busiest = 0;
        after.forEach((usage, index) => {
          const from = before[index]!;
          user += usage.cpu.user - from.cpu.user;
          system += usage.cpu.system - from.cpu.system;
          const loop = performance.eventLoopUtilization(usage.loop, from.loop);
          busiest = Math.max(busiest, loop.utilization);
        });
        resolve({
          result: message.result,
          serverCpuUsPerRequest: (user + system) / requests,
          serverSystemUsPerRequest: system / requests,
          eventLoopUtilization: busiest,
        });
      } catch (error) {
        reject(error);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the load process exited with ${code}`));
    });
    const order: LoadOrder = { title, url, ...load };
    child.send(order);
  });
}

/** The figures the reports show, from one measurement. */
export function summaryOf(measurement: Measurement) {
  const { result } = measurement;
  return {
    requestsPerSecondP50: result.requests.p50,
    requestsPerSecondMean: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    serverCpuUsPerRequest: Math.round(measurement.serverCpuUsPerRequest),
    serverSystemUsPerRequest: Math.round(measurement.serverSystemUsPerRequest),
    eventLoopUtilization: Math.round(measurement.eventLoopUtilization * 100) / 100,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Result } from 'autocannon';
import type { LoadOrder } from './load-process.js';

export interface LoadSettings {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Sent with every request (credentials, ...). */
  headers?: Record<string, string>;
}

export interface Measurement {
  result: Result;
  /** CPU time (user + system) this process spent per completed request while measured: the servers' cost. */
  serverCpuUsPerRequest: number;
  /** Of which in the kernel (sockets). */
  serverSystemUsPerRequest: number;
  /** Share of the measured time the servers' event loop was busy (1: saturated). */
  eventLoopUtilization: number;
}

type Message = { kind: 'measuring' } | { kind: 'result'; result: Result };

/**
 * Drives `url` with a fixed number of keep-alive connections for a fixed
 * time, after a warm-up whose figures are discarded. autocannon runs in a
 * child process, so the servers in this process have the event loop to
 * themselves and their CPU time per request can be read: a figure that,
 * unlike requests per second, holds when other work shares the machine.
 */
export function measure(title: string, url: string, load: LoadSettings): Promise<Measurement> {
  const child = fork(fileURLToPath(new URL('./load-process.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let started:
      | { cpu: NodeJS.CpuUsage; loop: ReturnType<typeof performance.eventLoopUtilization> }
      | undefined;
    child.on('message', (message: Message) => {
      if (message.kind === 'measuring') {
        started = { cpu: process.cpuUsage(), loop: performance.eventLoopUtilization() };
        return;
      }
      const used = process.cpuUsage(started?.cpu);
      const loop = performance.eventLoopUtilization(started?.loop);
      const requests = Math.max(1, message.result.requests.total);
      resolve({
        result: message.result,
        serverCpuUsPerRequest: (used.user + used.system) / requests,
        serverSystemUsPerRequest: used.system / requests,
        eventLoopUtilization: loop.utilization,
      });
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

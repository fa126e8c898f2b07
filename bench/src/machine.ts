import { arch, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

/** What the figures were measured on, written with every result. */
export function machineInfo() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
  };
}

export type MachineInfo = ReturnType<typeof machineInfo>;

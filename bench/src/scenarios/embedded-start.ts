import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@emporium/platform/db/embedded-postgres';
import type { Scenario } from '../scenario.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface StartSample {
  readyMs: number;
  bannerMs: number;
  rssAtReadyMb: number;
  rssAfterSeedMb: number;
}

/** Resident memory of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/**
 * One `npm start -- --ephemeral` exactly as a user runs it (the launcher in
 * its own process, demo data included): time until the gateway's
 * aggregated /health/ready answers 200, time until the banner (demo catalog
 * loaded), and the process's resident memory at both moments.
 */
async function startOnce(): Promise<StartSample> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'launcher/src/main.ts', '--ephemeral'],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 120_000;
  let readyMs = Number.NaN;
  let rssAtReadyMb = Number.NaN;
  try {
    while (Date.now() < deadline) {
      if (Number.isNaN(readyMs)) {
        const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) {
          readyMs = performance.now() - started;
          rssAtReadyMb = rssMb(child.pid!);
        }
      }
      if (output.includes('Emporium is running')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!output.includes('Emporium is running')) throw new Error(`no banner within 120 s:\n${output}`);
    return {
      readyMs,
      bannerMs: performance.now() - started,
      rssAtReadyMb,
      rssAfterSeedMb: rssMb(child.pid!),
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export const embeddedStart: Scenario = {
  name: 'embedded-start',
  async run(load) {
    const rounds = Math.min(load.rounds, 3);
    const samples: StartSample[] = [];
    for (let round = 0; round < rounds; round++) samples.push(await startOnce());
    const row = (label: string, pick: (s: StartSample) => number, unit: string) => [
      label,
      `${Math.round(median(samples.map(pick)))} ${unit}`,
      samples.map((s) => Math.round(pick(s))).join(', '),
    ];
    return {
      title: 'Embedded start: time and memory',
      notes: [
        '`npm start -- --ephemeral` in its own process: one PGlite, twelve services, the gateway, demo data (2,766 products).',
        "ready = the gateway's aggregated /health/ready answers 200 (every service up); banner = demo catalog loaded and URLs printed.",
        'RSS read from /proc/<pid>/status of the launcher process (all services live in it).',
        `${rounds} cold starts, medians.`,
      ],
      table: {
        columns: ['measure', 'median', 'samples'],
        rows: [
          row('time to all twelve ready', (s) => s.readyMs, 'ms'),
          row('time to banner (demo data loaded)', (s) => s.bannerMs, 'ms'),
          row('resident memory when ready', (s) => s.rssAtReadyMb, 'MB'),
          row('resident memory after demo data', (s) => s.rssAfterSeedMb, 'MB'),
        ],
      },
      figures: {
        readyMs: Math.round(median(samples.map((s) => s.readyMs))),
        bannerMs: Math.round(median(samples.map((s) => s.bannerMs))),
        rssAfterSeedMb: median(samples.map((s) => s.rssAfterSeedMb)),
      },
      raw: samples,
    };
  },
};

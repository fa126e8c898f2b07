import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine.js';
import type { BenchLoad, ScenarioResult, Table } from './scenario.js';

export interface RunRecord {
  scenario: string;
  startedAt: string;
  /** Taken as the scenario starts; `loadAverageAfter` as it ends: a busy machine shows in both. */
  machine: MachineInfo;
  loadAverageAfter: number[];
  load: BenchLoad;
  result: ScenarioResult;
}

/** `bench/results/<scenario>-<timestamp>.json`: everything measured, to compare runs later. */
export function writeJson(folder: string, record: RunRecord): string {
  mkdirSync(folder, { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  const file = join(folder, `${record.scenario}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

function markdownTable(table: Table): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(table.columns), line(table.columns.map(() => '---')), ...table.rows.map(line)].join('\n');
}

const figureLabels: Record<string, string> = {
  gatewayToDirectApart: 'gateway / direct, own processes (req/s p50)',
  gatewayToDirect: 'gateway / direct, one process (req/s p50)',
  gatewayCpuUsPerRequest: 'the gateway’s own CPU per request, one process (µs)',
  directToBare: 'direct / bare, one process (req/s p50)',
  cpuDirectToGateway: 'direct / gateway (server CPU per request): the gateway ratio on equal CPU',
};

/** `bench/results/latest.md`: the last run of each scenario run this time, readable as is. */
export function writeMarkdown(folder: string, records: RunRecord[]): string {
  const sections = records.map((record) =>
    [
      `## ${record.result.title}`,
      '',
      ...record.result.notes.map((note) => `- ${note}`),
      '',
      markdownTable(record.result.table),
      '',
      ...Object.entries(record.result.figures).map(
        ([key, value]) => `- ${figureLabels[key] ?? key}: **${value}**`,
      ),
      '',
      `Load average (1, 5, 15 min) before: ${record.machine.loadAverage.join(', ')}; after: ` +
        `${record.loadAverageAfter.map((v) => Math.round(v * 100) / 100).join(', ')}` +
        ` (${record.machine.cores} cores).`,
      '',
      `Raw figures: \`${record.scenario}-${record.startedAt.replace(/[:.]/g, '-')}.json\`.`,
    ].join('\n'),
  );
  // Each scenario keeps its last section in `<scenario>.md`; latest.md gathers them all,
  // so running one scenario does not erase another's figures.
  records.forEach((record, index) => {
    const run =
      `Run ${record.startedAt} with \`npm run bench\`` +
      ` on ${record.machine.cores} × ${record.machine.cpu}, ${record.machine.memoryGb} GB, ${record.machine.os}, Node ${record.machine.node}.`;
    writeFileSync(join(folder, `${record.scenario}.md`), `${sections[index]}\n\n${run}\n`);
  });
  const all = readdirSync(folder)
    .filter((name) => name.endsWith('.md') && name !== 'latest.md')
    .sort()
    .map((name) => readFileSync(join(folder, name), 'utf8').trimEnd());
  const file = join(folder, 'latest.md');
  writeFileSync(file, `${['# Benchmark results', ...all].join('\n\n')}\n`);
  return file;
}

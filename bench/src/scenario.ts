import type { LoadSettings } from './load/measure.js';

/** One markdown table in the report. */
export interface Table {
  columns: string[];
  rows: Array<Array<string | number>>;
}

export interface ScenarioResult {
  title: string;
  /** What was measured and how, one line each, shown above the table. */
  notes: string[];
  table: Table;
  /** Derived figures (ratios, ...) shown under the table and kept in the JSON. */
  figures: Record<string, number>;
  /** Everything measured, as the tools reported it (autocannon summaries, samples, ...). */
  raw: unknown;
}

/**
 * A benchmark scenario. Add one by writing `scenarios/<name>.ts` exporting
 * a `Scenario` and listing it in `run.ts`; the harness writes its JSON and
 * its section of `latest.md`.
 */
export interface Scenario {
  name: string;
  run(load: BenchLoad): Promise<ScenarioResult>;
}

/** The harness's settings (`npm run bench -- --connections 10 --duration 10 --warmup 3 --rounds 5`). */
export interface BenchLoad extends LoadSettings {
  /** How many times each measurement is repeated; scenarios report medians. */
  rounds: number;
}

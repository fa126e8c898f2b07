import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from './machine.js';
import { type RunRecord, writeJson, writeMarkdown } from './report.js';
import type { BenchLoad, Scenario } from './scenario.js';
import { authThroughput } from './scenarios/auth-throughput.js';
import { catalog10k, catalog100k } from './scenarios/catalog-scale.js';
import { catalogSearch } from './scenarios/catalog-search.js';
import { checkoutThroughput } from './scenarios/checkout-throughput.js';
import { embeddedStart } from './scenarios/embedded-start.js';
import { eventLatency } from './scenarios/event-latency.js';
import { gatewayOverhead } from './scenarios/gateway-overhead.js';
import { gatewaySecurity } from './scenarios/gateway-security.js';
import { recommendationLatency } from './scenarios/recommendation-latency.js';

/** Every scenario `npm run bench` knows; name some to run only those. */
const scenarios: Scenario[] = [
  gatewayOverhead,
  gatewaySecurity,
  embeddedStart,
  eventLatency,
  authThroughput,
  catalogSearch,
  catalog10k,
  catalog100k,
  checkoutThroughput,
  recommendationLatency,
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '5' },
  },
});
const load: BenchLoad = {
  connections: Number(values.connections),
  durationS: Number(values.duration),
  warmupS: Number(values.warmup),
  rounds: Number(values.rounds),
};
for (const [name, value] of Object.entries(load)) {
  if (!Number.isInteger(value) || value < (name === 'warmupS' ? 0 : 1)) {
    process.stderr.write(`${name} must be a whole number, got ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
}
const unknown = positionals.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}\n`,
  );
  process.exit(2);
}
const chosen = positionals.length > 0 ? scenarios.filter((s) => positionals.includes(s.name)) : scenarios;
const folder = fileURLToPath(new URL('../results', import.meta.url));

const records: RunRecord[] = [];
for (const scenario of chosen) {
  process.stdout.write(`${scenario.name}: running\n`);
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const result = await scenario.run(load);
  const record: RunRecord = {
    scenario: scenario.name,
    startedAt,
    machine,
    loadAverageAfter: loadavg(),
    load,
    result,
  };
  records.push(record);
  process.stdout.write(
    `${scenario.name}: ${JSON.stringify(result.figures)} → ${writeJson(folder, record)}\n`,
  );
}
process.stdout.write(`report: ${writeMarkdown(folder, records)}\n`);

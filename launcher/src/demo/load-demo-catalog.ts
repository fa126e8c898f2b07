import { readFileSync } from 'node:fs';
import { type DemoCatalog, DemoCatalog as DemoCatalogSchema } from '@emporium/contracts/demo/demo-catalog';
import { Value } from 'typebox/value';

export const demoCatalogPath = new URL('../../demo-data/catalog.json', import.meta.url);

/** Reads the shipped demo catalog (derived from Livostyle's open data; see launcher/demo-data/README.md). */
export function loadDemoCatalog(path: URL | string = demoCatalogPath): DemoCatalog {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Value.Check(DemoCatalogSchema, parsed)) {
    const first = [...Value.Errors(DemoCatalogSchema, parsed)][0];
    throw new Error(`demo catalog ${String(path)} is invalid at ${first?.instancePath}: ${first?.message}`);
  }
  return parsed;
}

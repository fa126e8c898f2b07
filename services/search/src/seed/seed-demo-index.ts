import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import type { SearchDeps } from '../use-cases/deps.js';
import { demoSearchDocuments } from './demo-search-documents.js';

/**
 * The initial index from the demo catalog, in bulk (later, product events
 * keep it current). Documents already indexed are kept, so it is safe on every start.
 */
export async function seedDemoIndex(deps: SearchDeps, demo: DemoData, progress: (message: string) => void) {
  const documents = demoSearchDocuments(demo.catalog);
  let added = 0;
  for (let i = 0; i < documents.length; i += deps.seedChunkSize) {
    added += await deps.engine.addMissing(documents.slice(i, i + deps.seedChunkSize));
  }
  progress(`search: ${added} of ${documents.length} demo products indexed`);
}

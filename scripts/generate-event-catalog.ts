/**
 * Writes docs/events.md from the event definitions in contracts/src/events:
 *   npx tsx scripts/generate-event-catalog.ts
 * A unit test (contracts/src/events/catalog-markdown.test.ts) fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { renderEventCatalog } from '../contracts/src/events/catalog-markdown.js';
import { eventCatalog } from '../contracts/src/events/event-catalog.js';

const target = new URL('../docs/events.md', import.meta.url);
writeFileSync(target, renderEventCatalog(eventCatalog));
process.stdout.write(`wrote ${target.pathname} (${eventCatalog.length} events)\n`);

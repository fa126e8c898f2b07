import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEventCatalog } from './catalog-markdown.js';
import { eventCatalog } from './event-catalog.js';

/** Table padding and wrapping are a markdown formatter's business, not content: compare without them. */
function normalised(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.trimStart().startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cell) => cell.trim().replace(/^:?-{3,}:?$/, '---'))
            .join('|')
        : line.trim(),
    )
    .filter((line) => line !== '')
    .join(' ');
}

describe('the generated event catalog', () => {
  it('docs/events.md matches the definitions (run `npx tsx scripts/generate-event-catalog.ts`)', () => {
    const onDisk = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');
    expect(normalised(onDisk)).toBe(normalised(renderEventCatalog(eventCatalog)));
  });

  it('notices a stale catalog', () => {
    const current = renderEventCatalog(eventCatalog);
    const stale = current.replace('| `lines[].sku` | string |', '| `lines[].sku` | integer |');
    expect(normalised(stale)).not.toBe(normalised(current));
  });

  it('lists every event with its fields, including nested ones', () => {
    const markdown = renderEventCatalog(eventCatalog);
    for (const definition of eventCatalog) expect(markdown).toContain(`## ${definition.type}`);
    expect(markdown).toContain('| `lines[].unitPriceMinor` | integer | yes |');
    expect(markdown).toContain('| `shippingAddress.country` | string | yes |');
    expect(markdown).toContain('`notification.inventory.low_stock`');
  });
});

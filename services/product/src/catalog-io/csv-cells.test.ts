import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellValue, csvLine } from './csv-cells.js';

const roundTrip = (cells: string[]) =>
  (parse(csvLine(cells), { bom: true, relax_quotes: false }) as string[][])[0]!.map(cellValue);

/** Any text, weighted towards what is tricky: quotes, separators, apostrophes before formula signs. */
const cellText = fc.oneof(
  fc.string({ unit: 'grapheme-ascii' }),
  fc.string({ unit: fc.constantFrom("'", '=', '-', '+', '@', '\t', '\r', '\n', '"', ',', ' ', 'a') }),
);

describe('CSV cells', () => {
  it('quotes what needs it and guards cells a spreadsheet would evaluate', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', '=1+1', '-5', 'line\nbreak', 42, null])).toBe(
      'a,"b,c","say ""hi""",\'=1+1,\'-5,"line\nbreak",42,\r\n',
    );
  });

  it('reads back exactly what it wrote, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 2, maxLength: 6 }), (cells) => {
        expect(roundTrip(cells)).toEqual(cells);
      }),
      { numRuns: 300 },
    );
  });
});

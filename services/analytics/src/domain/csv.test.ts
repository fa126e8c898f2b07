import { describe, expect, it } from 'vitest';
import { csvCell, csvLines } from './csv.js';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
  });

  it('writes numbers as numbers and defuses text a spreadsheet would run', () => {
    expect(csvCell(-1250)).toBe('-1250');
    expect(csvCell(0)).toBe('0');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-2+3')).toBe(`'-2+3`);
    expect(csvCell('@sum')).toBe(`'@sum`);
  });

  it('starts with the header row and ends every line with CRLF', () => {
    expect(
      [
        ...csvLines(
          ['a', 'b'],
          [
            [1, 'x,y'],
            [null, 2],
          ],
        ),
      ].join(''),
    ).toBe('a,b\r\n1,"x,y"\r\n,2\r\n');
  });
});

export type CsvValue = string | number | null;

/**
 * A cell as RFC 4180 wants it: quoted when it holds a comma, quote or line
 * break, quotes doubled. Text that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) is prefixed with an apostrophe, as OWASP
 * advises for CSV exports: search terms and names come from customers.
 * Numbers are written as they are, so negative amounts stay numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (values: CsvValue[]): string => `${values.map(csvCell).join(',')}\r\n`;

/** The header row, then one line per row, produced as the stream is read. */
export function* csvLines(header: string[], rows: Iterable<CsvValue[]>): Generator<string> {
  yield csvRow(header);
  for (const row of rows) yield csvRow(row);
}

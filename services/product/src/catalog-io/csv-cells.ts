/**
 * CSV cells as RFC 4180 writes them, plus the OWASP guard against formula
 * injection: a cell a spreadsheet would evaluate (starting with = + - @, a
 * tab or a carriage return) is written with a leading apostrophe, which the
 * importer takes off again, so an export → import round trip is exact.
 */
/** A formula start, behind any apostrophes (so a cell that already starts with one survives too). */
const guarded = /^'*[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && guarded.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: Array<string | number | null>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A parsed cell as the exporter meant it: the formula guard's apostrophe removed. */
export function cellValue(text: string): string {
  return text.startsWith("'") && guarded.test(text) ? text.slice(1) : text;
}

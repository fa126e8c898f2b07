import { parse } from 'csv-parse/sync';
import type { ProductInput } from '../domain/product-input.js';
import { cellValue, csvLine } from './csv-cells.js';
import type { ImportCandidate, ImportError } from './import-candidate.js';

/**
 * The CSV format of the catalog: one row per variant, the product's own
 * columns repeated on each (an importer reads them from the product's first
 * row; later rows may leave them empty). Prices are integer minor units,
 * tags are separated by `|`, up to three options per product.
 */
export const csvHeader = [
  'slug',
  'status',
  'categorySlug',
  'title',
  'description',
  'brand',
  'productType',
  'tags',
  'imageUrl',
  'option1Name',
  'option1Value',
  'option2Name',
  'option2Value',
  'option3Name',
  'option3Value',
  'sku',
  'variantTitle',
  'priceMinor',
  'compareAtMinor',
  'currency',
] as const;
type Column = (typeof csvHeader)[number];
const productColumns = [
  'status',
  'categorySlug',
  'title',
  'description',
  'brand',
  'productType',
  'tags',
  'imageUrl',
] as const;
const required: Column[] = ['slug', 'title', 'sku', 'priceMinor', 'currency'];

export const csvHeaderLine = () => csvLine([...csvHeader]);

/** The CSV rows of one product (as exported: the shape an import takes back). */
export function productCsvLines(product: ProductInput): string {
  return product.variants
    .map((variant) => {
      const options = product.options.flatMap((option) => [option.name, variant.options[option.name] ?? '']);
      while (options.length < 6) options.push('');
      return csvLine([
        product.slug,
        product.status ?? '',
        product.categorySlug ?? '',
        product.title,
        product.description,
        product.brand,
        product.productType,
        product.tags.join('|'),
        product.imageUrl,
        ...options,
        variant.sku,
        variant.title,
        variant.priceMinor,
        variant.compareAtMinor,
        variant.currency,
      ]);
    })
    .join('');
}

type Row = Record<Column, string> & { row: number };

/** Parses a CSV import into one candidate per product (rows grouped by slug), or the errors that stop it. */
export function productCandidatesOfCsv(text: string): {
  candidates: ImportCandidate[];
  errors: ImportError[];
} {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    return {
      candidates: [],
      errors: [{ row: 0, path: '/', message: `not valid CSV: ${(error as Error).message}` }],
    };
  }
  const [header = [], ...lines] = records;
  const unknown = header.filter((name) => !(csvHeader as readonly string[]).includes(name));
  const missing = required.filter((name) => !header.includes(name));
  if (unknown.length > 0 || missing.length > 0) {
    const message = [
      unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
      missing.length ? `missing columns: ${missing.join(', ')}` : '',
    ];
    return { candidates: [], errors: [{ row: 1, path: '/', message: message.filter(Boolean).join('; ') }] };
  }
  // Spreadsheet numbering: the header is row 1.
  const rows: Row[] = lines.map((cells, index) => {
    const row = { row: index + 2 } as Row;
    for (const column of csvHeader) {
      const at = header.indexOf(column);
      row[column] = at === -1 ? '' : cellValue(cells[at] ?? '');
    }
    return row;
  });
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.slug, [...(groups.get(row.slug) ?? []), row]);
  const errors: ImportError[] = [];
  const candidates = [...groups.values()].map((group) => candidateOf(group, errors));
  return { candidates, errors };
}

function candidateOf(group: Row[], errors: ImportError[]): ImportCandidate {
  const first = group[0]!;
  for (const row of group.slice(1)) {
    for (const column of productColumns) {
      if (row[column] !== '' && row[column] !== first[column]) {
        errors.push({
          row: row.row,
          path: `/${column}`,
          message: `differs from row ${first.row} of the same product`,
        });
      }
    }
  }
  const optionNames = [1, 2, 3].map((n) => first[`option${n}Name` as Column]).filter((name) => name !== '');
  const options = optionNames.map((name, i) => ({
    name,
    values: [...new Set(group.map((row) => row[`option${i + 1}Value` as Column]).filter((v) => v !== ''))],
  }));
  const value = {
    slug: first.slug,
    ...(first.status ? { status: first.status } : {}),
    ...(first.categorySlug ? { categorySlug: first.categorySlug } : {}),
    title: first.title,
    description: first.description,
    brand: first.brand === '' ? null : first.brand,
    productType: first.productType,
    tags: first.tags
      .split('|')
      .map((tag) => tag.trim())
      .filter(Boolean),
    imageUrl: first.imageUrl === '' ? null : first.imageUrl,
    options,
    variants: group.map((row) => {
      const chosen = Object.fromEntries(
        optionNames.map((name, i) => [name, row[`option${i + 1}Value` as Column]]),
      );
      return {
        sku: row.sku,
        title: row.variantTitle || Object.values(chosen).join(' / ') || 'Default',
        options: chosen,
        priceMinor: integerOf(row.priceMinor),
        compareAtMinor: row.compareAtMinor === '' ? null : integerOf(row.compareAtMinor),
        currency: row.currency,
      };
    }),
  };
  return { row: first.row, variantRows: group.map((row) => row.row), value };
}

/** Integers only: "12.50" stays a string, so validation names the cell instead of guessing cents. */
const integerOf = (text: string): number | string => (/^-?\d+$/.test(text) ? Number(text) : text);

/** One product of an import before validation, with where it came from for error reports. */
export interface ImportCandidate {
  /** CSV: the spreadsheet row of the product's first variant (header = 1). JSON: the item's position, from 1. */
  row: number;
  /** CSV: the row of each variant, so `/variants/2/...` errors point at their own row. */
  variantRows?: number[];
  value: unknown;
}

export interface ImportError {
  row: number;
  path: string;
  message: string;
}

/** The row an error at `path` belongs to: a variant's own row in a CSV, else the product's. */
export function rowOf(candidate: Pick<ImportCandidate, 'row' | 'variantRows'>, path: string): number {
  const variant = /^\/variants\/(\d+)/.exec(path);
  return (variant && candidate.variantRows?.[Number(variant[1])]) || candidate.row;
}

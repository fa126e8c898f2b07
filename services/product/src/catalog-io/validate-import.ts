import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { ProductInput } from '../domain/product-input.js';
import { productViolations } from '../domain/product-rules.js';
import { newDocumentOf } from '../use-cases/create-product.js';
import { type ImportCandidate, type ImportError, rowOf } from './import-candidate.js';

const checker = Compile(ProductInput);

export interface ValidImport {
  row: number;
  variantRows?: number[] | undefined;
  input: ProductInput;
}

/**
 * Checks every product of an import, all of them, so one report lists every
 * problem: the schema (as the create route's), the product's own rules, and
 * what only the whole file shows (a slug or SKU given twice).
 */
export function validateImport(candidates: ImportCandidate[]): {
  valid: ValidImport[];
  errors: ImportError[];
} {
  const errors: ImportError[] = [];
  const valid: ValidImport[] = [];
  const slugs = new Map<string, number>();
  const skus = new Map<string, number>();
  for (const candidate of candidates) {
    const value = Value.Default(ProductInput, structuredClone(candidate.value));
    if (!checker.Check(value)) {
      for (const error of checker.Errors(value)) {
        const path = error.instancePath || '/';
        errors.push({ row: rowOf(candidate, path), path, message: error.message });
      }
      continue;
    }
    const input = value as ProductInput;
    const violations = productViolations(input.slug, newDocumentOf(input));
    for (const violation of violations) errors.push({ row: rowOf(candidate, violation.path), ...violation });
    const seenAt = slugs.get(input.slug);
    if (seenAt !== undefined)
      errors.push({ row: candidate.row, path: '/slug', message: `also on row ${seenAt}` });
    slugs.set(input.slug, candidate.row);
    input.variants.forEach((variant, i) => {
      const path = `/variants/${i}/sku`;
      const at = skus.get(variant.sku);
      if (at !== undefined) errors.push({ row: rowOf(candidate, path), path, message: `also on row ${at}` });
      skus.set(variant.sku, rowOf(candidate, path));
    });
    if (violations.length === 0)
      valid.push({ row: candidate.row, variantRows: candidate.variantRows, input });
  }
  return { valid, errors };
}

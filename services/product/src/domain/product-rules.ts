import { productErrors } from './errors.js';
import type { ProductDocument } from './product.js';

export interface RuleViolation {
  path: string;
  message: string;
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fixed routes under `/products/`: a product with one of these slugs could not be read by slug. */
const reservedSlugs = new Set(['export', 'import']);

/**
 * What the schema cannot say about a product: rules across fields. An empty
 * list means the product is consistent.
 */
export function productViolations(slug: string, document: ProductDocument): RuleViolation[] {
  const violations: RuleViolation[] = [];
  // `/products/:idOrSlug` reads a UUID as an id, so a slug must never look like one.
  if (uuidShape.test(slug)) violations.push({ path: '/slug', message: 'must not look like a UUID' });
  if (reservedSlugs.has(slug)) violations.push({ path: '/slug', message: 'is reserved' });

  const optionNames = document.options.map((option) => option.name);
  if (new Set(optionNames).size !== optionNames.length) {
    violations.push({ path: '/options', message: 'option names must be unique' });
  }

  const skus = new Set<string>();
  const combinations = new Set<string>();
  const currencies = new Set<string>();
  document.variants.forEach((variant, index) => {
    const at = `/variants/${index}`;
    if (skus.has(variant.sku))
      violations.push({ path: `${at}/sku`, message: `duplicate SKU ${variant.sku}` });
    skus.add(variant.sku);
    currencies.add(variant.currency);
    if (variant.compareAtMinor !== null && variant.compareAtMinor <= variant.priceMinor) {
      violations.push({ path: `${at}/compareAtMinor`, message: 'must be above the price' });
    }
    const keys = Object.keys(variant.options);
    if (keys.length !== optionNames.length || keys.some((key) => !optionNames.includes(key))) {
      violations.push({
        path: `${at}/options`,
        message: `must give exactly the options: ${optionNames.join(', ') || 'none'}`,
      });
      return;
    }
    for (const option of document.options) {
      if (!option.values.includes(variant.options[option.name]!)) {
        violations.push({ path: `${at}/options/${option.name}`, message: 'is not one of the option values' });
      }
    }
    const combination = JSON.stringify(optionNames.map((name) => variant.options[name]));
    if (combinations.has(combination)) {
      violations.push({ path: `${at}/options`, message: 'another variant has the same options' });
    }
    combinations.add(combination);
  });
  if (currencies.size > 1)
    violations.push({ path: '/variants', message: 'all variants must share one currency' });
  return violations;
}

/** Throws INVALID_PRODUCT (422) listing every violation, so an admin fixes them all at once. */
export function assertProductConsistent(slug: string, document: ProductDocument): void {
  const violations = productViolations(slug, document);
  if (violations.length === 0) return;
  throw productErrors.INVALID_PRODUCT(violations.map((v) => `${v.path} ${v.message}`).join('; '), {
    errors: violations.map((v) => ({ in: 'body', ...v })),
  });
}

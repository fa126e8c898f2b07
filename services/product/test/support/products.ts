/** A valid product body for POST /api/v1/products; `prefix` keeps slugs and SKUs unique per test. */
export function sandal(prefix = 'trail', overrides: Record<string, unknown> = {}) {
  return {
    slug: `${prefix}-sandal`,
    title: 'Trail Sandal',
    description: 'A sandal for rough paths.',
    brand: 'Acme',
    productType: 'Shoes',
    tags: ['summer'],
    options: [{ name: 'Size', values: ['40', '41'] }],
    variants: [
      {
        sku: `${prefix.toUpperCase()}-40`,
        title: '40',
        options: { Size: '40' },
        priceMinor: 4_900,
        compareAtMinor: 5_900,
        currency: 'EUR',
      },
      {
        sku: `${prefix.toUpperCase()}-41`,
        title: '41',
        options: { Size: '41' },
        priceMinor: 4_500,
        compareAtMinor: null,
        currency: 'EUR',
      },
    ],
    ...overrides,
  };
}

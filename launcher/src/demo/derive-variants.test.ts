import { describe, expect, it } from 'vitest';
import {
  compareAtFor,
  deriveVariants,
  hashOf,
  ONE_SIZE,
  pricesFor,
  sizeKindOf,
  sizesFor,
  skuOf,
  stockFor,
} from './derive-variants.js';

describe('sizeKindOf', () => {
  it('goes by product type, even against a wrong category', () => {
    expect(sizeKindOf('Shoes', 'Apparel & Accessories > Shoes')).toBe('shoes');
    expect(sizeKindOf('Heeled Sandals', 'Apparel & Accessories > Clothing')).toBe('shoes');
    for (const type of [
      'Ring',
      'Stud Earrings',
      'Crossbody Bag',
      'Baseball Cap',
      'Chain Belt',
      'Sunglasses',
      'Wig',
    ]) {
      expect(sizeKindOf(type, 'Apparel & Accessories > Clothing'), type).toBe('one-size');
    }
    expect(sizeKindOf('Blouse', 'Apparel & Accessories > Handbags, Wallets & Cases > Handbags')).toBe(
      'clothing',
    );
    expect(sizeKindOf('Bra Top', 'Apparel & Accessories > Clothing')).toBe('clothing');
  });

  it('falls back on the category when the type is empty', () => {
    expect(sizeKindOf('', 'Apparel & Accessories > Jewelry > Rings')).toBe('one-size');
    expect(sizeKindOf(' ', 'Apparel & Accessories > Shoes')).toBe('shoes');
    expect(sizeKindOf('', 'Apparel & Accessories > Clothing')).toBe('clothing');
  });
});

describe('sizesFor', () => {
  it('takes variant_count sizes from the middle of the run, capped to its length', () => {
    expect(sizesFor('clothing', 3)).toEqual(['S', 'M', 'L']);
    expect(sizesFor('clothing', 4)).toEqual(['S', 'M', 'L', 'XL']);
    expect(sizesFor('clothing', 25)).toEqual(['XS', 'S', 'M', 'L', 'XL', '2XL']);
    expect(sizesFor('shoes', 5)).toEqual(['37', '38', '39', '40', '41']);
    expect(sizesFor('shoes', 12)).toHaveLength(8);
  });

  it('is one size for accessories and for a single variant', () => {
    expect(sizesFor('one-size', 20)).toEqual([ONE_SIZE]);
    expect(sizesFor('clothing', 1)).toEqual([ONE_SIZE]);
    expect(sizesFor('shoes', 0)).toEqual([ONE_SIZE]);
    expect(sizesFor('clothing', Number.NaN)).toEqual([ONE_SIZE]);
  });
});

describe('prices', () => {
  it('rises from min to max across sizes, in whole dollars when it can', () => {
    expect(pricesFor(4199, 4599, 6)).toEqual([4199, 4299, 4399, 4399, 4499, 4599]);
    expect(pricesFor(1000, 1050, 3)).toEqual([1000, 1025, 1050]);
    expect(pricesFor(2899, 2899, 4)).toEqual([2899, 2899, 2899, 2899]);
    expect(pricesFor(2899, 3999, 1)).toEqual([2899]);
  });

  it('puts the compare-at price about 20% higher, ending in .99', () => {
    expect(compareAtFor(2899)).toBe(3499);
    expect(compareAtFor(2500)).toBe(2999);
    for (let price = 1; price < 50_000; price += 7) {
      expect(compareAtFor(price)).toBeGreaterThan(price);
      expect(compareAtFor(price)).toBeLessThan(price * 1.2 + 100);
    }
  });
});

describe('skuOf', () => {
  it('upper-cases and keeps only [A-Z0-9-]', () => {
    expect(skuOf('7817153052811', 'One Size')).toBe('LS-7817153052811-ONE-SIZE');
    expect(skuOf('42', '2xl')).toBe('LS-42-2XL');
  });
});

describe('stockFor', () => {
  const skus = Array.from({ length: 20_000 }, (_, i) => skuOf(String(1_000_000 + i), 'M'));

  it('is 0..40 per warehouse, 0 everywhere when out of stock, and the same on every call', () => {
    for (const sku of skus.slice(0, 500)) {
      const stock = stockFor(sku, true);
      expect(Object.keys(stock)).toEqual(['eu-central', 'us-east']);
      for (const onHand of Object.values(stock)) expect(onHand).toBeGreaterThanOrEqual(0);
      for (const onHand of Object.values(stock)) expect(onHand).toBeLessThanOrEqual(40);
      expect(stockFor(sku, true)).toEqual(stock);
      expect(stockFor(sku, false)).toEqual({ 'eu-central': 0, 'us-east': 0 });
    }
  });

  it('gives about 3% of SKUs 1..3 units in every warehouse, and no one else 1..5', () => {
    const levels = skus.map((sku) => Object.values(stockFor(sku, true)));
    const low = levels.filter((units) => units.every((n) => n >= 1 && n <= 3));
    const otherLow = levels.filter(
      (units) => !units.every((n) => n >= 1 && n <= 3) && units.some((n) => n >= 1 && n <= 5),
    );
    expect(low.length / skus.length).toBeGreaterThan(0.02);
    expect(low.length / skus.length).toBeLessThan(0.04);
    expect(otherLow).toEqual([]);
  });
});

describe('deriveVariants', () => {
  it('makes one variant per size, a sale on about one product in eight', () => {
    const input = { sourceId: '7', sizes: ['S', 'M', 'L'], minMinor: 3199, maxMinor: 3399, inStock: true };
    const variants = deriveVariants(input);
    expect(variants.map((v) => [v.sku, v.title, v.options, v.priceMinor])).toEqual([
      ['LS-7-S', 'S', { Size: 'S' }, 3199],
      ['LS-7-M', 'M', { Size: 'M' }, 3299],
      ['LS-7-L', 'L', { Size: 'L' }, 3399],
    ]);
    expect(deriveVariants(input)).toEqual(variants);

    const ids = Array.from({ length: 8_000 }, (_, i) => String(i));
    const onSale = ids.filter(
      (sourceId) => deriveVariants({ ...input, sourceId })[0]!.compareAtMinor !== null,
    );
    expect(onSale.length / ids.length).toBeGreaterThan(0.1);
    expect(onSale.length / ids.length).toBeLessThan(0.15);
    for (const variant of deriveVariants({ ...input, sourceId: onSale[0]! })) {
      expect(variant.compareAtMinor).toBeGreaterThan(variant.priceMinor);
    }
  });

  it('spreads the hash evenly over small moduli', () => {
    const buckets = new Array<number>(8).fill(0);
    for (let i = 0; i < 8_000; i++) buckets[hashOf(`LS-${i}`) % 8]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });
});

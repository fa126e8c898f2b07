import { describe, expect, it } from 'vitest';
import { buildCategoryTree, splitPath } from './category-tree.js';

describe('splitPath', () => {
  it('splits on ">" and drops blank segments', () => {
    expect(splitPath(' Apparel & Accessories >Shoes > ')).toEqual(['Apparel & Accessories', 'Shoes']);
    expect(splitPath('')).toEqual([]);
  });
});

describe('buildCategoryTree', () => {
  const paths = [
    'Apparel & Accessories > Clothing > Swimwear > Cover Ups',
    'Apparel & Accessories > Shoes',
    'Apparel & Accessories > Clothing > Dresses',
    'Apparel & Accessories > Clothing > Swimwear > Cover Ups',
    '',
  ];

  it('makes one category per distinct prefix, parents first, siblings by name', () => {
    const { categories } = buildCategoryTree(paths);
    expect(categories).toEqual([
      {
        slug: 'apparel-accessories',
        name: 'Apparel & Accessories',
        path: ['apparel-accessories'],
        parentSlug: null,
        position: 0,
      },
      {
        slug: 'apparel-accessories-clothing',
        name: 'Clothing',
        path: ['apparel-accessories', 'apparel-accessories-clothing'],
        parentSlug: 'apparel-accessories',
        position: 0,
      },
      {
        slug: 'apparel-accessories-clothing-dresses',
        name: 'Dresses',
        path: ['apparel-accessories', 'apparel-accessories-clothing', 'apparel-accessories-clothing-dresses'],
        parentSlug: 'apparel-accessories-clothing',
        position: 0,
      },
      {
        slug: 'apparel-accessories-clothing-swimwear',
        name: 'Swimwear',
        path: [
          'apparel-accessories',
          'apparel-accessories-clothing',
          'apparel-accessories-clothing-swimwear',
        ],
        parentSlug: 'apparel-accessories-clothing',
        position: 1,
      },
      {
        slug: 'apparel-accessories-clothing-swimwear-cover-ups',
        name: 'Cover Ups',
        path: [
          'apparel-accessories',
          'apparel-accessories-clothing',
          'apparel-accessories-clothing-swimwear',
          'apparel-accessories-clothing-swimwear-cover-ups',
        ],
        parentSlug: 'apparel-accessories-clothing-swimwear',
        position: 0,
      },
      {
        slug: 'apparel-accessories-shoes',
        name: 'Shoes',
        path: ['apparel-accessories', 'apparel-accessories-shoes'],
        parentSlug: 'apparel-accessories',
        position: 1,
      },
    ]);
  });

  it('finds the deepest category of a path, however it is spaced', () => {
    const { slugOf } = buildCategoryTree(paths);
    expect(slugOf('Apparel & Accessories>Clothing >Swimwear> Cover Ups')).toBe(
      'apparel-accessories-clothing-swimwear-cover-ups',
    );
    expect(slugOf('Apparel & Accessories > Bags')).toBeUndefined();
  });

  it('keeps slugs unique when two paths slugify alike, whatever the input order', () => {
    const clashing = ['Tops > Knit', 'Tops Knit', 'Tops & Knit'];
    const one = buildCategoryTree(clashing).categories;
    const other = buildCategoryTree([...clashing].reverse()).categories;
    expect(new Set(one.map((c) => c.slug)).size).toBe(one.length);
    expect(one.map((c) => c.slug).sort()).toEqual(['tops', 'tops-knit', 'tops-knit-2', 'tops-knit-3']);
    expect(other).toEqual(one);
  });
});

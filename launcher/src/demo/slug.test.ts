import { describe, expect, it } from 'vitest';
import { slugify, uniqueSlug } from './slug.js';

describe('slugify', () => {
  it('keeps lower-case ASCII words joined by single dashes', () => {
    expect(slugify('Apparel & Accessories')).toBe('apparel-accessories');
    expect(slugify("Men's Long Johns")).toBe('mens-long-johns');
    expect(slugify('Handbags, Wallets & Cases > Card Cases')).toBe('handbags-wallets-cases-card-cases');
  });

  it('folds accents and trims stray separators', () => {
    expect(slugify('  Oléna — Crème 2XL! ')).toBe('olena-creme-2xl');
    expect(slugify('&&&')).toBe('');
  });
});

describe('uniqueSlug', () => {
  it('suffixes a taken slug with the first free number', () => {
    const taken = new Set<string>();
    expect([
      uniqueSlug('a', taken),
      uniqueSlug('a', taken),
      uniqueSlug('a', taken),
      uniqueSlug('a-2', taken),
    ]).toEqual(['a', 'a-2', 'a-3', 'a-2-2']);
  });
});

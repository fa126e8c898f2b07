import { describe, expect, it } from 'vitest';
import { type CategoryRow, categoryTreeOf } from './category-tree.js';

const row = (id: string, parentId: string | null, position: number, path: string[]): CategoryRow => ({
  id,
  slug: id,
  name: id.toUpperCase(),
  parentId,
  path,
  position,
});

describe('categoryTreeOf', () => {
  it('nests children under parents, siblings ordered by position', () => {
    const tree = categoryTreeOf([
      row('shoes', 'apparel', 2, ['apparel', 'shoes']),
      row('home', null, 1, ['home']),
      row('apparel', null, 0, ['apparel']),
      row('tops', 'apparel', 1, ['apparel', 'tops']),
    ]);
    expect(tree.map((node) => node.slug)).toEqual(['apparel', 'home']);
    expect(tree[0]!.children.map((node) => node.slug)).toEqual(['tops', 'shoes']);
    expect(tree[1]!.children).toEqual([]);
    expect(tree[0]).not.toHaveProperty('parentId');
  });
});

import { describe, expect, it } from 'vitest';
import { canMoveTo } from './product-status.js';

describe('product status transitions', () => {
  it('publishes, unpublishes and archives; restores an archived product only as a draft', () => {
    expect(canMoveTo('draft', 'active')).toBe(true);
    expect(canMoveTo('active', 'draft')).toBe(true);
    expect(canMoveTo('active', 'archived')).toBe(true);
    expect(canMoveTo('archived', 'draft')).toBe(true);
    expect(canMoveTo('archived', 'active')).toBe(false);
    expect(canMoveTo('archived', 'archived')).toBe(true);
  });
});

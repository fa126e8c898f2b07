import { describe, expect, it } from 'vitest';
import { demoProductId } from './demo-ids.js';

describe('demoProductId', () => {
  it('is a stable version-5 UUID per source id', () => {
    const id = demoProductId('7817153052811');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoProductId('7817153052811')).toBe(id);
    expect(demoProductId('7817153052812')).not.toBe(id);
  });
});

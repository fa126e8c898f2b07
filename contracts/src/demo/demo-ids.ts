import { createHash } from 'node:crypto';

/**
 * The id a demo product gets, derived from its Livostyle source id, so that
 * every service seeding from the demo catalog (product, search,
 * recommendation, ...) names the same product with the same UUID without
 * asking another service. Laid out as a name-based UUID (version 5).
 */
export function demoProductId(sourceId: string): string {
  const hash = createHash('sha1').update(`emporium-demo:product:${sourceId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

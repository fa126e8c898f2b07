/** Human-readable order numbers from the database sequence: EMP-000123, growing past six digits. */
export function orderNumberOf(sequenceValue: number): string {
  if (!Number.isSafeInteger(sequenceValue) || sequenceValue < 1) {
    throw new RangeError(`order sequence value must be a positive integer, got ${sequenceValue}`);
  }
  return `EMP-${String(sequenceValue).padStart(6, '0')}`;
}

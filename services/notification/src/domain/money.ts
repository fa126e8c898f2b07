/**
 * Formats integer minor units for a customer: the currency's own number of
 * decimals (0 for JPY, 3 for KWD) comes from Intl, never from a float amount.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const sign = minor < 0 ? '-' : '';
  const units = BigInt(Math.abs(minor));
  const scale = 10n ** BigInt(digits);
  // Intl accepts a decimal string, so the amount never passes through a binary float.
  const decimal = digits === 0 ? `${units}` : `${units / scale}.${`${units % scale}`.padStart(digits, '0')}`;
  return format.format(`${sign}${decimal}` as unknown as number);
}

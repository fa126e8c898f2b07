/** PayPal takes no decimals for these, whatever ISO 4217 says (PayPal's currency codes reference). */
const wholeUnitCurrencies = new Set(['HUF', 'JPY', 'TWD']);

export function decimalsOf(currency: string): number {
  if (wholeUnitCurrencies.has(currency)) return 0;
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** 1234 EUR minor units → "12.34"; integers only, no floating point on the way. */
export function toPayPalValue(amountMinor: number, currency: string): string {
  const digits = decimalsOf(currency);
  const text = String(amountMinor).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** "12.34" EUR → 1234; refuses what is not a non-negative amount with at most the currency's decimals. */
export function fromPayPalValue(value: string, currency: string): number {
  const digits = decimalsOf(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match || (match[2]?.length ?? 0) > digits) {
    throw new RangeError(`"${value}" is not an amount of ${currency}`);
  }
  const minor = Number(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${value}" is too large`);
  return minor;
}

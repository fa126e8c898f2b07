/**
 * The sandbox's test cards (DESIGN §9), after the convention card gateways
 * use. Any other number that passes the Luhn check is approved.
 */
export type CardOutcome =
  | { kind: 'approve'; disputeLater: boolean }
  | { kind: 'decline'; code: 'card_declined' | 'insufficient_funds'; message: string };

const testCards: Record<string, CardOutcome> = {
  '4242424242424242': { kind: 'approve', disputeLater: false },
  '4000000000000002': { kind: 'decline', code: 'card_declined', message: 'Your card was declined.' },
  '4000000000009995': {
    kind: 'decline',
    code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  '4000000000000259': { kind: 'approve', disputeLater: true },
};

export function outcomeOfCard(number: string): CardOutcome {
  return testCards[number] ?? { kind: 'approve', disputeLater: false };
}

/** The Luhn checksum every card number carries. */
export function passesLuhn(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i += 1) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function brandOf(number: string): string {
  if (number.startsWith('4')) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  return 'unknown';
}

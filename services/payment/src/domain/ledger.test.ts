import { AppError } from '@emporium/platform/http/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertCanAppend, type LedgerEntry, summarizeLedger } from './ledger.js';
import { transactionKinds } from './payment-enums.js';

const usd = (kind: LedgerEntry['kind'], amountMinor: number): LedgerEntry => ({
  kind,
  amountMinor,
  currency: 'USD',
});
const payment = { amountMinor: 10_000, currency: 'USD' };

function refusal(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('payment ledger', () => {
  it('derives status and totals from the rows', () => {
    expect(summarizeLedger([])).toEqual({
      status: 'pending',
      authorizedMinor: 0,
      capturedMinor: 0,
      refundedMinor: 0,
      disputedMinor: 0,
      refundableMinor: 0,
    });
    expect(summarizeLedger([usd('authorization', 10_000)]).status).toBe('authorized');
    expect(summarizeLedger([usd('failure', 0)]).status).toBe('failed');
    expect(summarizeLedger([usd('authorization', 10_000), usd('void', 0)]).status).toBe('voided');
    expect(summarizeLedger([usd('authorization', 10_000), usd('capture', 10_000)])).toMatchObject({
      status: 'captured',
      capturedMinor: 10_000,
      refundableMinor: 10_000,
    });
    const partly = [usd('authorization', 10_000), usd('capture', 10_000), usd('refund', 2_500)];
    expect(summarizeLedger(partly)).toMatchObject({
      status: 'partially_refunded',
      refundedMinor: 2_500,
      refundableMinor: 7_500,
    });
    expect(summarizeLedger([...partly, usd('refund', 7_500)])).toMatchObject({
      status: 'refunded',
      refundableMinor: 0,
    });
  });

  it('gives the same answer whatever order the rows arrived in', () => {
    const rows = [
      usd('authorization', 10_000),
      usd('capture', 6_000),
      usd('refund', 1_000),
      usd('capture', 4_000),
    ];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
        (shuffled) => {
          expect(summarizeLedger(shuffled)).toEqual(summarizeLedger(rows));
        },
      ),
    );
  });

  it('refuses refunds beyond what was captured, naming what is left', () => {
    const ledger = [usd('authorization', 10_000), usd('capture', 3_000), usd('refund', 1_000)];
    expect(() => assertCanAppend(payment, ledger, usd('refund', 2_000))).not.toThrow();
    const error = refusal(() => assertCanAppend(payment, ledger, usd('refund', 2_001)));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
      status: 409,
      extensions: { refundableMinor: 2_000 },
    });
    expect(refusal(() => assertCanAppend(payment, [], usd('refund', 1)))).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
    });
  });

  it('marks a disputed payment and keeps the disputed money out of later refunds', () => {
    const ledger = [usd('authorization', 10_000), usd('capture', 10_000), usd('refund', 2_000)];
    const disputed = [...ledger, usd('dispute', 8_000)];
    expect(summarizeLedger(disputed)).toMatchObject({
      status: 'disputed',
      disputedMinor: 8_000,
      refundableMinor: 0,
    });
    expect(refusal(() => assertCanAppend(payment, ledger, usd('dispute', 8_001)))).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
    });
    expect(refusal(() => assertCanAppend(payment, disputed, usd('refund', 1)))).toMatchObject({
      code: 'REFUND_EXCEEDS_CAPTURED',
    });
  });

  it('refuses captures beyond the amount, voids after capture, other currencies and bad amounts', () => {
    const captured = [usd('authorization', 10_000), usd('capture', 9_000)];
    expect(refusal(() => assertCanAppend(payment, captured, usd('capture', 1_001)))).toMatchObject({
      code: 'AMOUNT_EXCEEDS_PAYMENT',
    });
    expect(refusal(() => assertCanAppend(payment, [], usd('authorization', 10_001)))).toMatchObject({
      code: 'AMOUNT_EXCEEDS_PAYMENT',
    });
    expect(refusal(() => assertCanAppend(payment, captured, usd('void', 0)))).toMatchObject({
      code: 'VOID_AFTER_CAPTURE',
    });
    expect(
      refusal(() => assertCanAppend(payment, captured, { kind: 'refund', amountMinor: 10, currency: 'EUR' })),
    ).toMatchObject({ code: 'CURRENCY_MISMATCH' });
    expect(refusal(() => assertCanAppend(payment, captured, usd('refund', 1.5)))).toBeInstanceOf(RangeError);
    expect(refusal(() => assertCanAppend(payment, captured, usd('refund', -1)))).toBeInstanceOf(RangeError);
  });

  it('never lets refunds exceed captures, nor captures the amount, whatever is attempted', () => {
    const attempt = fc.record({
      kind: fc.constantFrom(...transactionKinds),
      amountMinor: fc.integer({ min: 0, max: 12_000 }),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 40 }), (attempts) => {
        const ledger: LedgerEntry[] = [];
        for (const { kind, amountMinor } of attempts) {
          const entry = usd(kind, amountMinor);
          try {
            assertCanAppend(payment, ledger, entry);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            continue;
          }
          ledger.push(entry);
          const summary = summarizeLedger(ledger);
          expect(summary.refundedMinor + summary.disputedMinor).toBeLessThanOrEqual(summary.capturedMinor);
          expect(summary.capturedMinor).toBeLessThanOrEqual(payment.amountMinor);
          expect(summary.refundableMinor).toBe(
            summary.capturedMinor - summary.refundedMinor - summary.disputedMinor,
          );
        }
      }),
    );
  });
});

import { decodeCursor, type Page, pageFromRows, timeIdPosition } from '@emporium/platform/http/keyset-page';
import { listPayments as selectPayments } from '../db/payments.repo.js';
import type { Payment } from '../domain/payment.js';
import type { PaymentDeps } from './deps.js';

export interface PaymentListInput {
  limit: number;
  cursor?: string | undefined;
  orderId?: string | undefined;
  /** Set by the route to the caller's id unless they may read every customer's payments. */
  customerId?: string | undefined;
}

/** Newest payments first, paged by `(createdAt, id)`. */
export async function listPayments(deps: PaymentDeps, input: PaymentListInput): Promise<Page<Payment>> {
  const after = input.cursor ? decodeCursor(timeIdPosition, input.cursor) : undefined;
  const rows = await selectPayments(deps.db, {
    orderId: input.orderId,
    customerId: input.customerId,
    after,
    take: input.limit + 1,
  });
  return pageFromRows(rows, input.limit, (payment) => [payment.createdAt.toISOString(), payment.id]);
}

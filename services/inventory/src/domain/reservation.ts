import type { Allocation, RequestedLine } from './allocation.js';

export const reservationStatuses = ['held', 'committed', 'released', 'expired'] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** Why held stock went back: the order's fate, or the clock. */
export type ReleaseReason = 'order_cancelled' | 'payment_failed' | 'expired';

export interface Reservation {
  id: string;
  orderId: string;
  status: ReservationStatus;
  requestedLines: RequestedLine[];
  allocations: Allocation[];
  expiresAt: Date;
  createdAt: Date;
  closedAt: Date | null;
  releaseReason: ReleaseReason | null;
  /** Still `held` but past its expiry (by the database's clock): as good as expired, swept or not. */
  lapsed: boolean;
}

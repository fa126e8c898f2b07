import type { LedgerSummary } from './ledger.js';
import type { CaptureMethod, PaymentStatus, RefundStatus, TransactionKind } from './payment-enums.js';

export interface Payment {
  id: string;
  orderId: string;
  customerId: string | null;
  provider: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  providerReference: string | null;
  captureMethod: CaptureMethod;
  createdAt: Date;
  updatedAt: Date;
}

export interface Transaction {
  id: string;
  kind: TransactionKind;
  amountMinor: number;
  currency: string;
  providerReference: string | null;
  providerEventId: string | null;
  reasonCode: string | null;
  reason: string | null;
  createdAt: Date;
}

export interface Refund {
  id: string;
  paymentId: string;
  amountMinor: number;
  currency: string;
  reason: string | null;
  status: RefundStatus;
  providerReference: string | null;
  failureCode: string | null;
  transactionId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PaymentDetail extends Payment {
  totals: Omit<LedgerSummary, 'status'>;
  transactions: Transaction[];
}

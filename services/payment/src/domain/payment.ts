import type { LedgerSummary } from './ledger.js';
import type { PaymentStatus, TransactionKind } from './payment-enums.js';

export interface Payment {
  id: string;
  orderId: string;
  customerId: string | null;
  provider: string;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  providerReference: string | null;
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
  createdAt: Date;
}

export interface PaymentDetail extends Payment {
  totals: Omit<LedgerSummary, 'status'>;
  transactions: Transaction[];
}

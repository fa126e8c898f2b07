import type { Category } from './channels.js';

/**
 * Every message this service sends, by template name. The category decides
 * which preferences apply; transactional email always goes out.
 */
export const messageCategories = {
  welcome: 'transactional',
  'verify-email': 'transactional',
  'password-reset': 'transactional',
  'order-confirmation': 'transactional',
  'order-status': 'transactional',
  'order-cancelled': 'transactional',
  'payment-received': 'transactional',
  'payment-failed': 'transactional',
  'payment-refunded': 'transactional',
  'review-request': 'marketing',
  'low-stock': 'alerts',
  'out-of-stock': 'alerts',
} as const satisfies Record<string, Category>;

export type MessageKind = keyof typeof messageCategories;

export const messageKinds = Object.keys(messageCategories) as MessageKind[];

export const categoryOf = (kind: MessageKind): Category => messageCategories[kind];

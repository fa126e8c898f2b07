/** Words that go into messages beside the templates: status and reason labels, dates, per language. */
const statusLabels: Record<string, Record<string, string>> = {
  en: {
    pending_payment: 'awaiting payment',
    paid: 'paid',
    fulfilled: 'shipped',
    completed: 'delivered',
    cancelled: 'cancelled',
    refunded: 'refunded',
    partially_refunded: 'partially refunded',
  },
  de: {
    pending_payment: 'wartet auf Zahlung',
    paid: 'bezahlt',
    fulfilled: 'versandt',
    completed: 'zugestellt',
    cancelled: 'storniert',
    refunded: 'erstattet',
    partially_refunded: 'teilweise erstattet',
  },
};

const cancelReasons: Record<string, string> = {
  customer_request: 'at your request',
  admin: 'by our team',
  payment_failed: 'the payment did not go through',
  reservation_expired: 'it was not paid in time',
  reservation_failed: 'an item is out of stock',
};

const language = (locale: string) => locale.split('-')[0]!;

/** A locale Intl accepts, or the fallback: a malformed tag from an event must not fail a message. */
export function usableLocale(locale: string | null | undefined, fallback: string): string {
  if (!locale) return fallback;
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? fallback;
  } catch {
    return fallback;
  }
}

export const statusLabel = (status: string, locale: string): string =>
  (statusLabels[language(locale)] ?? statusLabels.en!)[status] ?? statusLabels.en![status] ?? status;

export const cancelReasonLabel = (reason: string): string => cancelReasons[reason] ?? reason;

export const formatDate = (iso: string, locale: string): string =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;

import { type Category, type Channel, categories, channels } from './channels.js';
import { notificationErrors } from './errors.js';

export interface Preference {
  channel: Channel;
  category: Category;
  enabled: boolean;
}

/** Order confirmations, receipts and password resets must reach the customer by email. */
export const isLocked = (channel: Channel, category: Category): boolean =>
  channel === 'email' && category === 'transactional';

/**
 * What a user gets before choosing anything: marketing is opt-in everywhere,
 * SMS is opt-in (it costs money and needs a number), the rest is on.
 */
export function defaultEnabled(channel: Channel, category: Category): boolean {
  if (category === 'marketing' || channel === 'sms') return false;
  return true;
}

/** The full channel × category matrix: stored choices over defaults, locked ones always on. */
export function effectivePreferences(stored: Preference[]): Preference[] {
  const chosen = new Map(stored.map((p) => [`${p.channel}:${p.category}`, p.enabled]));
  return channels.flatMap((channel) =>
    categories.map((category) => ({
      channel,
      category,
      enabled: isLocked(channel, category)
        ? true
        : (chosen.get(`${channel}:${category}`) ?? defaultEnabled(channel, category)),
    })),
  );
}

/** Whether a message of this category may go out on this channel to a user with these choices. */
export function allows(stored: Preference[], channel: Channel, category: Category): boolean {
  return effectivePreferences(stored).some(
    (p) => p.channel === channel && p.category === category && p.enabled,
  );
}

/** Refuses a change set that names a pair twice or turns off what cannot be turned off. */
export function checkChanges(changes: Preference[]): void {
  const seen = new Set<string>();
  for (const change of changes) {
    const key = `${change.channel}:${change.category}`;
    if (seen.has(key)) throw notificationErrors.PREFERENCE_DUPLICATED(`${key} appears more than once`);
    seen.add(key);
    if (isLocked(change.channel, change.category) && !change.enabled) {
      throw notificationErrors.TRANSACTIONAL_REQUIRED(
        'order, payment and account emails are always sent; marketing and alerts can be turned off',
      );
    }
  }
}

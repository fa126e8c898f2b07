import { storedPreferences } from '../db/preferences.repo.js';
import { effectivePreferences, type Preference } from '../domain/preferences.js';
import type { NotificationDeps } from './deps.js';

export interface PreferencesView {
  userId: string;
  preferences: Preference[];
}

export async function getPreferences(deps: NotificationDeps, userId: string): Promise<PreferencesView> {
  return { userId, preferences: effectivePreferences(await storedPreferences(deps.db, userId)) };
}

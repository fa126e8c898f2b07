import type { RequestContext } from '@emporium/platform/http/request-context';
import { savePreferences } from '../db/preferences.repo.js';
import { checkChanges, type Preference } from '../domain/preferences.js';
import type { NotificationDeps } from './deps.js';
import { getPreferences, type PreferencesView } from './get-preferences.js';

export async function updatePreferences(
  deps: NotificationDeps,
  ctx: RequestContext,
  input: { userId: string; preferences: Preference[] },
): Promise<PreferencesView> {
  checkChanges(input.preferences);
  await savePreferences(deps.db, input.userId, input.preferences);
  ctx.logger.info({ userId: input.userId, changes: input.preferences.length }, 'preferences updated');
  return getPreferences(deps, input.userId);
}

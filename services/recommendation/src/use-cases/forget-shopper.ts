import { cacheKeys, shopperKey } from '../model/answer-cache.js';
import type { RecommendationDeps } from './deps.js';

/** A shopper acted: their cached "for you" answers go, so the next one reflects it. */
export async function forgetShopper(
  deps: Pick<RecommendationDeps, 'cache' | 'logger'>,
  shoppers: ReadonlyArray<{ userId: string | null; sessionId: string | null }>,
): Promise<void> {
  const keys = new Set<string>();
  for (const { userId, sessionId } of shoppers) {
    if (userId) keys.add(cacheKeys.forYou(shopperKey({ userId })));
    if (sessionId) keys.add(cacheKeys.forYou(shopperKey({ sessionId })));
    if (userId && sessionId) keys.add(cacheKeys.forYou(shopperKey({ userId, sessionId })));
  }
  if (keys.size === 0) return;
  await deps.cache.delete(...keys).catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'recommendation cache delete failed');
  });
}

import type { RequestContext } from '@emporium/platform/http/request-context';
import { listSynonymRules, replaceSynonymRules } from '../db/synonyms.repo.js';
import { searchErrors } from '../domain/errors.js';
import { normaliseTerm, type SynonymRule } from '../domain/synonyms.js';
import type { SearchDeps } from './deps.js';

export const getSynonyms = (deps: SearchDeps): Promise<SynonymRule[]> => listSynonymRules(deps.db);

/** Replaces the shop's synonyms as a whole; searches use them at once on this instance. */
export async function replaceSynonyms(
  deps: SearchDeps,
  ctx: RequestContext,
  rules: SynonymRule[],
): Promise<SynonymRule[]> {
  rules.forEach((rule, index) => {
    const terms = new Set(rule.terms.map(normaliseTerm));
    if (terms.has('')) throw searchErrors.INVALID_SYNONYMS(`rule ${index}: a term has no letters or digits`);
    if (!rule.expandsTo && terms.size < 2) {
      throw searchErrors.INVALID_SYNONYMS(
        `rule ${index}: equivalent terms need at least two different terms`,
      );
    }
    if (rule.expandsTo?.some((term) => normaliseTerm(term) === '')) {
      throw searchErrors.INVALID_SYNONYMS(`rule ${index}: an expansion has no letters or digits`);
    }
  });
  const cleaned = rules.map((rule) => ({
    terms: rule.terms.map((term) => term.trim()),
    ...(rule.expandsTo ? { expandsTo: rule.expandsTo.map((term) => term.trim()) } : {}),
  }));
  await replaceSynonymRules(deps.db, cleaned);
  deps.synonyms.invalidate();
  ctx.logger.info({ rules: cleaned.length }, 'synonyms replaced');
  return cleaned;
}

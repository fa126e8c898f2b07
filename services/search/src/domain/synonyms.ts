/**
 * The shop's synonyms: a rule without `expandsTo` makes its terms equivalent
 * (sofa, couch, settee: each finds the others); with it, each term also
 * finds `expandsTo`, one way (tee → t-shirt: "tee" finds t-shirts, "t-shirt"
 * does not find tees). Terms may be several words ("running shoes").
 */
export interface SynonymRule {
  terms: string[];
  expandsTo?: string[] | undefined;
}

/** Normalised term → what else it finds. */
export type SynonymMap = ReadonlyMap<string, readonly string[]>;

/** Lower case, single spaces, no punctuation around: how terms and typed words are compared. */
export function normaliseTerm(text: string): string {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '')
    .join(' ');
}

export function synonymMapOf(rules: readonly SynonymRule[]): SynonymMap {
  const map = new Map<string, string[]>();
  const add = (term: string, alternatives: readonly string[]) => {
    const key = normaliseTerm(term);
    if (key === '') return;
    const list = map.get(key) ?? [];
    for (const alternative of alternatives) {
      const text = alternative.trim();
      if (normaliseTerm(text) !== key && !list.includes(text)) list.push(text);
    }
    map.set(key, list);
  };
  for (const rule of rules) {
    for (const term of rule.terms) add(term, rule.expandsTo ?? rule.terms);
  }
  return map;
}

interface Token {
  text: string;
  /** Set for a plain word (not quoted, negated or `or`): what it is looked up as. */
  key?: string;
}

/** websearch syntax: `"a phrase"`, `-excluded`, `-"excluded phrase"`, `or`, and plain words. */
function tokensOf(q: string): Token[] {
  return (q.match(/-?"[^"]*"?|\S+/g) ?? []).map((text) => {
    if (text.startsWith('"') || text.startsWith('-') || text.toLowerCase() === 'or') return { text };
    const key = normaliseTerm(text);
    return key === '' ? { text } : { text, key };
  });
}

const asWebsearch = (term: string) => (/\s/.test(term.trim()) ? `"${term.trim()}"` : term.trim());

/** Looks a term up as written, then without a plural `s` ("sofas" finds what "sofa" does). */
function alternativesOf(map: SynonymMap, key: string): readonly string[] | undefined {
  return map.get(key) ?? (key.endsWith('s') ? map.get(key.slice(0, -1)) : undefined);
}

/**
 * The query and its rewrites, each in websearch syntax: every plain word (or
 * run of up to three words) with synonyms is replaced by each of them in
 * turn. A document matching any rewrite matches the query, so quotes, minus
 * and `or` keep their meaning. Capped at `maxVariants` rewrites (the first
 * terms of the query are expanded first).
 */
export function expandQuery(q: string, map: SynonymMap, maxVariants = 16): string[] {
  if (map.size === 0) return [q];
  const tokens = tokensOf(q);
  // Each slot is the original text of one token or word run, with its alternatives.
  const slots: string[][] = [];
  let variants = 1;
  for (let i = 0; i < tokens.length; ) {
    let matched = 0;
    let alternatives: readonly string[] | undefined;
    for (let length = Math.min(3, tokens.length - i); length >= 1; length--) {
      const run = tokens.slice(i, i + length);
      if (run.some((token) => token.key === undefined)) continue;
      alternatives = alternativesOf(map, run.map((token) => token.key).join(' '));
      if (alternatives && alternatives.length > 0) {
        matched = length;
        break;
      }
    }
    if (matched > 0 && alternatives && variants * (alternatives.length + 1) <= maxVariants) {
      const original = tokens
        .slice(i, i + matched)
        .map((token) => token.text)
        .join(' ');
      slots.push([original, ...alternatives.map(asWebsearch)]);
      variants *= alternatives.length + 1;
      i += matched;
    } else {
      slots.push([tokens[i]!.text]);
      i += 1;
    }
  }
  let rewrites: string[] = [''];
  for (const slot of slots) {
    rewrites = rewrites.flatMap((prefix) => slot.map((text) => (prefix ? `${prefix} ${text}` : text)));
  }
  // The query as typed comes first, unchanged, whatever quoting the rewrites needed.
  return [q, ...rewrites.slice(1)];
}

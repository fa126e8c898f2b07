import { asc, sql } from 'drizzle-orm';
import type { SynonymRule } from '../domain/synonyms.js';
import type { SearchDb } from './database.js';
import { synonymRules } from './schema.js';

export async function listSynonymRules(db: SearchDb): Promise<SynonymRule[]> {
  const rows = await db.select().from(synonymRules).orderBy(asc(synonymRules.position));
  return rows.map((row) =>
    row.expandsTo ? { terms: row.terms, expandsTo: row.expandsTo } : { terms: row.terms },
  );
}

/** Replaces the whole set in one transaction: searches see the old rules or the new ones. */
export async function replaceSynonymRules(db: SearchDb, rules: readonly SynonymRule[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from ${synonymRules}`);
    if (rules.length === 0) return;
    await tx
      .insert(synonymRules)
      .values(
        rules.map((rule, position) => ({ position, terms: rule.terms, expandsTo: rule.expandsTo ?? null })),
      );
  });
}

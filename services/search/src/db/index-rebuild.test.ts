import { describe, expect, it } from 'vitest';
import { stagingIndexDefinition } from './index-rebuild.js';

describe('staging index definitions', () => {
  it('copies a live index onto the staging table under a suffixed name', () => {
    expect(
      stagingIndexDefinition(
        'documents_title_trgm_idx',
        'CREATE INDEX documents_title_trgm_idx ON search.documents USING gin (title gin_trgm_ops)',
      ),
    ).toBe(
      'CREATE INDEX "documents_title_trgm_idx__next" ON search.documents_next USING gin (title gin_trgm_ops)',
    );
    expect(
      stagingIndexDefinition(
        'documents_slug_key',
        'CREATE UNIQUE INDEX documents_slug_key ON search.documents USING btree (slug)',
      ),
    ).toBe('CREATE UNIQUE INDEX "documents_slug_key__next" ON search.documents_next USING btree (slug)');
  });

  it('refuses a definition it does not understand rather than guess', () => {
    expect(() =>
      stagingIndexDefinition('other_idx', 'CREATE INDEX other_idx ON search.queries USING btree (q)'),
    ).toThrow(/unexpected index definition/);
  });
});

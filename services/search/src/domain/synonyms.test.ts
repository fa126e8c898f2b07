import { describe, expect, it } from 'vitest';
import { expandQuery, normaliseTerm, synonymMapOf } from './synonyms.js';

const map = synonymMapOf([
  { terms: ['sofa', 'couch', 'settee'] },
  { terms: ['tee'], expandsTo: ['t-shirt'] },
  { terms: ['running shoes'], expandsTo: ['trainers', 'jogging sneakers'] },
]);

describe('synonyms', () => {
  it('makes a rule without expandsTo equivalent both ways, and expandsTo one way', () => {
    expect(map.get('couch')).toEqual(['sofa', 'settee']);
    expect(map.get('sofa')).toEqual(['couch', 'settee']);
    expect(map.get('tee')).toEqual(['t-shirt']);
    expect(map.get('t-shirt')).toBeUndefined();
  });

  it('rewrites each plain word with its synonyms, the query as typed first', () => {
    expect(expandQuery('Cheap SOFA', map)).toEqual(['Cheap SOFA', 'Cheap couch', 'Cheap settee']);
    expect(expandQuery('sofas', map)).toEqual(['sofas', 'couch', 'settee']);
    expect(expandQuery('tee', map)).toEqual(['tee', 't-shirt']);
    expect(expandQuery('t-shirt', map)).toEqual(['t-shirt']);
  });

  it('matches runs of words and quotes multi-word synonyms as phrases', () => {
    expect(expandQuery('red running shoes', map)).toEqual([
      'red running shoes',
      'red trainers',
      'red "jogging sneakers"',
    ]);
  });

  it('leaves quoted phrases, excluded words and `or` alone', () => {
    expect(expandQuery('"leather sofa" -couch', map)).toEqual(['"leather sofa" -couch']);
    expect(expandQuery('sofa or chair -"couch cover"', map)).toEqual([
      'sofa or chair -"couch cover"',
      'couch or chair -"couch cover"',
      'settee or chair -"couch cover"',
    ]);
  });

  it('multiplies rewrites for several words, up to the cap', () => {
    expect(expandQuery('sofa tee', map)).toHaveLength(6);
    expect(expandQuery('sofa tee', map, 4)).toEqual(['sofa tee', 'couch tee', 'settee tee']);
  });

  it('normalises case, spaces and surrounding punctuation', () => {
    expect(normaliseTerm('  Running   SHOES!! ')).toBe('running shoes');
    expect(normaliseTerm('--')).toBe('');
    expect(expandQuery('anything', synonymMapOf([]))).toEqual(['anything']);
  });
});

import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../src/services/publicationChanges.ts';
import { fakeIndicator, fakeReport } from '../support/reportFixture.ts';

describe('what changed between two published versions', () => {
  it('lists each indicator whose figures or text changed, and those added or removed', () => {
    const before = fakeReport([fakeIndicator({ ref: 'A/1', value: 10, commentary: 'Old' }), fakeIndicator({ ref: 'A/2' }), fakeIndicator({ ref: 'A/3' })]);
    const after = fakeReport([
      fakeIndicator({ ref: 'A/1', value: 12, commentary: 'New', rating: 'R', directionText: '↓ W -3.0%' }),
      fakeIndicator({ ref: 'A/2' }),
      fakeIndicator({ ref: 'A/4' }),
    ]);
    const changes = describeChanges(before, after);
    expect(changes[0]).toBe(
      'Indicator A/1: result 10% → 12%; rating Green → Red; direction of travel ↑ I +5.0% → ↓ W -3.0%; short-term direction ↑ I +5.0% → ↓ W -3.0%; commentary changed',
    );
    expect(changes).toContain('Indicator A/4 added');
    expect(changes).toContain('Indicator A/3 removed');
    expect(changes.some((c) => c.includes('A/2'))).toBe(false);
  });

  it('says so when nothing changed', () => {
    const report = fakeReport([fakeIndicator({ ref: 'A/1' })], [{ ref: 'KA1', rag: 'G' }]);
    expect(describeChanges(report, structuredClone(report))).toEqual(['No figure or text changed: published again as it was']);
  });

  it('lists a key action whose rating changed', () => {
    const before = fakeReport([], [{ ref: 'KA1', rag: 'G' }]);
    const after = fakeReport([], [{ ref: 'KA1', rag: 'R' }]);
    expect(describeChanges(before, after)).toEqual(['Key action KA1: RAG Green → Red']);
  });
});

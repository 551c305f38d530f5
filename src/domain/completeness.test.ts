import { describe, expect, it } from 'vitest';
import { isDueIn, periodGaps, type IndicatorForCompleteness } from './completeness.ts';
import type { Period } from './types.ts';

const Q3: Period = { kind: 'quarter', startYear: 2018, quarter: 3 };
const Q4: Period = { kind: 'quarter', startYear: 2018, quarter: 4 };
const indicator = (over: Partial<IndicatorForCompleteness>): IndicatorForCompleteness => ({
  ref: 'A/1',
  title: 'Things',
  owner: 'Libraries',
  frequency: 'quarterly',
  result: { status: 'reported', commentary: 'Fine', intervention: null, note: null },
  rating: 'G',
  ...over,
});

describe('what is missing from a period', () => {
  it('asks for a result only when one is due', () => {
    expect(periodGaps(Q3, [indicator({ result: null })], []).map((g) => g.text)).toEqual([
      'A/1 Things: no result for Q3 2018/19 (due quarterly): enter it, or choose "not available" or "not collected" and give the reason in the note',
    ]);
    expect(periodGaps(Q3, [indicator({ result: null, frequency: 'annual' })], [])).toEqual([]);
    expect(periodGaps(Q4, [indicator({ result: null, frequency: 'annual' })], []).map((g) => g.kind)).toEqual(['result']);
    // Still marked "due" when it is due is not a result.
    expect(periodGaps(Q3, [indicator({ result: { status: 'due', commentary: null, intervention: null, note: null } })], []).map((g) => g.kind)).toEqual(['result']);
  });

  it('accepts a result marked not available or not collected with a reason, and asks for the reason otherwise', () => {
    const marked = (note: string | null) => indicator({ result: { status: 'not collected', commentary: null, intervention: null, note }, rating: null });
    expect(periodGaps(Q3, [marked('Survey moved')], [])).toEqual([]);
    expect(periodGaps(Q3, [marked('  ')], []).map((g) => g.text)).toEqual(['A/1 Things: marked "not collected" for Q3 2018/19 without a reason: give it in the note']);
  });

  it('asks for commentary on a result, and an intervention on a Red or Red Amber one', () => {
    expect(periodGaps(Q3, [indicator({ result: { status: 'reported', commentary: '', intervention: null, note: null } })], []).map((g) => g.kind)).toEqual(['commentary']);
    expect(periodGaps(Q3, [indicator({ rating: 'RA' })], []).map((g) => g.text)).toEqual([
      'A/1 Things: rated Red Amber in Q3 2018/19 with no intervention: say what is being done about it',
    ]);
    expect(periodGaps(Q3, [indicator({ rating: 'A' })], [])).toEqual([]);
    expect(periodGaps(Q3, [indicator({ rating: 'R', result: { status: 'reported', commentary: 'x', intervention: 'Plan', note: null } })], [])).toEqual([]);
  });

  it('asks for every key action’s update, and a reason for one not rated', () => {
    const gaps = periodGaps(
      Q3,
      [],
      [
        { ref: 'KA1', title: 'Hub', service: 'Communities', rag: null, commentary: null },
        { ref: 'KA2', title: 'Plan', service: null, rag: 'not-rated', commentary: '' },
        { ref: 'KA3', title: 'Done', service: null, rag: 'not-rated', commentary: 'Not started until 2019' },
      ],
    );
    expect(gaps.map((g) => [g.ref, g.owner, g.kind])).toEqual([
      ['KA1', 'Communities', 'key-action'],
      ['KA2', null, 'key-action'],
    ]);
  });

  it('knows when each frequency is due', () => {
    expect(isDueIn('biannual', { kind: 'quarter', startYear: 2018, quarter: 2 })).toBe(true);
    expect(isDueIn('biannual', Q3)).toBe(false);
    expect(isDueIn('annual', { kind: 'year', startYear: 2018 })).toBe(true);
  });
});

/**
 * Stated figures against stored data: the facts are the demo council's (demo/barnet), the sentences
 * the papers' own (../shared/seeds) — as printed, where they agree, and altered, where they must not.
 */
import { describe, expect, it } from 'vitest';
import { directionOfTravel, parsePrintedDirection } from './direction.ts';
import { parseDataPeriod, parsePeriod } from './periods.ts';
import { rankArea } from './ranking.ts';
import { rateIndicator } from './rating.ts';
import {
  agreesMeasured,
  checkCount,
  checkIndicatorFigure,
  describes,
  printedDirectionWithinTolerance,
  ratingWithoutTolerance,
  type CountFacts,
  type IndicatorFacts,
  type StoredResult,
  type StoredTarget,
  type Verdict,
} from './statedFigureCheck.ts';
import { extractStatedFigures, type StatedCount } from './statedFigures.ts';
import type { PlanYearSettings, Target } from './types.ts';

const period = (text: string) => parsePeriod(text)!;
const result = (p: string, value: number | null, dataPeriod: string | null = null, status = 'reported'): StoredResult => ({
  period: period(p),
  value,
  status,
  dataPeriod: dataPeriod ? parseDataPeriod(dataPeriod) : null,
});
const target = (p: string, spec: Target, printed: string): StoredTarget => ({ period: period(p), spec, printed });
const value = (v: number, qualifier?: 'reduction'): Target => (qualifier ? { form: 'value', value: v, qualifier } : { form: 'value', value: v });

const base = { qualifier: null, targets: [] as StoredTarget[], benchmark: null, context: 'result' as const };
const CR1: IndicatorFacts = {
  ...base,
  ref: 'CG/CR1',
  title: 'Overall crime rate in Barnet (total notifiable offences)',
  unit: 'rate',
  polarity: 'smaller',
  tolerance: null,
  period: period('Q2 2018/19'),
  results: [result('2017/18', 71.8, '12 months to March 2018'), result('Q2 2017/18', 67.6), result('Q2 2018/19', 71.1, 'Rolling 12 months to Sep 2018')],
  targets: [target('2018/19', { form: 'directional', direction: 'sustain' }, 'Sustain reductions')],
  benchmark: 'London 93.71 (Oct 17 - Sep 18, Met Police)',
};
const C3: IndicatorFacts = {
  ...base,
  ref: 'CG/C3',
  title: 'Sanction detection rate of domestic abuse - violence with injury offences',
  unit: 'percent',
  polarity: 'bigger',
  tolerance: null,
  period: period('Q2 2018/19'),
  results: [result('2015/16', 37.7), result('2016/17', 32.4), result('2017/18', 23.4), result('Q2 2017/18', 28.1), result('Q2 2018/19', 21.2, 'Rolling 12 months to Sep 2018')],
  targets: [target('2018/19', { form: 'monitor' }, 'Monitor'), target('Q2 2018/19', { form: 'monitor' }, 'Monitor')],
};
const S16: IndicatorFacts = {
  ...base,
  ref: 'CG/S16',
  title: 'Percentage of residents who are satisfied with Barnet as a place to live',
  unit: 'percent',
  polarity: 'bigger',
  tolerance: 4.4,
  period: period('2016/17'),
  results: [result('2015/16', 88), result('2016/17', 85, 'Autumn 2016'), result('Q3 2016/17', 85)],
  targets: [target('2016/17', value(90), '90%')],
  benchmark: 'National 83% (October 2016, LGA Survey)',
};
const S4: IndicatorFacts = {
  ...base,
  ref: 'CG/S4',
  title: 'Public confidence in police and council in dealing with anti-social behaviour and crime issues that matter in their area',
  unit: 'percent',
  polarity: 'bigger',
  tolerance: 4.4,
  period: period('Q3 2016/17'),
  results: [result('2015/16', 64), result('Q1 2016/17', 66), result('Q3 2016/17', null, null, 'not available'), result('2016/17', 67, 'Autumn 2016')],
  targets: [target('2016/17', value(68), '68%'), target('2017/18', value(68), '68%'), target('2018/19', value(68), '68%'), target('Q2 2018/19', { form: 'not-applicable' }, 'N/A')],
};
const S3: IndicatorFacts = {
  ...base,
  ref: 'CG/S3',
  title: "Level of crime across the Mayor's Office for Policing And Crime set of crimes",
  unit: 'percent',
  polarity: 'bigger',
  tolerance: null,
  period: period('Q3 2015/16'),
  qualifier: 'reduction',
  results: [result('Q3 2015/16', 17.5), result('2015/16', 17), result('2016/17', 21, '12 months up to March 2017')],
  targets: [target('2015/16', value(20, 'reduction'), '20% reduction'), target('2016/17', value(20, 'reduction'), '20% reduction')],
};
const C5: IndicatorFacts = {
  ...base,
  ref: 'CG/C5',
  title: 'Residents who agree that people from different backgrounds get on well together in Barnet',
  unit: 'percent',
  polarity: 'bigger',
  tolerance: 4.4,
  period: period('2017/18'),
  results: [result('2015/16', 83, 'Spring 2015'), result('2016/17', 81, 'Autumn 2016'), result('2017/18', 84, 'Autumn 2017')],
};
const S10: IndicatorFacts = { ...C5, ref: 'CG/S10', title: 'Residents who agree that people pull together to help improve their area', results: [result('2016/17', 52, 'Spring 2016'), result('2017/18', 51, 'Spring 2017')] };
const C7_TARGET: IndicatorFacts = {
  ...base,
  ref: 'CG/C7',
  title: "Residents responding 'a great deal/to some extent' to the question 'the council acts on the concerns of local residents'",
  unit: 'percent',
  polarity: 'bigger',
  tolerance: 4.4,
  period: period('2017/18'),
  context: 'target',
  results: [result('2015/16', 52, 'Spring 2015'), result('Q1 2016/17', 48), result('2016/17', 55, 'Autumn 2016')],
  targets: [target('2016/17', value(53), '53%'), target('2017/18', value(50), '50%')],
};

/** Every figure of a text against the facts, as [outcome, detail]. */
function verdicts(text: string, facts: IndicatorFacts): Verdict[] {
  return extractStatedFigures(text).map((f) => checkIndicatorFigure(f, facts));
}
const outcomes = (text: string, facts: IndicatorFacts) => verdicts(text, facts).map((v) => v.outcome);
const disagreement = (text: string, facts: IndicatorFacts) => {
  const found = verdicts(text, facts).filter((v): v is Extract<Verdict, { outcome: 'disagrees' }> => v.outcome === 'disagrees');
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('agreesMeasured: rounded to the decimals printed, or within the bound', () => {
  const n = (value: number, decimals: number, bound: 'exact' | 'more-than' | 'about' = 'exact') => ({ value, unit: 'percent' as const, decimals, bound, text: '' });
  it.each([
    [24.555, n(25, 0), true],
    [24.555, n(24.6, 1), true],
    [24.555, n(24.5, 1), false],
    [5.178, n(5, 0), true],
    [5.178, n(5.3, 1), false],
    [52.1, n(50, 0, 'more-than'), true],
    [50, n(50, 0, 'more-than'), false],
    [24, n(25, 0, 'about'), true],
    [22, n(25, 0, 'about'), false],
  ])('%d against %o → %s', (stored, stated, agrees) => {
    expect(agreesMeasured(stored, stated)).toBe(agrees);
  });
});

describe('results and changes in commentary', () => {
  const CR1_TEXT =
    'Overall crime rate in Barnet – 71.1 compared to 67.6 last year. Whilst overall crime has increased in Barnet, this is in line with other London Boroughs. Barnet remains the 8th lowest London Borough for overall crime and has the 2nd lowest rate of violent crime in the capital.';

  it('CG/CR1 Q2 2018/19 as printed (002 §1.8): the values agree; without comparator values the rank cannot be checked; the violent crime rank is not about it', () => {
    expect(outcomes(CR1_TEXT, CR1)).toEqual(['agrees', 'agrees', 'cannot-check', 'not-about']);
    expect(verdicts(CR1_TEXT, CR1)[2]).toMatchObject({ outcome: 'cannot-check', stated: 'the rank "8th lowest"' });
  });

  /** 32 areas: `below` of them lower than Barnet's 71.1, the rest higher (a tie when `tie`). */
  const london = (below: number, tie = false) =>
    rankArea({
      areaCode: 'B',
      groupName: 'London boroughs',
      polarity: 'smaller',
      values: [
        { code: 'B', name: 'Barnet', value: 71.1 },
        ...Array.from({ length: 31 }, (_, i) => ({ code: `A${i}`, name: `Area ${i}`, value: tie && i === 30 ? 71.1 : i < below ? 60 + i * 0.1 : 80 + i })),
      ],
    });

  it('a stated rank against the rank computed from comparator values: ties shared, the group size counted, polarity for "best"', () => {
    expect(outcomes(CR1_TEXT, { ...CR1, rankings: [london(7)] })).toEqual(['agrees', 'agrees', 'agrees', 'not-about']);
    const moved = verdicts(CR1_TEXT, { ...CR1, rankings: [london(8)] })[2]!;
    expect(moved).toMatchObject({ outcome: 'disagrees', stated: 'the rank "8th lowest"' });
    expect((moved as { stored: string }).stored).toContain('the council is 9th lowest of 32 London boroughs');
    // Seven below and one level with it: "=8th lowest"; so "8th lowest" agrees.
    expect(outcomes('Barnet is the 8th lowest out of the 32 London boroughs.', { ...CR1, rankings: [london(7, true)] })).toEqual(['agrees']);
    // The size stated must be the size counted from the values present.
    expect(outcomes('Barnet is the 8th lowest out of the 33 London boroughs.', { ...CR1, rankings: [london(7)] })).toEqual(['disagrees']);
    // Smaller is Better: the best is the lowest, the worst the highest.
    expect(outcomes('Barnet has the 8th best rate in London.', { ...CR1, rankings: [london(7)] })).toEqual(['agrees']);
    expect(outcomes('Barnet has the 25th worst rate in London.', { ...CR1, rankings: [london(7)] })).toEqual(['agrees']);
  });

  it('a last-year figure that is not the stored one is a contradiction; one rounded as printed is not', () => {
    expect(disagreement('Overall crime rate in Barnet – 71.1 compared to 66.6 last year.', CR1)).toEqual({
      outcome: 'disagrees',
      stated: 'a result of 66.6 for last year',
      stored: 'the stored result for Q2 2017/18 is 67.6',
    });
    expect(outcomes('Overall crime rate in Barnet – 71 compared to 68 last year.', CR1)).toEqual(['agrees', 'agrees']);
    // A percentage is not a rate: not about this indicator.
    expect(outcomes('The rate was 71.1% in Q2 2018/19.', CR1)).toEqual(['not-about']);
  });

  it('CG/C3 (002 §1.11): "-25%" over the past year agrees with −24.6%; "-20%" does not, and the message shows the arithmetic', () => {
    const printed = 'Sanction detection rate of domestic abuse – 21.2% compared with 28.1% last year. The reduction in sanction rate for domestic violence has been seen London wide; although the reduction in Barnet over the past year is higher at -25% than the reduction across the average for London (-5.7%).';
    expect(outcomes(printed, C3)).toEqual(['agrees', 'agrees', 'agrees']);
    expect(disagreement(printed.replace('-25%', '-20%'), C3)).toEqual({
      outcome: 'disagrees',
      stated: 'a decrease of -20% against the past year',
      stored: '21.2% (Q2 2018/19) against 28.1% (Q2 2017/18): a change of −6.9 points, (21.2 − 28.1) ÷ 28.1 × 100 = −24.6%',
    });
  });

  it('a change of a percentage indicator may be read as points or per cent; points are points only', () => {
    expect(outcomes('The rate is down 6.9 percentage points on last year.', C3)).toEqual(['agrees']);
    expect(outcomes('The rate is down 6.9% on last year.', C3)).toEqual(['agrees']);
    expect(outcomes('The rate is down 24.6% on last year.', C3)).toEqual(['agrees']);
    expect(outcomes('The rate is down 24.6 percentage points on last year.', C3)).toEqual(['disagrees']);
    expect(outcomes('The rate is down 10% on last year.', C3)).toEqual(['disagrees']);
  });

  it('a direction against last year is read with the polarity', () => {
    expect(outcomes('The sanction detection rate has improved since last year.', C3)).toEqual(['disagrees']);
    expect(outcomes('The sanction detection rate has worsened since last year.', C3)).toEqual(['agrees']);
    expect(disagreement('The sanction detection rate has improved since last year.', C3).stored).toContain('(worsening, Bigger is Better)');
    expect(outcomes('Overall crime has increased compared to a year ago.', CR1)).toEqual(['agrees']);
    expect(outcomes('Overall crime has decreased compared to a year ago.', CR1)).toEqual(['disagrees']);
  });

  it('"a 5% increase compared to a year ago" (002 §1.7) agrees with +5.2%; without a period it cannot be checked', () => {
    expect(outcomes('This is a 5% increase compared to a year ago (London has seen a 3% increase).', CR1)).toEqual(['agrees']);
    expect(outcomes('This is a 4% increase compared to a year ago.', CR1)).toEqual(['disagrees']);
    expect(verdicts('This is a 5% increase.', CR1)).toEqual([{ outcome: 'cannot-check', stated: 'an increase of 5%', why: 'the words do not say which period it is compared with' }]);
  });

  it('a change in something the title does not name is not about the indicator (002 §1.7)', () => {
    expect(outcomes('There has been a 20% reduction in knife injury offences in the rolling 12 months to September 2018 compared to a year ago.', CR1)).toEqual(['not-about']);
    expect(outcomes('Between 2012 and 2016, DVA calls to the police in Barnet increased from 3503 to 4990.', { ...CR1, unit: 'number', title: 'Racist and religious hate crime' })).toEqual(['not-about']);
    expect(describes('mayors office for policing and crime', S3.title)).toBe(true);
    expect(describes('knife injury offences', CR1.title)).toBe(false);
  });

  it('"from … to …" without a period: the same period last year or the previous period', () => {
    expect(outcomes('Satisfaction fell from 88% to 85%.', S16)).toEqual(['agrees']);
    expect(disagreement('Satisfaction fell from 89% to 85%.', S16)).toMatchObject({ stored: 'the stored result for 2015/16 is 88%' });
    expect(disagreement('Satisfaction fell from 88% to 84%.', S16)).toMatchObject({ stored: 'the stored result for 2016/17 is 85%' });
    // Q2 2018/19: Q2 2017/18 is stored, Q1 2018/19 is not — 28.1% agrees; 30% might be Q1's: not checked.
    expect(outcomes('The rate fell from 28.1% to 21.2%.', C3)).toEqual(['agrees']);
    expect(verdicts('The rate fell from 30% to 21.2%.', C3)).toEqual([{ outcome: 'cannot-check', stated: 'a change from 30% to 21.2%', why: 'no result is stored for Q1 2018/19' }]);
  });

  it('"An increase from 81% to 84% since Autumn 2016 …" (002 §3.10.6) against the wave stored; not about CG/S10', () => {
    const text = 'An increase from 81% to 84% since Autumn 2016 in the percentage of residents who agree that the local area is a place where people from different ethnic backgrounds get on well together.';
    expect(outcomes(text, C5)).toEqual(['agrees']);
    expect(outcomes(text.replace('81%', '79%'), C5)).toEqual(['disagrees']);
    expect(outcomes(text, S10)).toEqual(['not-about']);
  });

  it('a result stated as a reduction for an indicator of reductions (000 §1.6, CG/S3), and its target', () => {
    const text = 'Crime levels in Barnet remain low with Quarter 3 of 2015/16 showing a 17.5% reduction in the Mayors Office for Policing and Crime (MOPAC) crime Types. A contributory factor to not achieving the 20% target has been the seasonal increase in burglary offences.';
    expect(outcomes(text, S3)).toEqual(['agrees', 'agrees']);
    expect(disagreement(text.replace('17.5%', '18.5%'), S3)).toEqual({ outcome: 'disagrees', stated: 'a result of 18.5% for Quarter 3 of 2015/16', stored: 'the stored result for Q3 2015/16 is 17.5%' });
    expect(disagreement(text.replace('20%', '25%'), S3)).toEqual({ outcome: 'disagrees', stated: 'a target of 25%', stored: 'the stored target for 2015/16 is "20% reduction"' });
  });
});

describe('targets, values of other periods', () => {
  const S4_Q3 =
    "There is a target of 68% for 'public confidence in police and council in dealing with anti-social behaviour and crime issues that matter in their area', although the result for this was not reported in Q3 16/17. However, the most recent result taken from Q1 16/17 reported 66% suggesting it is on track to meet the 2017/18 target of 68%.";

  it('CG/S4 Q3 2016/17 as printed (001 §1.4): the 2016/17 and 2017/18 targets and the Q1 result agree', () => {
    expect(outcomes(S4_Q3, S4)).toEqual(['agrees', 'agrees', 'agrees']);
  });

  it('altered, each disagrees with what is stored', () => {
    expect(disagreement(S4_Q3.replace('target of 68% for', 'target of 70% for'), S4)).toEqual({ outcome: 'disagrees', stated: 'a target of 70%', stored: 'the stored target for 2016/17 is "68%"' });
    expect(disagreement(S4_Q3.replace('reported 66%', 'reported 64%'), S4)).toEqual({ outcome: 'disagrees', stated: 'a result of 64% for Q1 16/17', stored: 'the stored result for Q1 2016/17 is 66%' });
    expect(disagreement(S4_Q3.replace('2017/18 target of 68%', '2017/18 target of 70%'), S4)).toMatchObject({ stored: 'the stored target for 2017/18 is "68%"' });
  });

  it('a value stated for a period stored without one cannot be checked', () => {
    expect(verdicts('Q3 16/17 reported 66%.', S4)).toEqual([{ outcome: 'cannot-check', stated: '66% for Q3 16/17', why: 'Q3 2016/17 is stored as "not available"' }]);
  });

  it('a number stated as the target of a Monitor indicator contradicts it; a quarter with N/A takes its year\'s', () => {
    expect(disagreement('There is a target of 30%.', C3)).toMatchObject({ stated: 'a target of 30%', stored: 'the stored target for Q2 2018/19 is "Monitor", for 2018/19 is "Monitor"' });
    expect(outcomes('There is a target of 68%.', { ...S4, period: period('Q2 2018/19') })).toEqual(['agrees']);
  });

  it("a target's reason (demo CG/C7): the earlier target and the result it cites", () => {
    const reason = 'Lowered from 53% in 2016/17: it was felt that this was a more realistic target in light of the 48% result at Q1 16/17 (2017/18 addendum).';
    expect(outcomes(reason, C7_TARGET)).toEqual(['agrees', 'agrees']);
    expect(disagreement(reason.replace('53%', '55%'), C7_TARGET)).toEqual({ outcome: 'disagrees', stated: 'a target changed from 55% (2016/17)', stored: 'the stored target for 2016/17 is "53%"' });
    expect(disagreement(reason.replace('Lowered', 'Raised'), C7_TARGET)).toMatchObject({ stored: 'the stored targets go from "53%" (2016/17) to "50%" (2017/18)' });
    expect(disagreement(reason.replace('48%', '46%'), C7_TARGET)).toMatchObject({ stored: 'the stored result for Q1 2016/17 is 48%' });
  });
});

describe('tolerances and benchmarks', () => {
  const S16_TEXT =
    'Resident satisfaction remains high at 85% and above the national average (83%). The drop in satisfaction remains within the 4 percentage point tolerance for a survey of this sample size, so effectively remains on par with the previous year.';

  it('CG/S16 2016/17 as printed (004 l.1419): the result and benchmark agree; the "4 percentage point" tolerance is not the stored ±4.4', () => {
    expect(verdicts(S16_TEXT, S16)).toEqual([
      { outcome: 'agrees' },
      { outcome: 'agrees' },
      { outcome: 'disagrees', stated: 'a survey tolerance of ±4 points', stored: "CG/S16's stored tolerance is ±4.4 points, the one its ratings and directions of travel use" },
    ]);
    expect(outcomes(S16_TEXT.replace('4 percentage point', '4.4 percentage point'), S16)).toEqual(['agrees', 'agrees', 'agrees']);
  });

  it('"within the tolerance … on par with the previous year" is checked against the change', () => {
    const wider = { ...S16, results: [result('2015/16', 90), result('2016/17', 85, 'Autumn 2016')] };
    expect(disagreement(S16_TEXT.replace('4 percentage point', '4.4 percentage point'), wider)).toEqual({
      outcome: 'disagrees',
      stated: 'a difference within the tolerance',
      stored: '85% (2016/17) against 90% (2015/16) differ by 5 points, more than ±4.4',
    });
  });

  it('a tolerance stated for an indicator without one', () => {
    expect(disagreement('There is a +/-4.4%pts tolerance on the results.', C3)).toMatchObject({ stored: 'CG/C3 has no survey tolerance stored, so no result of it is rated or compared within one' });
  });

  it('a benchmark against the stored one ("National 83% (October 2016, LGA Survey)")', () => {
    expect(disagreement('Satisfaction is above the national average (80%).', S16)).toEqual({ outcome: 'disagrees', stated: 'a national average of 80%', stored: 'the stored benchmark is "National 83% (October 2016, LGA Survey)"' });
    expect(verdicts('Crime is below the national average (83%).', { ...CR1, unit: 'percent' })).toEqual([
      { outcome: 'cannot-check', stated: 'a national average of 83%', why: 'the stored benchmark "London 93.71 (Oct 17 - Sep 18, Met Police)" has no national figure' },
    ]);
    expect(outcomes('Satisfaction is below the national average (83%).', S16)).toEqual(['disagrees']);
  });
});

describe('counts against the report (2016/17 annual report, 004 §1.4–1.12)', () => {
  const SAFE = 'Safe communities';
  const STRONG = 'Strong and active communities';
  const ind = (ref: string, priority: string, rating: CountFacts['indicators'][number]['rating'], direction: CountFacts['indicators'][number]['direction']) => ({ ref, priority, rating, direction });
  const annual: CountFacts = {
    indicators: [
      ind('CG/S3', SAFE, 'G', 'improving'),
      ind('CG/S4', SAFE, 'G', 'improving'),
      ind('CG/C2', SAFE, 'monitor', 'improving'),
      ind('CG/C3', SAFE, 'monitor', 'worsening'),
      ind('CG/C27', SAFE, 'monitor', 'worsening'),
      ind('CG/C4', SAFE, 'monitor', 'new'),
      ind('CG/S5', STRONG, 'G', 'improving'),
      ind('CG/S9', STRONG, 'RA', 'worsening'),
      ind('CG/S10', STRONG, 'G', 'same'),
      ind('CG/S16', STRONG, 'GA', 'worsening'),
      ind('CG/C5', STRONG, 'G', 'worsening'),
      ind('CG/C6', STRONG, 'G', 'improving'),
      ind('CG/C7', STRONG, 'G', 'improving'),
      ind('CG/C8', STRONG, 'G', 'new'),
      ind('CG/C9', STRONG, 'monitor', 'new'),
    ],
    keyActions: [
      ...Array.from({ length: 9 }, (_, k) => ({ ref: `CI-SC-0${k + 1}`, priority: SAFE, rag: 'G' as const })),
      ...Array.from({ length: 3 }, (_, k) => ({ ref: `CI-SA-0${k + 1}`, priority: STRONG, rag: 'G' as const })),
      ...Array.from({ length: 3 }, (_, k) => ({ ref: `CI-EP-0${k + 1}`, priority: 'Emergency preparedness', rag: 'G' as const })),
    ],
    risks: [],
    thisPriority: null,
    priorities: [SAFE, STRONG, 'Emergency preparedness'],
    periodLabel: '2016/17',
  };
  const counts = (text: string, facts: CountFacts = annual) =>
    extractStatedFigures(text)
      .filter((f): f is StatedCount => f.kind === 'count')
      .map((f) => checkCount(f, facts));

  it('the printed overview agrees with the computed summary (§1.4, §1.11, §1.12)', () => {
    const printed = [
      'There are nine commissioning intentions that relate to safe communities. All have been RAG rated as Green ("on track or met").',
      '15 indicators are included in the 2016/17 addendum. Of these, 53% (8) are Green, 7% (1) are Green Amber, 7% (1) are Red Amber and 33% (5) are Monitor.',
      "12 indicators have been given a 'Direction of Travel' (DOT) status. 58% (7) have improved or maintained performance since last year and 42% (5) have a \"worsened\" DOT.",
    ].join(' ');
    const all = counts(printed);
    expect(all).toHaveLength(10);
    expect(all.every((v) => v.outcome === 'agrees')).toBe(true);
  });

  it('§1.6 "There are three commissioning intentions that relate to safe communities" — printed under Strong and active communities — contradicts the nine stored', () => {
    expect(counts('There are three commissioning intentions that relate to safe communities. All have been RAG rated as Green ("on track or met").')).toEqual([
      {
        outcome: 'disagrees',
        stated: '3 key actions under Safe communities ("three commissioning intentions")',
        stored: '9 are stored under Safe communities for 2016/17: CI-SC-01, CI-SC-02, CI-SC-03, CI-SC-04, CI-SC-05, CI-SC-06, CI-SC-07, CI-SC-08, CI-SC-09',
      },
      { outcome: 'agrees' },
    ]);
  });

  it('a wrong count, a wrong percentage of the stated total, a status not all have', () => {
    expect(counts('15 indicators are included. Of these, 53% (9) are Green.')[1]).toMatchObject({ outcome: 'disagrees', stored: '8 are stored in the report for 2016/17: CG/S3, CG/S4, CG/S5, CG/S10, CG/C5, CG/C6, CG/C7, CG/C8' });
    expect(counts('15 indicators are included. Of these, 50% (8) are Green.')[1]).toEqual({ outcome: 'disagrees', stated: '"50% (8) are green"', stored: '8 of 15 is 53.3%, printed 50%' });
    const oneAmber = { ...annual, keyActions: annual.keyActions.map((a) => (a.ref === 'CI-SC-04' ? { ...a, rag: 'GA' as const } : a)) };
    expect(counts('There are nine commissioning intentions that relate to safe communities. All have been RAG rated as Green.', oneAmber)[1]).toEqual({
      outcome: 'disagrees',
      stated: 'all key actions under Safe communities Green ("all have been rag rated as green")',
      stored: 'not CI-SC-04 (Green Amber)',
    });
  });

  it('"this priority" is the priority of the text; narrative has none, and an unknown priority is not guessed', () => {
    expect(counts('There are nine key indicators linked to this priority.', { ...annual, thisPriority: STRONG })).toEqual([{ outcome: 'agrees' }]);
    expect(counts('There are six key indicators linked to this priority.', { ...annual, thisPriority: STRONG })).toMatchObject([{ outcome: 'disagrees' }]);
    expect(counts('There are nine key indicators linked to this priority.')).toEqual([
      { outcome: 'cannot-check', stated: '"nine key indicators"', why: 'the text does not belong to a priority, so "this priority" cannot be told' },
    ]);
    expect(counts('There are eight measures that relate to stronger communities.')).toMatchObject([{ outcome: 'cannot-check', why: 'the report has no priority called "stronger communities"' }]);
  });

  it('high-level risks of a priority (002 §1.9, §1.12)', () => {
    const q2 = { ...annual, risks: [{ ref: 'STR024', priority: 'Safer communities', highLevel: true, kind: 'strategic' }], priorities: ['Safer communities'], thisPriority: 'Safer communities', periodLabel: 'Q2 2018/19' };
    expect(counts('There is one high level risk linked to this priority.', q2)).toEqual([{ outcome: 'agrees' }]);
    expect(counts('There are no high level risks linked to this priority.', q2)).toEqual([
      { outcome: 'disagrees', stated: '0 high-level risks under Safer communities ("no high level risks")', stored: '1 is stored under Safer communities for Q2 2018/19: STR024' },
    ]);
  });
});

describe('printed ratings and directions that agree only because of a tolerance', () => {
  const methodB: PlanYearSettings = { startYear: 2016, method: { kind: 'achievement', formula: 'ratio', greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 }, directionalPolicy: 'monitor' };
  const rate = (r: number, t: number, tolerance: number | null) => rateIndicator({ polarity: 'bigger', target: value(t), result: r, tolerance }, methodB);

  it('CG/S4 2016/17: 67% against 68% is printed G; without the ±4.4 tolerance it is Green Amber (98.5% achieved)', () => {
    const without = ratingWithoutTolerance('G', rate(67, 68, 4.4), { polarity: 'bigger', target: value(68), result: 67, tolerance: 4.4 }, methodB);
    expect(without?.value).toBe('GA');
    expect(without?.reason.text).toContain('98.5% achieved');
  });

  it('not when the target is met, when nothing is printed, or when the printed rating disagrees', () => {
    expect(ratingWithoutTolerance('G', rate(76, 74, 4.4), { polarity: 'bigger', target: value(74), result: 76, tolerance: 4.4 }, methodB)).toBeNull();
    expect(ratingWithoutTolerance(null, rate(67, 68, 4.4), { polarity: 'bigger', target: value(68), result: 67, tolerance: 4.4 }, methodB)).toBeNull();
    expect(ratingWithoutTolerance('GA', rate(67, 68, 4.4), { polarity: 'bigger', target: value(68), result: 67, tolerance: 4.4 }, methodB)).toBeNull();
  });

  it('a printed "→ S" for a change within the tolerance', () => {
    const within = directionOfTravel({ polarity: 'bigger', current: 85, comparison: 88, comparedWith: '2015/16', tolerance: 4.4 });
    const beyond = directionOfTravel({ polarity: 'bigger', current: 80, comparison: 88, comparedWith: '2015/16', tolerance: 4.4 });
    expect(printedDirectionWithinTolerance(parsePrintedDirection('→ S'), within)).toBe(true);
    expect(printedDirectionWithinTolerance(parsePrintedDirection('Same'), within)).toBe(true);
    expect(printedDirectionWithinTolerance(parsePrintedDirection('→ S'), beyond)).toBe(false);
    expect(printedDirectionWithinTolerance(parsePrintedDirection('↓ W'), within)).toBe(false);
  });
});

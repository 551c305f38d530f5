/**
 * Reading figures stated in words: real sentences from the Barnet papers (../shared/seeds, cited by
 * seed and line) and the demo workbook's commentary, notes and reasons (demo/barnet). What must be
 * read, and — as much — what must not.
 */
import { describe, expect, it } from 'vitest';
import { extractStatedFigures, splitSentences, type StatedFigure } from './statedFigures.ts';

const figures = (text: string) => extractStatedFigures(text);
/** The figures without their sentence, for compact expectations. */
const bare = (text: string) => figures(text).map(({ quote: _q, ...rest }) => rest);
const ofKind = <K extends StatedFigure['kind']>(text: string, kind: K) => figures(text).filter((f): f is Extract<StatedFigure, { kind: K }> => f.kind === kind);

const pct = (value: number, decimals = 0, text = `${value}%`) => ({ value, unit: 'percent', decimals, bound: 'exact', text });
const plain = (value: number, decimals = 0, text = String(value)) => ({ value, unit: 'plain', decimals, bound: 'exact', text });
const lastYear = (text = 'last year') => ({ kind: 'last-year', text });
const quarter = (startYear: number, q: number, text: string) => ({ kind: 'period', period: { kind: 'quarter', startYear, quarter: q }, text });
const year = (startYear: number, text: string) => ({ kind: 'period', period: { kind: 'year', startYear }, text });

describe('sentences', () => {
  it('splits at full stops, not at decimals, abbreviations or "i.e."', () => {
    expect(
      splitSentences(
        'There is a +/-4.4%pts tolerance on the results due to the confidence interval for the sample size (i.e. if we surveyed the whole population we can be confident that the results would be the same +/- 4.4%). Proven re-offending rate – 27.9% compared with 22% last year.',
      ),
    ).toEqual([
      'There is a +/-4.4%pts tolerance on the results due to the confidence interval for the sample size (i.e. if we surveyed the whole population we can be confident that the results would be the same +/- 4.4%).',
      'Proven re-offending rate - 27.9% compared with 22% last year.',
    ]);
  });

  it('removes tags, bold markup, bullets and paragraph numbers; joins a line wrapped mid-sentence', () => {
    expect(splitSentences('- 1.8 Barnet remains the 8<sup>th</sup> lowest London Borough.\n**Proven re-offending rate – 27.9%** compared\nwith 22% last year.')).toEqual([
      'Barnet remains the 8th lowest London Borough.',
      'Proven re-offending rate - 27.9% compared with 22% last year.',
    ]);
    expect(splitSentences('• Co-ordinating work;\n• Securing funding.')).toEqual(['Co-ordinating work;', 'Securing funding.']);
  });
});

describe('values: a result or target with its period', () => {
  it('"71.1 compared to 67.6 last year" (002 §1.8, CG/CR1): this period and the same period last year', () => {
    expect(bare('Overall crime rate in Barnet – 71.1 compared to 67.6 last year.')).toEqual([
      { kind: 'value', ref: null, measure: null, number: plain(71.1, 1), when: null },
      { kind: 'value', ref: null, measure: null, number: plain(67.6, 1), when: lastYear() },
    ]);
  });

  it('"27.9% compared with 22% last year" and "21.2% compared with 28.1% last year" (002 §1.8, §1.11)', () => {
    expect(ofKind('Proven re-offending rate – 27.9% compared with 22% last year.', 'value').map((v) => [v.number.value, v.when?.kind ?? null])).toEqual([
      [27.9, null],
      [22, 'last-year'],
    ]);
    expect(ofKind('Sanction detection rate of domestic abuse – 21.2% compared with 28.1% last year.', 'value').map((v) => [v.number.value, v.when?.kind ?? null])).toEqual([
      [21.2, null],
      [28.1, 'last-year'],
    ]);
  });

  it('"the most recent result taken from Q1 16/17 reported 66% … the 2017/18 target of 68%" (001 §1.4, CG/S4)', () => {
    expect(bare('However, the most recent result taken from Q1 16/17 reported 66% suggesting it is on track to meet the 2017/18 target of 68%.')).toEqual([
      { kind: 'value', ref: null, measure: 'target', number: pct(68), when: year(2017, '2017/18') },
      { kind: 'value', ref: null, measure: 'result', number: pct(66), when: quarter(2016, 1, 'Q1 16/17') },
    ]);
  });

  it('a figure the words just before call a target is a target ("The target for 2018/19 is 76%", "Target: 68% in 2018/19")', () => {
    expect(ofKind('The target for 2018/19 is 76%.', 'value')).toMatchObject([{ measure: 'target', number: pct(76), when: year(2018, '2018/19') }]);
    expect(ofKind('Target: 68% in 2018/19.', 'value')).toMatchObject([{ measure: 'target', number: pct(68), when: year(2018, '2018/19') }]);
    expect(ofKind('The result for 2017/18 was 55%, against a target of 60%.', 'value').map((v) => [v.measure, v.number.value])).toEqual([
      ['target', 60],
      ['result', 55],
    ]);
  });

  it('"There is a target of 68% for …" (001 §1.4): a target of the text\'s own period', () => {
    expect(bare("There is a target of 68% for 'public confidence in police and council in dealing with anti-social behaviour and crime issues that matter in their area', although the result for this was not reported in Q3 16/17.")).toEqual([
      { kind: 'value', ref: null, measure: 'target', number: pct(68), when: null },
    ]);
  });

  it('"Q3 result 85% against a 16/17 target of 90%" (demo note, CG/S16): "Q3" without a year is the text\'s own year', () => {
    expect(bare('001 §1.5: Q3 result 85% against a 16/17 target of 90%.')).toEqual([
      { kind: 'value', ref: null, measure: 'result', number: pct(85), when: { kind: 'quarter', quarter: 3, text: 'Q3' } },
      { kind: 'value', ref: null, measure: 'target', number: pct(90), when: year(2016, '16/17') },
    ]);
  });

  it('"the 48% result at Q1 16/17" (001 §1.11) and "the 20% target" (000 §1.6)', () => {
    expect(bare('It was felt that this was a more realistic target in light of the 48% result at Q1 16/17.')).toEqual([
      { kind: 'value', ref: null, measure: 'result', number: pct(48), when: quarter(2016, 1, 'Q1 16/17') },
    ]);
    expect(bare('A contributory factor to not achieving the 20% target has been the seasonal increase in burglary offences.')).toEqual([
      { kind: 'value', ref: null, measure: 'target', number: pct(20), when: null },
    ]);
  });

  it('"17.5% in Q2 2018/19", "remains high at 85%" (004 l.1419), "71.8 per 1000, 12 months to 31 March 2018" (002 footnote 3)', () => {
    expect(bare('The rate was 17.5% in Q2 2018/19.')).toEqual([{ kind: 'value', ref: null, measure: null, number: pct(17.5, 1), when: quarter(2018, 2, 'Q2 2018/19') }]);
    expect(ofKind('Resident satisfaction remains high at 85% and above the national average (83%).', 'value')).toMatchObject([{ measure: null, number: pct(85), when: null }]);
    expect(bare('Footnote 3: 71.8 per 1000, 12 months to 31 March 2018.')).toEqual([
      {
        kind: 'value',
        ref: null,
        measure: null,
        number: { value: 71.8, unit: 'rate', decimals: 1, bound: 'exact', text: '71.8 per 1000' },
        when: { kind: 'data-period', dataPeriod: { kind: 'rolling', months: 12, to: { year: 2018, month: 3 }, label: 'Rolling 12 months to March 2018' }, text: '12 months to 31 March 2018' },
      },
    ]);
  });

  it('"The 17/18 target … remains at 68% up until 2019/20" (001 §1.8) is a target, not a result or a change', () => {
    expect(bare('The 17/18 target for public confidence in the police and council dealing with anti-social behaviour and crime issues that matter in their area remains at 68% up until 2019/20.')).toEqual([
      { kind: 'value', ref: null, measure: 'target', number: pct(68), when: year(2017, '17/18') },
    ]);
  });

  it('names the indicator when the sentence gives one ref', () => {
    expect(figures('CG/S16 remains high at 85%.')).toMatchObject([{ kind: 'value', ref: 'CG/S16' }]);
  });
});

describe('changes', () => {
  it('"increased from 17.4% to 17.5%" (issue 10)', () => {
    expect(bare('The proportion increased from 17.4% to 17.5%.')).toEqual([
      { kind: 'change', ref: null, direction: 'up', amount: null, from: pct(17.4, 1), to: pct(17.5, 1), when: null, against: null, about: null, subject: 'proportion', measure: null },
    ]);
  });

  it('"An increase from 81% to 84% since Autumn 2016 in the percentage of residents who agree …" (002 §3.10.6)', () => {
    const [change] = ofKind('An increase from 81% to 84% since Autumn 2016 in the percentage of residents who agree that the local area is a place where people from different ethnic backgrounds get on well together.', 'change');
    expect(change).toMatchObject({
      direction: 'up',
      from: pct(81),
      to: pct(84),
      against: { kind: 'data-period', dataPeriod: { kind: 'wave', season: 'autumn', year: 2016 }, text: 'Autumn 2016' },
      about: 'residents who agree that the local area is a place where people from different ethnic backgrounds get on well together',
    });
  });

  it('"higher at -25%" over the past year, not London\'s "(-5.7%)" (002 §1.11, CG/C3)', () => {
    expect(bare('The reduction in sanction rate for domestic violence has been seen London wide; although the reduction in Barnet over the past year is higher at -25% than the reduction across the average for London (-5.7%).')).toEqual([
      {
        kind: 'change',
        ref: null,
        direction: 'down',
        amount: { value: 25, unit: 'percent', decimals: 0, bound: 'exact', text: '-25%' },
        from: null,
        to: null,
        when: null,
        against: lastYear('the past year'),
        about: null,
        subject: null,
        measure: null,
      },
    ]);
  });

  it('"a 5% increase compared to a year ago", not "(London has seen a 3% increase)" (002 §1.7)', () => {
    expect(ofKind('This is a 5% increase compared to a year ago (London has seen a 3% increase).', 'change')).toMatchObject([
      { direction: 'up', amount: pct(5), against: lastYear('a year ago'), about: null },
    ]);
  });

  it('"a 20% reduction in knife injury offences in the rolling 12 months …" names what changed (002 §1.7)', () => {
    expect(ofKind('There has been a 20% reduction in knife injury offences in the rolling 12 months to September 2018 compared to a year ago.', 'change')).toMatchObject([
      { direction: 'down', amount: pct(20), about: 'knife injury offences', against: lastYear('a year ago'), when: { kind: 'data-period', dataPeriod: { kind: 'rolling', months: 12, to: { year: 2018, month: 9 } } } },
    ]);
  });

  it('"Quarter 3 of 2015/16 showing a 17.5% reduction in the … (MOPAC) crime Types" (000 §1.6, CG/S3)', () => {
    expect(ofKind('Crime levels in Barnet remain low with Quarter 3 of 2015/16 showing a 17.5% reduction in the Mayors Office for Policing and Crime (MOPAC) crime Types.', 'change')).toMatchObject([
      { direction: 'down', amount: pct(17.5, 1), when: quarter(2015, 3, 'Quarter 3 of 2015/16'), against: null, about: 'mayors office for policing and crime' },
    ]);
  });

  it('"more than a 50% decrease in 2 years" (002, a member\'s item) keeps its bound', () => {
    expect(ofKind("The figures for participation in Barnet Libraries' Summer Reading Scheme show more than a 50% decrease in 2 years.", 'change')).toMatchObject([
      { direction: 'down', amount: { value: 50, unit: 'percent', bound: 'more-than' }, against: null },
    ]);
  });

  it('"up 3.2 percentage points on last year": points, not a percentage', () => {
    expect(ofKind('Satisfaction is up 3.2 percentage points on last year.', 'change')).toMatchObject([
      { direction: 'up', amount: { value: 3.2, unit: 'points', decimals: 1 }, against: lastYear() },
    ]);
  });

  it('"has worsened since last year" (002 §1.11) and its subject ("Hate crime has increased since last year")', () => {
    expect(ofKind("This is a 'Monitor only' indicator and has worsened since last year.", 'change')).toMatchObject([{ direction: 'worse', amount: null, against: lastYear(), subject: null }]);
    expect(ofKind('Hate crime has increased since last year.', 'change')).toMatchObject([{ direction: 'up', subject: 'hate crime' }]);
  });

  it('"reduced from a target of 53% in 2016/17 to 50% in 2017/18" (001 §1.11): a target that changed', () => {
    expect(ofKind("… with the exception of residents responding 'a great deal/to some extent' to the question 'the council acts on the concerns of local residents' which has reduced from a target of 53% in 2016/17 to 50% in 2017/18.", 'change')).toMatchObject([
      { direction: 'down', from: pct(53), to: pct(50), against: year(2016, '2016/17'), when: year(2017, '2017/18'), measure: 'target' },
    ]);
  });

  it('"Lowered from 53% in 2016/17" (demo target reason, CG/C7)', () => {
    expect(ofKind('Lowered from 53% in 2016/17: it was felt that this was a more realistic target in light of the 48% result at Q1 16/17 (2017/18 addendum).', 'change')).toMatchObject([
      { direction: 'down', from: pct(53), to: null, against: year(2016, '2016/17') },
    ]);
  });

  it('"DVA calls to the police in Barnet increased from 3503 to 4990" (004) keeps its subject for the check to compare with the title', () => {
    expect(ofKind('Between 2012 and 2016, DVA calls to the police in Barnet increased from 3503 to 4990.', 'change')).toMatchObject([
      { direction: 'up', from: plain(3503), to: plain(4990), against: null, subject: 'dva calls to the police' },
    ]);
  });
});

describe('tolerances, benchmarks and ranks', () => {
  it('"within the 4 percentage point tolerance … on par with the previous year" (004 l.1419, CG/S16)', () => {
    expect(bare('The drop in satisfaction remains within the 4 percentage point tolerance for a survey of this sample size, so effectively remains on par with the previous year.')).toEqual([
      { kind: 'tolerance', ref: null, number: { value: 4, unit: 'points', decimals: 0, bound: 'exact', text: '4 percentage point' }, within: true, against: lastYear('the previous year') },
    ]);
  });

  it('"a +/-4.4%pts tolerance … the same +/- 4.4%" (002 footnote 7): one tolerance', () => {
    expect(ofKind('There is a +/-4.4%pts tolerance on the results due to the confidence interval for the sample size (i.e. if we surveyed the whole population we can be confident that the results would be the same +/- 4.4%).', 'tolerance')).toMatchObject([
      { number: { value: 4.4, unit: 'points', decimals: 1 }, within: null },
    ]);
  });

  it('"above the national average (83%)" (004 l.1419)', () => {
    expect(ofKind('Resident satisfaction remains high at 85% and above the national average (83%).', 'benchmark')).toMatchObject([{ area: 'national', number: pct(83), relation: 'above' }]);
  });

  it('"the 8th lowest London Borough", "2nd lowest … out of the 32 London boroughs" (002 §1.7, §1.8)', () => {
    expect(ofKind('Barnet remains the 8<sup>th</sup> lowest London Borough for overall crime and has the 2<sup>nd</sup> lowest rate of violent crime in the capital.', 'rank').map((r) => [r.rank, r.order, r.of, r.text])).toEqual([
      [8, 'lowest', null, '8th lowest'],
      [2, 'lowest', null, '2nd lowest'],
    ]);
    expect(ofKind("Barnet's crime rate per 1000 population is the 8th lowest out of the 32 London boroughs.", 'rank')).toMatchObject([{ rank: 8, of: 32 }]);
  });
});

describe('counts', () => {
  it('"There are nine commissioning intentions that relate to safe communities. All have been RAG rated as Green" (004 §1.4)', () => {
    expect(bare('There are nine commissioning intentions that relate to safe communities. All have been RAG rated as Green ("on track or met").')).toEqual([
      { kind: 'count', ref: null, things: 'key-actions', qualifier: null, status: null, of: null, percent: null, count: 9, scope: { kind: 'named', name: 'safe communities' }, text: 'nine commissioning intentions' },
      { kind: 'count', ref: null, things: 'key-actions', qualifier: null, status: 'G', of: null, percent: null, count: 'all', scope: { kind: 'named', name: 'safe communities' }, text: 'all have been rag rated as green' },
    ]);
  });

  it('"15 indicators are included … Of these, 53% (8) are Green, 7% (1) are Green Amber, 7% (1) are Red Amber and 33% (5) are Monitor" (004 §1.11)', () => {
    const counts = ofKind('15 indicators are included in the 2016/17 addendum. Of these, 53% (8) are Green, 7% (1) are Green Amber, 7% (1) are Red Amber and 33% (5) are Monitor.', 'count');
    expect(counts.map((c) => [c.count, c.status, c.of, c.percent?.value ?? null, c.scope.kind])).toEqual([
      [15, null, null, null, 'report'],
      [8, 'G', 15, 53, 'report'],
      [1, 'GA', 15, 7, 'report'],
      [1, 'RA', 15, 7, 'report'],
      [5, 'monitor', 15, 33, 'report'],
    ]);
  });

  it('"12 indicators have been given a DOT status. 58% (7) have improved or maintained performance … 42% (5) have a "worsened" DOT" (004 §1.12)', () => {
    const counts = ofKind('12 indicators have been given a ‘Direction of Travel’ (DOT) status. 58% (7) have improved or maintained performance since last year and 42% (5) have a “worsened” DOT.', 'count');
    expect(counts.map((c) => [c.count, c.status, c.of, c.percent?.value ?? null])).toEqual([
      [12, 'with-direction', null, null],
      [7, 'improved-or-same', 12, 58],
      [5, 'worsened', 12, 42],
    ]);
    // "have improved or maintained performance since last year" is a count, not a change of an indicator.
    expect(ofKind('58% (7) have improved or maintained performance since last year.', 'change')).toEqual([]);
  });

  it('"There are four key indicators linked to this priority", "no indicators and no high level risks" (002 §1.8, §1.15)', () => {
    expect(ofKind('There are four key indicators linked to this priority in the Corporate Plan.', 'count')).toMatchObject([{ things: 'indicators', count: 4, scope: { kind: 'this-priority' } }]);
    expect(ofKind('There are no indicators and no high level risks linked to this priority.', 'count').map((c) => [c.things, c.qualifier, c.count, c.scope.kind])).toEqual([
      ['indicators', null, 0, 'this-priority'],
      ['risks', 'high-level', 0, 'this-priority'],
    ]);
    expect(ofKind('There is one high level risk linked to this priority.', 'count')).toMatchObject([{ things: 'risks', qualifier: 'high-level', count: 1 }]);
  });

  it('"11 of 15 key actions are Green": the status count and the total', () => {
    expect(ofKind('11 of 15 key actions are Green.', 'count').map((c) => [c.things, c.count, c.status, c.of])).toEqual([
      ['key-actions', 15, null, null],
      ['key-actions', 11, 'G', 15],
    ]);
  });

  it('"The others are … and all have worsened" is not all of them (002 §1.8); "One is an annual indicator" is no count', () => {
    const text = "There are four key indicators linked to this priority in the Corporate Plan. One is an annual indicator, which was due to be reported in Q3 as part of the Residents' Perception Survey; but this has been put on hold for now. The others are 'Monitor only' indicators and all have worsened since last year.";
    expect(figures(text).map((f) => f.kind)).toEqual(['count']);
  });
});

describe('says nothing when unsure', () => {
  it.each([
    ['figures of people, money and events (004 §1.5, CI-SC-07; 002 §1.7, §1.13)', 'Support has been provided through the Victim Support Anti-social Behaviour project to over 70 victims of anti-social behaviour, with over 95% service saying that they would recommend the service to others.'],
    ['money for years', '(£150k per year for two years secured from the MOPAC London Crime Prevention Fund to support preventative school engagement work.'],
    ['a count of things with dates', 'There have been 21 illegal encampments dealt with across the borough between June 2018 – September 2018, 6 of which were on council land.'],
    ['people reached', 'A Communities Together Network meeting was held in October 2018 where 28 individuals from the VCFS in Barnet came together. This has been supported by a fortnightly newsletter, which now reaches 600 individuals across the borough.'],
    ['a change across London (004 l.150)', 'He reported there had been a 13% increase across London in the level of hate crime reported.'],
    ['a share in line with London (004 l.541)', '569 perpetrators were charged (as at December 2016) with 374 perpetrators cautioned (66% of total charged - in line with the rest of London overall).'],
    ['a national finding (004 l.919)', 'A recent Home Office review of services indicated that 85% of victims of domestic abuse seek help from professionals at least five times before they receive the support that they need.'],
    ['a range (004 l.1009)', 'The proportion of DVA victims who are repeat victims (based on incidents reported to the police) has remained stable at around 25% - 26% over the last three years.'],
    ['a change beside figures of something else (004 l.1010)', "Barnet MARAC performance data for April 2014 – March 2015 shows a 24.8% increase in the number of referrals in comparison to the previous year's data, with the total number of victims discussed at the MARAC being 306 with 97.7% of them being female victims."],
    ['a change beside a count it may be of (000 §1.8)', 'Racist and religious Hate Crime has been monitored and has shown a 32% increase with 548 crimes reported in a 12 month rolling period.'],
    ['a change beside a count it may be of (002 §1.10)', 'In the 12 months to September 2018, there were 753 violence with injury domestic abuse offences reported (a reduction of 3% compared to a year ago).'],
    ['a share of a total not stated (000 §1.5)', 'Performance against indicators for stronger, more resilient communities demonstrate good progress towards 2020 targets, with three of the eight measures showing over-achievement.'],
    ['"respectively" (001 §1.5)', 'The Q3 results have not yet reached their targets for 16/17 with 85% against a target of 90% and 81% against a target of 85% respectively.'],
    ['a budget (002 §1.2)', "The Committee's budget for 2018/19 is £2.25m."],
    ['survey answers (002)', 'Around 80% also agreed with the approach the council has outlined to deliver its outcomes over the next five years.'],
    ['a calendar year', 'The London Data Store estimated that there 35,100 Muslims in Barnet out of a total of 377,700 residents: approximately 9.5% in 2016.'],
    ['a plain figure with its own noun', 'The success has resulted in the distribution list increasing from 250 to 660 email recipients. We set up 3 new hubs.'],
    ['section numbers, dates, refs and footnotes (demo notes)', 'Quoted in the 2017/18 addendum report (8 March 2017) §1.4 as "the most recent result taken from Q1 16/17". Footnote 6: Rolling 12 months to September 2018 (data refers to Oct 2015 - Sep 2016). STR024 - Tri-borough reorganisation.'],
    ['a plain figure with its own noun at a period', 'Q2 2018/19: 45 apprentices started.'],
    ['the go-live month', 'The Police have confirmed the go-live date for the Tri-borough reorganisation as November 2018.'],
  ])('%s', (_what, text) => {
    expect(figures(text).filter((f) => f.kind !== 'rank')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ImportError, RawWorkbook, SheetRow, WorkbookData } from './model.ts';
import { validateWorkbook } from './validate.ts';
import { EMPTY_PANELS } from './write.ts';

// ---- small test-data builders ---------------------------------------------------------------

type Cells = Record<string, string>;

/** Rows as read: header is row 1, so the first data row is row 2. */
function rows(...cells: Cells[]): SheetRow[] {
  return cells.map((c, i) => ({ row: i + 2, cells: c }));
}

const settingsRow = (o: Cells = {}): Cells => ({ plan_year: '2016/17', council: 'Barnet', rag_method: 'achievement', ...o });
const indicatorRow = (o: Cells = {}): Cells => ({
  ref: 'CG/S3',
  plan_year: '',
  title: 'Residents who feel safe',
  committee: 'Community Leadership Committee',
  priority: 'Safer communities',
  type: 'CPI',
  polarity: 'Bigger is Better',
  unit: '%',
  frequency: 'biannual',
  ...o,
});
const targetRow = (o: Cells = {}): Cells => ({ ref: 'CG/S3', period: '2016/17', target: '90%', ...o });
const resultRow = (o: Cells = {}): Cells => ({ ref: 'CG/S3', period: 'Q2 2016/17', value: '85%', ...o });
const actionRow = (o: Cells = {}): Cells => ({
  ref: 'A1',
  committee: 'Community Leadership Committee',
  priority: 'Safer communities',
  title: 'Deliver the VAWG strategy',
  period: 'Q2 2018/19',
  rag: 'G',
  ...o,
});

function ok(raw: RawWorkbook): WorkbookData {
  const outcome = validateWorkbook(raw);
  if (!outcome.ok) throw new Error(`unexpected errors: ${JSON.stringify(outcome.errors, null, 1)}`);
  return outcome.data;
}

function errors(raw: RawWorkbook): ImportError[] {
  const outcome = validateWorkbook(raw);
  if (outcome.ok) throw new Error('expected errors');
  return outcome.errors;
}

// ---- tests --------------------------------------------------------------------------------------

describe('validateWorkbook', () => {
  it('an empty workbook is valid and empty', () => {
    expect(ok({})).toEqual({ settings: [], committees: [], terms: [], priorities: [], indicators: [], targets: [], results: [], actions: [], panels: EMPTY_PANELS() });
  });

  it('a missing required column is one error with row null, not one per row', () => {
    const raw: RawWorkbook = { indicators: rows(indicatorRow({}), indicatorRow({ ref: 'CG/S4' })) };
    for (const r of raw.indicators!) delete r.cells.polarity;
    expect(errors(raw)).toEqual([
      { sheet: 'indicators', row: null, column: 'polarity', value: null, message: expect.stringContaining('no "polarity" column') },
    ]);
  });

  it('with errors, still gives the valid rows and what was withheld, for the later checks', () => {
    const outcome = validateWorkbook({
      settings: rows(settingsRow(), settingsRow({ plan_year: '2017/18', rag_method: 'guesswork' })),
      indicators: rows(indicatorRow(), indicatorRow({ ref: 'CG/S4', plan_year: '2017/18', unit: 'furlongs' }), indicatorRow({ ref: 'CG/S5', title: '' })),
      results: rows(resultRow(), resultRow({ period: 'Q2 2016/17', value: 'lots', ref: 'CG/S4' })),
      targets: rows({ ref: 'CG/S3', period: '2016/17' }),
      actions: rows(actionRow(), actionRow({ ref: 'A2', from_plan_year: '2019/20', to_plan_year: '2018/19' })),
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['settings', 3, 'rag_method'],
      ['indicators', 3, 'unit'],
      ['indicators', 4, 'title'],
      ['targets', null, 'target'],
      ['results', 3, 'value'],
      ['actions', 3, 'to_plan_year'],
    ]);
    expect(outcome.data.actions.map((x) => x.ref)).toEqual(['A1']);
    expect(outcome.data.settings.map((x) => x.startYear)).toEqual([2016]);
    expect(outcome.data.indicators.map((x) => x.ref)).toEqual(['CG/S3']);
    expect(outcome.data.results.map((x) => x.row)).toEqual([2]);
    expect(outcome.withheld).toEqual({
      sheets: new Set(['targets']),
      indicators: new Map([
        ['CG/S4', [2017]],
        ['CG/S5', []],
      ]),
      planYears: new Set([2017]),
      actions: new Set(['A2']),
    });
  });

  describe('settings', () => {
    it('achievement with defaults, variance with red_from, directional policy', () => {
      const data = ok({
        settings: rows(
          settingsRow(),
          settingsRow({ plan_year: '17/18', rag_method: 'variance', red_from: '10%', directional_targets: 'Previous year', council: '', high_risk_from: '16' }),
        ),
      });
      expect(data.settings).toEqual([
        {
          startYear: 2016,
          council: 'Barnet',
          method: { kind: 'achievement', formula: 'ratio', greenFrom: 100, greenAmberFrom: 80, redAmberFrom: 65 },
          directionalPolicy: 'monitor',
          highRiskFrom: 15,
          row: 2,
        },
        { startYear: 2017, council: null, method: { kind: 'variance', redFrom: 10 }, directionalPolicy: 'previous-year', highRiskFrom: 16, row: 3 },
      ]);
    });

    it('bad and inconsistent settings', () => {
      const errs = errors({
        settings: rows(
          settingsRow({ rag_method: 'guesswork' }),
          settingsRow({ plan_year: '2017', formula: 'magic' }),
          settingsRow({ plan_year: '2018/19', rag_method: 'variance', green_from: '90' }),
          settingsRow({ plan_year: '2016-17', green_amber_from: '70', red_amber_from: '75' }),
        ),
      });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'rag_method', 'guesswork'],
        [3, 'plan_year', '2017'],
        [3, 'formula', 'magic'],
        [4, 'green_from', '90'],
        [5, 'red_amber_from', '75'],
        [5, 'plan_year', '2016-17'],
      ]);
      expect(errs[0]!.message).toBe('RAG method "guesswork" is not one of: variance, achievement');
      expect(errs[5]!.message).toMatch(/Plan year 2016-17 appears more than once \(first on row 2\)/);
    });
  });

  describe('committees', () => {
    it('groups renames under the first name, oldest first', () => {
      const data = ok({
        committees: rows(
          { committee: 'Community Leadership Committee', name: '', from_plan_year: '', terms_of_reference: 'Safer communities' },
          { committee: 'Community Leadership Committee', name: 'Community Leadership and Libraries Committee', from_plan_year: '2018/19' },
          { committee: 'Community leadership committee', name: 'CL Committee', from_plan_year: '2017/18' },
          { committee: 'Policy Committee' },
        ),
      });
      expect(data.committees).toEqual([
        {
          names: [
            { name: 'Community Leadership Committee', fromYear: null },
            { name: 'CL Committee', fromYear: 2017 },
            { name: 'Community Leadership and Libraries Committee', fromYear: 2018 },
          ],
          row: 2,
        },
        { names: [{ name: 'Policy Committee', fromYear: null }], row: 5 },
      ]);
      // The committees sheet's terms of reference apply from the start.
      expect(data.terms).toEqual([{ committee: 'Community Leadership Committee', fromYear: null, text: 'Safer communities', sheet: 'committees', row: 2 }]);
    });

    it('a name needs from_plan_year; two names from one year is an error', () => {
      const errs = errors({
        committees: rows(
          { committee: 'CLC', name: 'CLLC' },
          { committee: 'CLC', name: 'A', from_plan_year: '2017/18' },
          { committee: 'CLC', name: 'B', from_plan_year: '2017/18' },
        ),
      });
      expect(errs.map((e) => [e.row, e.column])).toEqual([
        [2, 'from_plan_year'],
        [4, 'from_plan_year'],
      ]);
    });
  });

  describe('terms_of_reference', () => {
    it('one text per committee and plan year it applies from (blank: from the start)', () => {
      const data = ok({
        terms_of_reference: rows(
          { committee: 'Community Leadership Committee', from_plan_year: '', terms_of_reference: 'Annex A functions' },
          { committee: 'Community Leadership Committee', from_plan_year: '2018/19', terms_of_reference: '(1) Libraries\n(2) Assets of community value' },
        ),
      });
      expect(data.terms).toEqual([
        { committee: 'Community Leadership Committee', fromYear: null, text: 'Annex A functions', sheet: 'terms_of_reference', row: 2 },
        { committee: 'Community Leadership Committee', fromYear: 2018, text: '(1) Libraries\n(2) Assets of community value', sheet: 'terms_of_reference', row: 3 },
      ]);
    });

    it('names the sheet, row, column and value of each bad row', () => {
      const errs = errors({
        committees: rows({ committee: 'CLC', terms_of_reference: 'From the committees sheet' }),
        terms_of_reference: rows(
          { committee: 'CLC', from_plan_year: '2018', terms_of_reference: 'Text' },
          { committee: 'CLC', from_plan_year: '2018/19', terms_of_reference: '' },
          { committee: '', from_plan_year: '2019/20', terms_of_reference: 'Text' },
          { committee: 'CLC', from_plan_year: '2020/21', terms_of_reference: 'A' },
          { committee: 'clc', from_plan_year: '2020-21', terms_of_reference: 'B' },
          { committee: 'CLC', from_plan_year: '', terms_of_reference: 'Another text from the start' },
        ),
      });
      expect(errs.map((e) => [e.sheet, e.row, e.column, e.value])).toEqual([
        ['terms_of_reference', 2, 'from_plan_year', '2018'],
        ['terms_of_reference', 3, 'terms_of_reference', ''],
        ['terms_of_reference', 4, 'committee', ''],
        ['terms_of_reference', 6, 'from_plan_year', '2020-21'],
        ['terms_of_reference', 7, 'terms_of_reference', 'Another text from the start'],
      ]);
      expect(errs[0]!.message).toBe('From plan year "2018" is not a financial year: write it like 2016/17');
      expect(errs[1]!.message).toBe('Terms of reference is missing');
      expect(errs[3]!.message).toBe('Terms of reference of "clc" from 2020-21 appears more than once (first on row 5)');
      expect(errs[4]!.message).toBe('"CLC" already has different terms of reference from the start on row 2 of the committees sheet: give them in one place');
    });

    it('the sheet needs its committee and terms_of_reference columns', () => {
      const errs = errors({ terms_of_reference: rows({ committee: 'CLC', from_plan_year: '2018/19' }) });
      expect(errs).toEqual([{ sheet: 'terms_of_reference', row: null, column: 'terms_of_reference', value: null, message: expect.stringContaining('no "terms_of_reference" column') }]);
    });
  });

  describe('priority_status', () => {
    it('a judgement needs its reason, and a reason its judgement', () => {
      const base = { committee: 'CLLC', period: 'Q2 2018/19', priority: 'Safer communities' };
      const errs = errors({
        priority_status: rows({ ...base, judgement: 'Amber', judgement_reason: '' }, { ...base, priority: 'Other', judgement: '', judgement_reason: 'Because' }, { ...base, priority: 'Third', judgement: 'Purple', judgement_reason: 'x' }),
      });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'judgement_reason', ''],
        [3, 'judgement', ''],
        [4, 'judgement', 'Purple'],
      ]);
      expect(errs[0]!.message).toBe('Give the reason for the overall status: what the judgement weighs');
    });

    it('refuses the columns of workbooks from before judgements, naming the new column, rather than drop them silently', () => {
      const errs = errors({ priority_status: rows({ committee: 'CLLC', period: 'Q2 2018/19', priority: 'Safer communities', printed_status: 'Amber', override_status: 'Red', override_reason: 'x' }) });
      expect(errs.map((e) => [e.column, e.message])).toEqual([
        ['override_status', 'The override_status column is now judgement (the overall status is the officers\' judgement, with its reason): rename the column'],
        ['override_reason', 'The override_reason column is now judgement_reason (the overall status is the officers\' judgement, with its reason): rename the column'],
        ['printed_status', 'The printed_status column is now judgement (with judgement_reason) (the overall status is the officers\' judgement, with its reason): rename the column'],
      ]);
    });
  });

  describe('indicators', () => {
    it('parses vocabularies and optional fields', () => {
      const data = ok({
        indicators: rows(
          indicatorRow({ basis: '(s)', tolerance: '±4.4', source: "Residents' Perception Survey", type: 'spi' }),
          indicatorRow({ plan_year: '2017/18', polarity: 'lower', unit: 'count', frequency: 'Quarterly' }),
        ),
      });
      expect(data.indicators[0]).toMatchObject({
        ref: 'CG/S3',
        fromYear: null,
        type: 'SPI',
        polarity: 'bigger',
        unit: 'percent',
        frequency: 'biannual',
        basis: 'snapshot',
        tolerance: 4.4,
        source: "Residents' Perception Survey",
        definition: null,
        row: 2,
      });
      expect(data.indicators[1]).toMatchObject({ fromYear: 2017, polarity: 'smaller', unit: 'number', frequency: 'quarterly', basis: 'discrete' });
    });

    it('reports every bad cell of a row, and duplicates of (ref, plan_year)', () => {
      const errs = errors({
        indicators: rows(
          indicatorRow({ polarity: 'Biggest', unit: 'kg', frequency: 'weekly', title: '', tolerance: 'some' }),
          indicatorRow({ plan_year: '2016/17' }),
          indicatorRow({ plan_year: '2016-17' }),
        ),
      });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'title', ''],
        [2, 'polarity', 'Biggest'],
        [2, 'unit', 'kg'],
        [2, 'frequency', 'weekly'],
        [2, 'tolerance', 'some'],
        [4, 'ref', 'CG/S3'],
      ]);
      expect(errs[1]!.message).toBe('Polarity "Biggest" is not one of: Bigger is Better, Smaller is Better');
      expect(errs[0]!.message).toBe('Title is missing');
    });
  });

  describe('targets', () => {
    it('years and quarters; keeps the printed text', () => {
      const data = ok({ targets: rows(targetRow(), targetRow({ period: 'Q1 16/17', target: 'N/A' }), targetRow({ period: '2017/18', target: 'Remain at or above 85%' })) });
      expect(data.targets).toEqual([
        { ref: 'CG/S3', period: { kind: 'year', startYear: 2016 }, target: { form: 'value', value: 90 }, printed: '90%', reason: null, row: 2 },
        { ref: 'CG/S3', period: { kind: 'quarter', startYear: 2016, quarter: 1 }, target: { form: 'not-applicable' }, printed: 'N/A', reason: null, row: 3 },
        { ref: 'CG/S3', period: { kind: 'year', startYear: 2017 }, target: { form: 'threshold', value: 85, comparator: 'at-or-above' }, printed: 'Remain at or above 85%', reason: null, row: 4 },
      ]);
    });

    it('month periods, bad targets and duplicates', () => {
      const errs = errors({ targets: rows(targetRow({ period: 'Aug 2016' }), targetRow({ target: 'lots' }), targetRow({ target: '91%', period: '2016-17' })) });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'period', 'Aug 2016'],
        [3, 'target', 'lots'],
        [4, 'period', '2016-17'],
      ]);
    });
  });

  describe('settings: survey_rating', () => {
    it('reads tolerance (the default) and significance at 95% or 99.8%', () => {
      const data = ok({
        settings: rows(
          settingsRow(),
          settingsRow({ plan_year: '2017/18', survey_rating: 'tolerance' }),
          settingsRow({ plan_year: '2018/19', survey_rating: 'Significance 95%' }),
          settingsRow({ plan_year: '2019/20', survey_rating: 'significance 99.8%' }),
        ),
      });
      expect(data.settings.map((s) => s.significanceLevel ?? null)).toEqual([null, null, 95, 99.8]);
    });

    it('refuses any other value, naming row and column', () => {
      const errs = errors({ settings: rows(settingsRow(), settingsRow({ plan_year: '2017/18', survey_rating: 'significance 90%' })) });
      expect(errs.map((e) => [e.sheet, e.row, e.column, e.value])).toEqual([['settings', 3, 'survey_rating', 'significance 90%']]);
      expect(errs[0]!.message).toMatch(/tolerance, significance 95%, significance 99\.8%/);
    });
  });

  describe('results', () => {
    it('value, printed rating, data period hint, benchmark, direction', () => {
      const data = ok({
        results: rows(
          resultRow({
            value: '83% (Spring 2015) (G)',
            benchmark: 'London 16.5% (Jan-Dec 2014, Ministry of Justice)',
            printed_direction: '↓ W +5.3%',
            numerator: '383',
            denominator: '462',
          }),
        ),
      });
      expect(data.results[0]).toEqual({
        ref: 'CG/S3',
        period: { kind: 'quarter', startYear: 2016, quarter: 2 },
        value: 83,
        printed: '83% (Spring 2015) (G)',
        dataPeriod: { kind: 'wave', season: 'spring', year: 2015, label: 'Spring 2015' },
        basis: null,
        status: 'reported',
        numerator: 383,
        denominator: 462,
        printedRag: 'G',
        printedDirection: { status: 'worsening', percentage: 5.3, decimals: 1, text: '↓ W +5.3%' },
        benchmark: { text: 'London 16.5% (Jan-Dec 2014, Ministry of Justice)', label: 'London', value: 16.5, period: 'Jan-Dec 2014', source: 'Ministry of Justice' },
        commentary: null,
        intervention: null,
        note: null,
        row: 2,
      });
    });

    it('a result basis from the basis column or the marker in the value; a conflict is an error', () => {
      const data = ok({
        results: rows(resultRow({ value: '1,939 (c)' }), resultRow({ period: 'Q3 2016/17', value: '12', basis: 'r' })),
      });
      expect(data.results.map((r) => [r.value, r.basis])).toEqual([
        [1939, 'cumulative'],
        [12, 'rolling'],
      ]);
      const errs = errors({ results: rows(resultRow({ value: '1,939 (c)', basis: 'snapshot' })) });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([[2, 'basis', 'snapshot']]);
    });

    it('priorities: outcome and corporate outcome; a repeated priority is an error', () => {
      const data = ok({
        priorities: rows(
          { committee: 'Community Leadership Committee', priority: 'Safer communities', outcome: 'Crime stays low', corporate_outcome: 'Resilient communities' },
          { committee: 'Community Leadership Committee', priority: 'Emergency preparedness' },
        ),
      });
      expect(data.priorities.map((p) => [p.priority, p.outcome, p.corporateOutcome])).toEqual([
        ['Safer communities', 'Crime stays low', 'Resilient communities'],
        ['Emergency preparedness', null, null],
      ]);
      const errs = errors({
        priorities: rows(
          { committee: 'Community Leadership Committee', priority: 'Safer communities' },
          { committee: 'community leadership committee', priority: 'Safer  Communities' },
        ),
      });
      expect(errs.map((e) => [e.row, e.column])).toEqual([[3, 'priority']]);
    });

    it('data_period column wins over the hint; printed_rating column; statuses', () => {
      const data = ok({
        results: rows(
          resultRow({ value: '83% (Spring 2015)', data_period: 'Autumn 2015', printed_rating: 'Green Amber' }),
          resultRow({ period: 'Q3 2016/17', value: 'Due Q3 18/19' }),
          resultRow({ period: 'Q4 2016/17', value: '', status: 'Not available' }),
          resultRow({ period: 'Q1 2017/18', value: 'New (2016/17)', status: 'new' }),
        ),
      });
      expect(data.results.map((r) => [r.value, r.status, r.printedRag, r.dataPeriod?.label ?? null])).toEqual([
        [83, 'reported', 'GA', 'Autumn 2015'],
        [null, 'due', null, null],
        [null, 'not available', null, null],
        [null, 'new', null, null],
      ]);
    });

    it('reports every problem of the results sheet', () => {
      const errs = errors({
        results: rows(
          resultRow({ value: '' }),
          resultRow({ period: 'Q5 2016/17', value: 'lots' }),
          resultRow({ period: 'Q3 2016/17', value: '67% (G)', printed_rating: 'R', printed_direction: 'sideways' }),
          resultRow({ period: 'Q4 2016/17', value: '5', status: 'due' }),
          resultRow({ period: 'Q1 2017/18', status: 'late' }),
          resultRow({ value: '86%' }),
          resultRow({ period: 'Q2 2017/18', value: 'Due Q3', status: 'new', denominator: '0' }),
        ),
      });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'value', ''],
        [3, 'period', 'Q5 2016/17'],
        [3, 'value', 'lots'],
        [4, 'printed_rating', 'R'],
        [4, 'printed_direction', 'sideways'],
        [5, 'status', 'due'],
        [6, 'status', 'late'],
        [7, 'period', 'Q2 2016/17'],
        [8, 'status', 'new'],
        [8, 'denominator', '0'],
      ]);
      expect(errs[6]!.message).toBe('Status "late" is not one of: due, not available, not collected, new');
      expect(errs[7]!.message).toBe('A result for CG/S3 in Q2 2016/17 appears more than once (first on row 2)');
    });

    it('numerator and denominator must give a percentage value as printed, every error located', () => {
      const errs = errors({
        results: rows(
          resultRow({ period: 'Q1 2016/17', value: '67% (G)', numerator: '332', denominator: '496' }),
          resultRow({ period: 'Q2 2016/17', value: '70%', numerator: '332', denominator: '496' }),
          resultRow({ period: 'Q3 2016/17', value: '100%', numerator: '500', denominator: '496' }),
          resultRow({ period: 'Q4 2016/17', value: '50%', numerator: '-1', denominator: '-2' }),
          resultRow({ period: 'Q1 2017/18', value: '717', numerator: '717', denominator: '10' }),
        ),
      });
      expect(errs.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
        [3, 'numerator', '332', 'Numerator 332 of denominator 496 is 66.94%, not the value 70%: give the counts the value was computed from'],
        [4, 'numerator', '500', 'Numerator 500 is larger than the denominator 496: a percentage cannot have more cases than its sample'],
        [5, 'numerator', '-1', 'Numerator cannot be negative: it counts cases or events'],
        [5, 'denominator', '-2', 'Denominator cannot be negative: it is a sample size or population'],
      ]);
    });
  });

  describe('actions', () => {
    it('parses ratings; blank is not rated', () => {
      const data = ok({ actions: rows(actionRow(), actionRow({ ref: 'A2', rag: '', service: 'Community Safety' })) });
      expect(data.actions.map((a) => [a.ref, a.rag, a.service])).toEqual([
        ['A1', 'G', null],
        ['A2', 'not-rated', 'Community Safety'],
      ]);
    });

    it('reads the plan years an action is in force; blank gives none, and the last may not come before the first', () => {
      const data = ok({
        actions: rows(actionRow({ from_plan_year: '2018/19', to_plan_year: '2018-19' }), actionRow({ ref: 'A2', from_plan_year: '', to_plan_year: '' }), actionRow({ ref: 'A3' })),
      });
      expect(data.actions.map((a) => [a.ref, a.fromYear, a.toYear])).toEqual([
        ['A1', 2018, 2018],
        ['A2', null, null],
        ['A3', null, null],
      ]);
      const errs = errors({ actions: rows(actionRow({ from_plan_year: '2018/19', to_plan_year: '2017/18' }), actionRow({ ref: 'A2', to_plan_year: 'next year' })) });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'to_plan_year', '2017/18'],
        [3, 'to_plan_year', 'next year'],
      ]);
      expect(errs[0]!.message).toBe('To plan year 2017/18 is before from plan year 2018/19: an action is in force from its first plan year to its last');
      expect(errs[1]!.message).toMatch(/not a financial year/);
    });

    it('amber is refused with an explanation; duplicates per committee', () => {
      const errs = errors({
        actions: rows(actionRow({ rag: 'Amber' }), actionRow({ ref: 'A2', rag: 'GA' }), actionRow({ committee: 'Policy Committee' }), actionRow({ committee: 'community leadership committee' })),
      });
      expect(errs.map((e) => [e.row, e.column, e.value])).toEqual([
        [2, 'rag', 'Amber'],
        [5, 'ref', 'A1'],
      ]);
      expect(errs[0]!.message).toMatch(/not a key-action rating/);
    });
  });

  it('collects errors from every sheet at once', () => {
    const errs = errors({
      settings: rows(settingsRow({ rag_method: '' })),
      indicators: rows(indicatorRow({ unit: 'kg' })),
      targets: rows(targetRow({ target: '??' })),
      results: rows(resultRow({ value: '??' })),
      actions: rows(actionRow({ period: 'someday' })),
    });
    expect(errs.map((e) => e.sheet)).toEqual(['settings', 'indicators', 'targets', 'results', 'actions']);
  });
});

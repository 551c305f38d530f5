/**
 * `townhall check` reads the words as well as the numbers (issue 10, deliver 5; docs/check.md), on the
 * demo council: the contradictions its own commentary holds (from the seeds' human mistakes), the
 * printed ratings that agree only because of the survey tolerance, the consistent figures that give
 * nothing — and, altered one by one, the same texts each give the finding that says where and why.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { run, type Io } from '../../src/cli/main.ts';
import type { CheckReport, Finding } from '../../src/services/checkService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { writeCsvWorkbook, type Sheet } from '../support/workbook.ts';

const OLD_NAME = 'Community Leadership Committee';
const NEW_NAME = 'Community Leadership and Libraries Committee';

const stated = (r: CheckReport) => r.findings.filter((f) => f.kind === 'stated-figure');
const where = (f: Finding) => [f.committee, f.period, f.ref, f.field];

async function demoSheet(name: string): Promise<Sheet> {
  return parse(await readFile(join(DEMO_WORKBOOK, `${name}.csv`), 'utf8'), { columns: true }) as Sheet;
}

/** The demo's row of a sheet, with some cells replaced (the text must contain `from`, so the test fails loudly if the demo changes). */
async function altered(sheet: string, match: Record<string, string>, field: string, from: string, to: string): Promise<Record<string, string>> {
  const row = (await demoSheet(sheet)).find((r) => Object.entries(match).every(([k, v]) => r[k] === v));
  if (!row || !row[field]!.includes(from)) throw new Error(`demo ${sheet} ${JSON.stringify(match)} ${field} does not contain "${from}"`);
  return { ...row, [field]: row[field]!.replace(from, to) };
}

describe.each(engines())('check reads the words on %s', (engine) => {
  let t: TestDatabase;
  let demo: CheckReport;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    demo = await t.app.checks.run();
  });
  afterAll(async () => t?.dispose());

  it("finds the commentary's tolerance that is not the indicator's: CG/S16 2016/17 (seed 004 l.1419, SOURCES contradictions 12–13)", () => {
    expect(stated(demo).map(where)).toEqual([[OLD_NAME, '2016/17', 'CG/S16', 'commentary']]);
    const [f] = stated(demo);
    expect(f!.severity).toBe('contradiction');
    expect(f!.quote).toBe('The drop in satisfaction remains within the 4 percentage point tolerance for a survey of this sample size, so effectively remains on par with the previous year.');
    expect(f!.message).toBe(
      `CG/S16 2016/17 commentary: "${f!.quote}" states a survey tolerance of ±4 points, but CG/S16's stored tolerance is ±4.4 points, the one its ratings and directions of travel use`,
    );
  });

  it('reports the printed ratings that agree only because of the ±4.4 point survey tolerance: CG/S4, CG/S10 and CG/C5 in 2016/17, lower in severity', () => {
    const within = demo.findings.filter((f) => f.kind === 'within-tolerance');
    expect(within.map((f) => [f.severity, f.committee, f.period, f.ref, f.field]).sort()).toEqual([
      ['tolerance', OLD_NAME, '2016/17', 'CG/C5', 'printed rating'],
      ['tolerance', OLD_NAME, '2016/17', 'CG/S10', 'printed rating'],
      ['tolerance', OLD_NAME, '2016/17', 'CG/S4', 'printed rating'],
    ]);
    expect(within.find((f) => f.ref === 'CG/S4')!.message).toBe(
      'CG/S4 2016/17: printed rating G agrees only because of the ±4.4 point survey tolerance: 67% misses the target 68% by 1 point; ' +
        'without it, Green Amber (Method B (percentage of targeted improvement achieved): 67 ÷ 68 = 98.5% achieved; > 80% < 100% = Green Amber)',
    );
    expect(within.find((f) => f.ref === 'CG/C5')!.message).toContain('81% misses the target 85% by 4 points; without it, Green Amber (Method B (percentage of targeted improvement achieved): 81 ÷ 85 = 95.3% achieved');
    // Printed G for a met target (CG/S5 76% against 74%) needs no tolerance.
    expect(within.map((f) => f.ref)).not.toContain('CG/S5');
  });

  it('keeps the printed contradictions it reported before, and lists the rank it cannot check without comparator values', () => {
    expect(demo.findings.filter((f) => f.severity === 'contradiction' && f.kind !== 'stated-figure').map((f) => [f.kind, f.period, f.ref])).toEqual([
      ['direction', 'Q2 2018/19', 'CG/CR1'],
    ]);
    // The council's Amber for "Tackling issues…" is the officers' judgement: reported apart, as a judgement that differs.
    expect(demo.findings.filter((f) => f.severity === 'judgement').map((f) => [f.kind, f.period, f.ref])).toEqual([
      ['overall-status', 'Q2 2018/19', 'Tackling issues with domestic violence, mental health and substance misuse'],
    ]);
    expect(demo.notChecked.map((n) => [n.committee, n.period, n.ref, n.field, n.stated])).toEqual([
      // "the 2nd lowest rate of violent crime" ranks another measure: not about the overall crime rate.
      [NEW_NAME, 'Q2 2018/19', 'CG/CR1', 'commentary', 'the rank "8th lowest"'],
    ]);
    expect(demo.notChecked[0]!.why).toBe("no comparator values of CG/CR1 for Q2 2018/19 are stored (townhall comparators import), or the council's own area is not set");
  });

  it('reads narrative: the annual report overview (004 §1.4, §1.11, §1.12) agrees; §1.6 "three commissioning intentions that relate to safe communities" does not; "this priority" in narrative is not guessed', async () => {
    const narrative = [
      ['There are nine commissioning intentions that relate to safe communities. All have been RAG rated as Green ("on track or met").'],
      ['There are three commissioning intentions that relate to safe communities. All have been RAG rated as Green ("on track or met").'],
      ['15 indicators are included in the 2016/17 addendum. Of these, 53% (8) are Green, 7% (1) are Green Amber, 7% (1) are Red Amber and 33% (5) are Monitor.'],
      ["12 indicators have been given a 'Direction of Travel' (DOT) status. 58% (7) have improved or maintained performance since last year and 42% (5) have a \"worsened\" DOT."],
    ].map(([text], k) => ({ committee: OLD_NAME, period: '2016/17', kind: 'success', text: text!, action_required: '', position: String(k + 1) }));
    narrative.push({ committee: NEW_NAME, period: 'Q2 2018/19', kind: 'escalation', text: 'There are no indicators and no high level risks linked to this priority.', action_required: '', position: '1' });
    const outcome = await t.app.imports.importFile(await writeCsvWorkbook({ narrative }));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const after = await t.app.checks.run();
    const added = stated(after).filter((f) => f.field?.startsWith('narrative'));
    expect(added.map(where)).toEqual([[OLD_NAME, '2016/17', '', 'narrative (key successes)']]);
    expect(added[0]!.message).toBe(
      '2016/17 narrative (key successes): "There are three commissioning intentions that relate to safe communities." states 3 key actions under Safe communities ("three commissioning intentions"), ' +
        'but 9 are stored under Safe communities for 2016/17: CI-SC-01, CI-SC-02, CI-SC-03, CI-SC-04, CI-SC-05, CI-SC-06, CI-SC-07, CI-SC-08, CI-SC-09',
    );
    expect(after.notChecked.filter((n) => n.field.startsWith('narrative')).map((n) => [n.period, n.stated, n.why])).toEqual([
      ['Q2 2018/19', '"no indicators"', 'the text does not belong to a priority, so "this priority" cannot be told'],
      ['Q2 2018/19', '"no high level risks"', 'the text does not belong to a priority, so "this priority" cannot be told'],
    ]);
  });

  it('prints the findings grouped by severity, the figures it could not check apart, and exits 1', async () => {
    const out: string[] = [];
    const io: Io = { out: (s) => out.push(s), err: (s) => out.push(s), isTTY: false };
    const code = await run(['check'], io, async () => ({ ...t.app, close: async () => undefined }));
    expect(code).toBe(1);
    const text = out.join('\n');
    const headings = out.filter((l) => /^[A-Z]/.test(l));
    expect(headings.map((h) => h.replace(/ \(\d+.*$/, ''))).toEqual([
      'Contradictions: printed or stated figures the data contradict',
      "Judgements that differ from the data's suggestion: overall statuses officers judged otherwise (check the reason says why)",
      'Agree only because of a survey tolerance',
      'Gaps: what a report needs and the data lack',
      'Not checked: figures stated in words that no stored data can confirm',
    ]);
    expect(text).toContain(`  [stated-figure] ${OLD_NAME}, 2016/17: CG/S16 2016/17 commentary: "The drop in satisfaction remains within the 4 percentage point tolerance`);
    expect(text).toContain(`  [within-tolerance] ${OLD_NAME}, 2016/17: CG/S4 2016/17: printed rating G agrees only because of the ±4.4 point survey tolerance`);
    expect(text).toContain(`  ${NEW_NAME}, Q2 2018/19: CG/CR1 commentary: the rank "8th lowest": no comparator values of CG/CR1 for Q2 2018/19 are stored`);
    expect(text).toContain(`  [overall-status] ${NEW_NAME}, Q2 2018/19: overall status of "Tackling issues with domestic violence, mental health and substance misuse": officers judged Amber`);
    const report = await t.app.checks.run();
    const n = (s: Finding['severity']) => report.findings.filter((f) => f.severity === s).length;
    expect(out[out.length - 1]).toBe(`${report.findings.length} findings (${n('contradiction')} contradictions, 1 judgement that differs, ${n('tolerance')} within a tolerance, ${n('gap')} gaps)`);
  });

  it('altered figures in the same texts each give the finding, where it is and why', async () => {
    const results = [
      await altered('results', { ref: 'CG/CR1', period: 'Q2 2018/19' }, 'commentary', '67.6 last year', '66.6 last year'),
      await altered('results', { ref: 'CG/C3', period: 'Q2 2018/19' }, 'commentary', 'higher at -25%', 'higher at -20%'),
      await altered('results', { ref: 'CG/S4', period: 'Q3 2016/17' }, 'commentary', 'reported 66%', 'reported 64%'),
      await altered('results', { ref: 'CG/S3', period: 'Q3 2015/16' }, 'commentary', 'the 20% target', 'the 25% target'),
      await altered('results', { ref: 'CG/S16', period: 'Q3 2016/17' }, 'note', 'target of 90%', 'target of 85%'),
    ];
    const targets = [await altered('targets', { ref: 'CG/C7', period: '2017/18' }, 'reason', 'Lowered from 53%', 'Lowered from 55%')];
    const outcome = await t.app.imports.importFile(await writeCsvWorkbook({ results, targets }));
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    const after = stated(await t.app.checks.run()).filter((f) => !f.field?.startsWith('narrative'));
    expect(after.map(where)).toEqual([
      [OLD_NAME, 'Q3 2015/16', 'CG/S3', 'commentary'],
      [OLD_NAME, '2016/17', 'CG/S16', 'commentary'],
      [OLD_NAME, 'Q3 2016/17', 'CG/S4', 'commentary'],
      [OLD_NAME, 'Q3 2016/17', 'CG/S16', 'note'],
      [NEW_NAME, 'Q2 2018/19', 'CG/CR1', 'commentary'],
      [NEW_NAME, 'Q2 2018/19', 'CG/C3', 'commentary'],
      [OLD_NAME, '2017/18', 'CG/C7', 'target reason'],
    ]);
    const message = (ref: string) => after.find((f) => f.ref === ref && f.period !== '2016/17')!.message;
    expect(message('CG/S3')).toContain('states a target of 25%, but the stored target for 2015/16 is "20% reduction"');
    expect(message('CG/S4')).toContain('"However, the most recent result taken from Q1 16/17 reported 64% suggesting it is on track to meet the 2017/18 target of 68%." states a result of 64% for Q1 16/17, but the stored result for Q1 2016/17 is 66%');
    expect(message('CG/S16')).toBe('CG/S16 Q3 2016/17 note: "001 §1.5: Q3 result 85% against a 16/17 target of 85%." states a target of 85% for 16/17, but the stored target for 2016/17 is "90%"');
    expect(message('CG/CR1')).toBe('CG/CR1 Q2 2018/19 commentary: "Overall crime rate in Barnet - 71.1 compared to 66.6 last year." states a result of 66.6 for last year, but the stored result for Q2 2017/18 is 67.6');
    expect(message('CG/C3')).toContain('states a decrease of -20% against the past year, but 21.2% (Q2 2018/19) against 28.1% (Q2 2017/18): a change of −6.9 points, (21.2 − 28.1) ÷ 28.1 × 100 = −24.6%');
    expect(message('CG/C7')).toBe(
      'CG/C7 2017/18 target reason: "Lowered from 55% in 2016/17: it was felt that this was a more realistic target in light of the 48% result at Q1 16/17 (2017/18 addendum)." states a target changed from 55% (2016/17), but the stored target for 2016/17 is "53%"',
    );
  });
});

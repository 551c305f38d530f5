/**
 * The demo's forward work programmes (demo/barnet/work-programme.json): the November 2018 - March 2019
 * programme printed in seed 002 and the 2017 - 2018 programme printed in seed 004, with their standing
 * items computed from rules — the Q2 report at 21 November 2018 and Q3 at 7 March 2019, as printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SLUG = 'community-leadership-committee';

describe.each(engines())('demo work programme on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
  });
  afterAll(async () => t?.dispose());

  it('prints the programme of 21 November 2018 as seed 002 does, its standing items computed', async () => {
    const view = (await t.app.workProgramme.programme(SLUG, '2018-11-21'))!;
    expect(view.title).toBe('Community Leadership and Libraries Committee Forward Work Programme');
    expect(view.programme.span).toBe('November 2018 - March 2019');
    expect(view.programme.sections.map((s) => s.heading)).toEqual(['21 November 2018', '7 March 2019']);
    const [nov, mar] = view.programme.sections;
    expect(nov!.items.map((i) => i.title)).toEqual([
      'Annual update on the delivery of prevent and community cohesion',
      'Progress report on the Partnership response to persistent Anti-Social Behaviour hotspot locations',
      'Communities Together Network: Annual Report',
      'Community Participation Action Plan 2018',
      'Business Paper',
      'Corporate Grants',
      'Nomination for Assets of Community Value (if any)',
      'Q2 Performance Report',
    ]);
    const q2 = nov!.items.at(-1)!;
    expect(q2).toMatchObject({ source: 'standing', period: '2018-Q2', reportOf: 'Head of Performance and Risk Commissioning Group', issueType: 'non-key' });
    expect(q2.overview).toContain('Corporate Plan 2018/19 Addendum for Quarter 2 (Q2) 2018/19');
    expect(mar!.items.map((i) => i.title)).toEqual([
      'Outcome of Annual Strategic-Crime needs assessment',
      'Update Report: Preventing and Responding to Violence against Women and Girls & Domestic Violence and Abuse (VAWG & DVA) in Barnet 2017-2010',
      'Annual Review Report on the changes and impact of the new library system',
      'Corporate Grants',
      'Nomination for Assets of Community Value (if any)',
      'Q3 Performance Report',
    ]);
    expect(nov!.items.every((i) => i.issueType === 'non-key')).toBe(true);
    expect(view.governanceContact?.name).toBe('Abigail Lewis');
  });

  it('prints the programme of 2017 - 2018 as seed 004 does: grants from September, no issue type stated', async () => {
    const view = (await t.app.workProgramme.programme(SLUG, '2017-06-21'))!;
    expect(view.title).toBe('Community Leadership Committee Forward Work Programme');
    const [june, sept, nov, march] = view.programme.sections;
    expect([june, sept, nov, march].map((s) => s!.heading)).toEqual(['21 June 2017', '6 September 2017', '22 November 2017', '15 March 2018']);
    expect(june!.items.map((i) => i.title)).toEqual(['Barnet Violence against Women and Girls Strategy 2017-2020', 'Community Leadership Annual Performance Report', 'Business Planning 2017/18', 'Nomination for Assets of Community Value (if any)']);
    expect(sept!.items.map((i) => i.title)).toEqual([
      'London Community Rehabilitation Company and National Probation Service – Offender Management review',
      'Review of the Community Participation Strategy',
      'Outcome of annual strategic crime needs assessment',
      'Nomination for Assets of Community Value (if any)',
      'Grants',
    ]);
    expect(nov!.items.map((i) => i.title)).toEqual(['Nomination for Assets of Community Value (if any)', 'Grants']);
    expect(june!.items.every((i) => i.issueType === null)).toBe(true);
    expect(sept!.items.at(-1)).toMatchObject({ reportOf: 'Head of Finance', contributors: 'Grants Manager' });
  });

  it('gives the 12 June 2018 meeting the year-end Q4 2017/18 report its decisions record', async () => {
    const june = (await t.app.meetings.meetings()).find((m) => m.date === '2018-06-12')!;
    const rows = (await t.app.workProgramme.meetingItems(june.id))!;
    expect(rows.items.map((i) => (i.source === 'standing' ? i.period : null)).filter(Boolean)).toEqual(['2017-Q4']);
  });
});

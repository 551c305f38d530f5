/**
 * The demo's agendas (demo/barnet/agendas.json; ADR 0020): the orders of business of 21 June 2017 (seed
 * 004) and 21 November 2018 (seed 002) numbered by Townhall as the packs print them, the papers' covers,
 * and the Prevent paper's restricted appendices held as exempt by paragraph 1 — the public sees the
 * placeholder, never the clearance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { NOT_VISIBLE } from '../../src/domain/access.ts';
import { exemptPlaceholder } from '../../src/domain/reportPaper.ts';
import type { PaperView } from '../../src/services/agendaService.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SLUG = 'community-leadership-committee';

describe.each(engines())('demo agendas on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
  });
  afterAll(async () => t?.dispose());

  const meetingOn = async (date: string) => {
    const committee = (await t.app.organisation.committeeBySlug(SLUG))!;
    const { past, upcoming } = await t.app.meetings.ofCommittee(committee.id);
    const m = [...past, ...upcoming].find((x) => x.date === date)!;
    return { meeting: m, agenda: (await t.app.agendas.publicAgenda(m.id, m.committeeName))! };
  };

  it('numbers the order of business of 21 November 2018 as seed 002 prints it', async () => {
    const { agenda } = await meetingOn('2018-11-21');
    expect(agenda.lines.map((l) => `${l.number}. ${l.title}`)).toEqual([
      '1. Minutes of last meeting',
      '2. Absence of Members (If any)',
      "3. Declaration of Members' Disclosable Pecuniary interests and Non Pecuniary interests (If any)",
      '4. Report of the Monitoring Officer (If any)',
      '5. Public Comments and Questions (If any)',
      "6. Members' Items (If any)",
      "6.1. Member's Item - Cllr Sara Conway",
      '7. Nomination for Assets of Community Value (If any)',
      '8. Business Planning Report',
      '9. Community Participation Strategy. Barnet Together: Action Plan 2018',
      '10. Prevent and Community Engagement Update',
      // Placed from the published data: the title is the report's own (the pack printed it without "Committee").
      '11. Quarter 2 2018/19 Community Leadership and Libraries Committee Performance Report',
      '12. Progress report on the Partnership response to persistent Anti-Social Behaviour hotspot locations',
      '13. Communities Together Network Annual Report 2018',
      '14. Community Leadership and Libraries Committee Forward Work Programme',
      '15. Any item(s) the Chairman decides are urgent',
    ]);
  });

  it('numbers the order of business of 21 June 2017 as seed 004 prints it, item 10 to follow', async () => {
    const { agenda } = await meetingOn('2017-06-21');
    expect(agenda.lines.map((l) => `${l.number}. ${l.title}${l.toFollow ? ' – To Follow' : ''}`).slice(6)).toEqual([
      '7. London Borough of Barnet Violence against Women and Girls(VAWG) Strategy 2017-2020',
      '8. Community Leadership Business Planning 2017/18',
      '9. Annual Report on the Community Leadership Committee Commissioning Plan',
      '10. Nomination for Assets of Community Value – To Follow',
      '11. Any item(s) the Chairman decides are urgent',
    ]);
  });

  it('shows the public the Prevent paper with its three restricted appendices as placeholders, and no clearance', async () => {
    const { meeting, agenda } = await meetingOn('2018-11-21');
    const line = agenda.lines.find((l) => l.number === '10')!;
    const view = (await t.app.agendas.paper(meeting.id, line.paperId!, null)) as PaperView;
    expect(view).not.toBe(NOT_VISIBLE);
    expect(view.cover.status).toBe('public-exempt-appendices');
    expect(view.enclosures.map((e) => e.placeholder)).toEqual([exemptPlaceholder(1), exemptPlaceholder(1), exemptPlaceholder(1)]);
    expect(JSON.stringify(view)).not.toContain('Sharon Clarke');
    const staff = (await t.app.agendas.paperForm(meeting.id, line.item!.id, { email: 'x', role: 'governance-officer' }))!;
    expect(staff.clearances.map((c) => c.role).sort()).toEqual(['chairman', 'chief-officer', 'finance', 'governance', 'legal']);
  });
});

/**
 * `townhall check` for committee business (issue 12 deliver 8) on the demo: the 21 November 2018 agenda
 * lacks the Corporate Grants standing item the 2018 work programme gives every meeting (seed 002's order
 * of business has none); a paper stating a wrong weekday, a public-questions deadline off the rule and a
 * councillor who is no person of committee business is reported with where and why; the findings are in
 * `townhall check`'s report and on the meeting page for governance officers, never for the public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { demoMeetingOn } from '../support/demoMeetings.ts';

const SLUG = 'community-leadership-committee';
const GOVERNANCE = { email: 'governance@barnet.gov.uk', role: 'governance-officer' as const };

describe.each(engines())('committee business in townhall check on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
  }, 300_000);
  afterAll(async () => t?.dispose());

  const meetingOn = (date: string) => demoMeetingOn(t, date);

  it('finds the standing item the 21 November 2018 agenda lacks', async () => {
    const meeting = await meetingOn('2018-11-21');
    const findings = await t.app.businessChecks.meetingFindings(meeting.id);
    expect(findings.map((f) => [f.kind, f.severity])).toContainEqual(['standing-item-missing', 'gap']);
    expect(findings.find((f) => f.kind === 'standing-item-missing')!.message).toBe(
      'The work programme gives the meeting of 21 November 2018 the standing item “Corporate Grants”, but its agenda has no such item (the agenda is published)',
    );
    // The Communities Together Network report's cover says Key: Yes; the programme's entry says Non-key (seed 002).
    expect(findings.filter((f) => f.kind === 'cover-flags').map((f) => f.message)).toEqual([
      'item 13, “Communities Together Network: Annual Report 2018”: “Communities Together Network: Annual Report”: the cover says Key Yes, the work programme says Non-key',
    ]);
    // Nominations for assets of community value and the Q2 2018/19 report are on it: not reported.
    expect(findings.filter((f) => f.kind === 'standing-item-missing')).toHaveLength(1);
  });

  it('finds nothing in the minutes of 8 March 2017: quorate, the substitute in place of a named member', async () => {
    // Seed 004's decisions: eleven present, Councillor Zinkin in place of Councillor Rutter (apologies).
    const meeting = await meetingOn('2017-03-08');
    expect(await t.app.businessChecks.meetingFindings(meeting.id)).toEqual([]);
    const report = await t.app.checks.run();
    expect(report.findings.filter((f) => f.period === 'meeting of 8 March 2017' || f.period === 'meeting of 23 November 2016')).toEqual([]);
  });

  it('reports a wrong weekday, a deadline off the rule and an unknown councillor in a paper, with where and why', async () => {
    const meeting = await t.app.meetings.addMeeting({ committee: SLUG, date: { day: '13', month: '3', year: '2019' }, startTime: '19:00', venue: 'Hendon Town Hall' }, GOVERNANCE);
    // Built by hand (not from the work programme): its standing items are then missing, reported below as gaps.
    await t.app.agendas.startAgenda(meeting.id, GOVERNANCE, { fromProgramme: false });
    const item = await t.app.agendas.addReport(meeting.id, { title: 'Community Safety Update' }, GOVERNANCE);
    await t.app.agendas.savePaper(
      meeting.id,
      item,
      {
        title: 'Community Safety Update',
        reportOf: 'Councillor Sarah Nobody, Chairman of the Panel',
        wards: 'All',
        status: 'public',
        exemptParagraph: '',
        urgent: 'no',
        key: 'non-key',
        contacts: ['kiran-vagarwal'],
        enclosures: [],
        sections: { summary: 'The panel met on Wednesday 5th March. The deadline for this meeting is Thursday 7th March at 10AM.' },
        recommendations: 'That the Committee note the update',
      },
      GOVERNANCE,
    );
    const findings = await t.app.businessChecks.meetingFindings(meeting.id);
    // The programme's every-meeting standing items are missing too: this agenda was built by hand.
    const kinds = findings.map((f) => f.kind).filter((k) => k !== 'standing-item-missing').sort();
    expect(kinds).toEqual(['deadline', 'unknown-person', 'weekday']);
    const weekday = findings.find((f) => f.kind === 'weekday')!;
    expect(weekday.message).toContain('item 7, “Community Safety Update”');
    expect(weekday.message).toContain('says "Wednesday 5th March" but 5 March 2019 is a Tuesday');
    expect(weekday.quote).toBe('The panel met on Wednesday 5th March.');
    const deadline = findings.find((f) => f.kind === 'deadline')!;
    expect(deadline.message).toContain('says the public-questions deadline is 7 March 2019 at 10:00');
    expect(deadline.message).toContain('gives 10am on Friday 8 March 2019');
    const person = findings.find((f) => f.kind === 'unknown-person')!;
    expect(person.field).toBe('Report of');
    expect(person.message).toContain('names “Councillor Sarah Nobody”');
    // Attendance recorded without quorum, a substitute present in place of nobody: recorded (warned), then reported.
    const staffMinutes = (await t.app.outcomes.staffMinutes(meeting.id, GOVERNANCE))!;
    const voting = staffMinutes.seats.filter((seat) => seat.role !== 'substitute');
    const substitute = staffMinutes.seats.find((seat) => seat.role === 'substitute')!;
    await t.app.outcomes.recordAttendance(
      meeting.id,
      { rows: [...voting.map((seat, i) => ({ person: seat.person.slug, status: i === 0 ? 'present' : 'apologies' })), { person: substitute.person.slug, status: 'present' }], others: [], finishedAt: '' },
      GOVERNANCE,
    );
    const withAttendance = await t.app.businessChecks.meetingFindings(meeting.id);
    expect(withAttendance.find((f) => f.kind === 'quorum')!.message).toBe('The meeting is not quorate: 1 voting member was present and the quorum is 3: an inquorate meeting decides nothing');
    expect(withAttendance.find((f) => f.kind === 'substitute')!.message).toContain('is a substitute present in place of no named member, so may not vote');
    // In townhall check's report beside the performance findings.
    const report = await t.app.checks.run();
    expect(report.findings.filter((f) => f.period === 'meeting of 13 March 2019' && f.kind !== 'standing-item-missing').map((f) => f.kind).sort()).toEqual(['deadline', 'quorum', 'substitute', 'unknown-person', 'weekday']);

    // On the meeting page for governance officers; never for the public.
    const server = buildServer(t.app);
    try {
      const gov = await signInAs(t.app, 'governance-officer');
      const staff = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}`, headers: { cookie: gov.cookie } });
      expect(staff.body).toContain('What the check finds');
      expect(staff.body).toContain('Councillor Sarah Nobody');
      const pub = await server.inject({ method: 'GET', url: `/meetings/${meeting.id}` });
      expect(pub.statusCode).toBe(200);
      expect(pub.body).not.toContain('What the check finds');
      expect(pub.body).not.toContain('Sarah Nobody');
    } finally {
      await server.close();
    }
  });
});

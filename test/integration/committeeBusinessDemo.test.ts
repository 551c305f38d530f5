/**
 * The demo's committee business (demo/barnet/committee-business.json) loaded on first start: the
 * members and substitutes printed on the covers of 21 June 2017 (seed 004) and 21 November 2018
 * (seed 002), quorum 3, and the three meetings at 7.00pm at Hendon Town Hall with their computed
 * deadlines — the 2018 questions deadline is Friday 16 November, not the "Thursday" the pack printed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../src/app.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';

const SLUG = 'community-leadership-committee';

describe.each(engines())('demo committee business on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    expect(await loadDemoIfEmpty(t.app)).toBe(true);
    expect(await loadDemoIfEmpty(t.app)).toBe(false);
  });
  afterAll(async () => t?.dispose());

  const names = async (date: string) => {
    const m = (await t.app.committeeBusiness.committeeMembership(SLUG, date))!;
    const n = (ps: { name: string }[]) => ps.map((p) => p.name);
    return { name: m.nameOnDate, quorum: m.details.quorum, chairman: n(m.membership.chairman), vice: n(m.membership.viceChairman), members: n(m.membership.members), substitutes: n(m.membership.substitutes) };
  };

  it('prints the membership of 21 June 2017 as the cover of seed 004 does (one spelling: Narenthira)', async () => {
    expect(await names('2017-06-21')).toEqual({
      name: 'Community Leadership Committee',
      quorum: 3,
      chairman: ['David Longstaff'],
      vice: ['Graham Old'],
      members: ['Brian Gordon', 'Eva Greenspan', 'Kath McGuirk', 'Nagus Narenthira', 'Charlie O-Macauley', 'Reema Patel', 'Hugh Rayner', 'Lisa Rutter', 'Agnes Slocombe'],
      substitutes: ['Maureen Braun', 'Adam Langleben', 'Alison Moore', 'Wendy Prentice', 'Alan Schneiderman', 'Peter Zinkin'],
    });
  });

  it('prints the membership of 21 November 2018 as the cover of seed 002 does', async () => {
    const m = await names('2018-11-21');
    expect(m.name).toBe('Community Leadership and Libraries Committee');
    expect(m.chairman).toEqual(['Reuben Thompstone']);
    expect(m.vice).toEqual(['David Longstaff']);
    expect([...m.members].sort()).toEqual(['Charlie O-Macauley', 'Sara Conway', 'Danny Rich', 'Felix Byers', 'Lachhya Gurung', 'Julian Teare', 'Reema Patel', 'Jennifer Grocock'].sort());
    expect([...m.substitutes].sort()).toEqual(['Nagus Narenthira', 'Alison Moore', 'Wendy Prentice', 'Alan Schneiderman', 'John Marshall', 'Weeden-Sanz'].sort());
  });

  it('has the three meetings at 7.00pm at Hendon Town Hall, with computed deadlines', async () => {
    // The other meetings are those only the forward work programmes name (work-programme.json).
    const meetings = (await t.app.meetings.meetings()).filter((m) => ['2017-06-21', '2018-06-12', '2018-11-21'].includes(m.date));
    expect(meetings.map((m) => [m.date, m.startTime, m.status, m.committeeName])).toEqual([
      ['2017-06-21', '19:00', 'minutes-agreed', 'Community Leadership Committee'],
      ['2018-06-12', '19:00', 'minutes-agreed', 'Community Leadership and Libraries Committee'],
      ['2018-11-21', '19:00', 'held', 'Community Leadership and Libraries Committee'],
    ]);
    const nov = (await t.app.meetings.meeting(meetings[2]!.id))!;
    expect(nov.deadlines!.find((d) => d.kind === 'publicQuestions')!.date).toBe('2018-11-16');
    expect(nov.committeeOnDate.governanceContact?.name).toBe('Abigail Lewis');
    const june = (await t.app.meetings.meeting(meetings[0]!.id))!;
    expect(june.deadlines!.find((d) => d.kind === 'publicQuestions')!.date).toBe('2017-06-16');
  });
});

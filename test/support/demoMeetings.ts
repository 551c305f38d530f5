/** The demo council's meetings in tests: the Community Leadership Committee's meeting on a date. */
import type { MeetingSummary } from '../../src/services/meetingService.ts';
import type { TestDatabase } from './db.ts';

export const DEMO_COMMITTEE = 'community-leadership-committee';

/** The demo committee's meeting on `date` (YYYY-MM-DD); throws when there is none. */
export async function demoMeetingOn(t: TestDatabase, date: string): Promise<MeetingSummary> {
  const committee = (await t.app.organisation.committeeBySlug(DEMO_COMMITTEE))!;
  const { past, upcoming } = await t.app.meetings.ofCommittee(committee.id);
  const meeting = [...past, ...upcoming].find((x) => x.date === date);
  if (!meeting) throw new Error(`The demo has no meeting on ${date}`);
  return meeting;
}

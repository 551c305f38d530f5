/**
 * The demo council's forward work programmes (demo/barnet/work-programme.json): the meetings only the
 * programmes name, the rules of the standing items, and the entries of the 2017-18 and the November
 * 2018 - March 2019 programmes, loaded through the services as a governance officer would enter them
 * (validated and audited; each programme's entries all at once or none). Runs while the demo's meetings
 * are still scheduled (an entry is aimed only at a meeting still to happen); the meetings then reach
 * their statuses through the allowed steps.
 */
import { partsOf } from '../domain/dateParts.ts';
import type { MeetingStatus } from '../domain/meetings.ts';
import type { Actor } from './committeeBusinessService.ts';
import { stepsTo } from './committeeBusinessDemo.ts';
import type { MeetingService } from './meetingService.ts';
import type { WorkProgrammeService } from './workProgrammeService.ts';

export interface WorkProgrammeDemo {
  committee: string;
  meetings: { date: string; startTime: string; venue: string; status: MeetingStatus }[];
  rules: { kind: string; title: string; overview: string; reportOf: string; contributors?: string; issueType: string; lagDays?: number; from: string; to: string | null }[];
  entries: { meeting: string; title: string; overview: string; reportOf: string; contributors?: string; issueType: string }[];
}

const ACTOR: Actor = { email: 'demo', role: 'administrator' };
const REASON = 'Demo council: from the Barnet forward work programmes (demo/barnet/SOURCES.md)';

/** Adds the programmes' meetings, rules and entries; returns the steps still to take for the meetings it added. */
export async function loadWorkProgrammeDemo(data: WorkProgrammeDemo, meetings: MeetingService, programme: WorkProgrammeService): Promise<() => Promise<void>> {
  const made: { id: number; status: MeetingStatus }[] = [];
  for (const m of data.meetings) {
    const meeting = await meetings.addMeeting({ committee: data.committee, date: partsOf(m.date), startTime: m.startTime, venue: m.venue, reason: REASON }, ACTOR);
    made.push({ id: meeting.id, status: m.status });
  }
  for (const r of data.rules) {
    await programme.addRule(
      data.committee,
      { ...r, contributors: r.contributors ?? '', lagDays: r.lagDays === undefined ? '' : String(r.lagDays), from: partsOf(r.from), to: partsOf(r.to), reason: REASON },
      ACTOR,
    );
  }
  const committee = (await meetings.meetings()).filter((m) => m.committee.slug === data.committee);
  const idOn = (date: string) => {
    const found = committee.find((m) => m.date === date);
    if (!found) throw new Error(`The work programme demo names a meeting on ${date} that the demo does not have`);
    return String(found.id);
  };
  await programme.addEntries(
    data.committee,
    data.entries.map((e) => ({ ...e, contributors: e.contributors ?? '', target: 'meeting', meeting: idOn(e.meeting), reason: REASON })),
    ACTOR,
  );
  return async () => {
    for (const m of made) for (const to of stepsTo(m.status)) await meetings.moveMeeting(m.id, { to, reason: REASON }, ACTOR);
  };
}

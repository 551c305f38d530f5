/**
 * The demo council's committee business (demo/barnet/committee-business.json, read by src/app.ts):
 * people, dated memberships, the committee's cover facts and its meetings, loaded through the services as
 * a governance officer would enter them (validated and audited). The data file keeps the packs' shape (the
 * membership printed on each cover); the import workbook's committee-business sheets could carry the same
 * (`townhall export` writes them; ADR 0023). A membership that continues in the same role from one set to the next is one
 * membership; a meeting reaches its status through the allowed steps.
 */
import { partsOf } from '../domain/dateParts.ts';
import { MEETING_TRANSITIONS, type MeetingStatus } from '../domain/meetings.ts';
import { MEMBERSHIP_ROLES, type MembershipRole } from '../domain/membership.ts';
import { personSlug } from '../domain/people.ts';
import type { Actor, CommitteeBusinessService } from './committeeBusinessService.ts';
import type { MeetingService } from './meetingService.ts';

export interface CommitteeBusinessDemo {
  committee: string;
  quorum: number;
  governanceContact: string;
  officers: { name: string; jobTitle?: string; email?: string; phone?: string }[];
  memberships: ({ from: string; to: string | null } & Partial<Record<MembershipRole, string[]>>)[];
  meetings: { date: string; startTime: string; venue: string; status: MeetingStatus }[];
}

const ACTOR: Actor = { email: 'demo', role: 'administrator' };
const REASON = 'Demo council: from the Barnet agenda packs (demo/barnet/SOURCES.md)';

/** The path of steps from scheduled to `status` (breadth first over the allowed steps). */
export function stepsTo(status: MeetingStatus): MeetingStatus[] {
  const queue: MeetingStatus[][] = [[]];
  const seen = new Set<MeetingStatus>(['scheduled']);
  while (queue.length) {
    const path = queue.shift()!;
    const at = path[path.length - 1] ?? 'scheduled';
    if (at === status) return path;
    for (const next of MEETING_TRANSITIONS[at]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  throw new Error(`No steps lead to ${status}`);
}

/**
 * Loads the demo's committee business. `beforeSteps` runs once every meeting is arranged and before any
 * moves on from scheduled (the work programme's entries are aimed at meetings still to happen).
 */
export async function loadCommitteeBusinessDemo(data: CommitteeBusinessDemo, business: CommitteeBusinessService, meetings: MeetingService, beforeSteps?: () => Promise<void>): Promise<void> {
  for (const o of data.officers) await business.addPerson({ name: o.name, kind: 'officer', jobTitle: o.jobTitle, email: o.email, phone: o.phone, reason: REASON }, ACTOR);
  const councillors = [...new Set(data.memberships.flatMap((set) => MEMBERSHIP_ROLES.flatMap((r) => set[r] ?? [])))];
  for (const name of councillors) await business.addPerson({ name, kind: 'councillor', reason: REASON }, ACTOR);
  await business.changeCommitteeDetails(data.committee, { quorum: String(data.quorum), governanceContact: personSlug(data.governanceContact), reason: REASON }, ACTOR);

  // One membership per unbroken run of the same role.
  const runs: { name: string; role: MembershipRole; from: string; to: string | null }[] = [];
  for (const set of data.memberships) {
    for (const role of MEMBERSHIP_ROLES) {
      for (const name of set[role] ?? []) {
        const last = runs.findLast((r) => r.name === name);
        if (last && last.role === role && last.to !== null && last.to < set.from) last.to = set.to;
        else runs.push({ name, role, from: set.from, to: set.to });
      }
    }
  }
  for (const r of runs) {
    await business.addMembership(data.committee, { person: personSlug(r.name), role: r.role, from: partsOf(r.from), to: partsOf(r.to), reason: REASON }, ACTOR);
  }

  const made: { id: number; status: MeetingStatus }[] = [];
  for (const m of data.meetings) {
    const meeting = await meetings.addMeeting({ committee: data.committee, date: partsOf(m.date), startTime: m.startTime, venue: m.venue, reason: REASON }, ACTOR);
    made.push({ id: meeting.id, status: m.status });
  }
  await beforeSteps?.();
  for (const m of made) for (const to of stepsTo(m.status)) await meetings.moveMeeting(m.id, { to, reason: REASON }, ACTOR);
}

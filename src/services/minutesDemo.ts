/**
 * The demo council's minutes (demo/barnet/minutes.json, read by src/app.ts; ADR 0026): the decisions of
 * 8 March 2017 (seed 004, item 1 of the 21 June 2017 pack) and of 12 June 2018 (seed 002, item 1 of the
 * 21 November 2018 pack) entered through the outcomes service as a governance officer would — the
 * meeting's order of business built from the template with its reports, attendance (a substitute in place
 * of a named member), declarations, each item's discussion, motions and votes, resolutions and actions —
 * then published as draft minutes and recorded as agreed at the committee's next meeting. Everything the
 * minutes print that can be computed is computed: item numbers, resolution numbers, the motion's result
 * ("lost", from 4 for and 6 against), the finishing time (the pack's "20.28pm" read as 20:28), the
 * meeting that agreed them and the meeting an action reports to ("their next meeting"). Judgements are
 * recorded in demo/barnet/SOURCES.md.
 */
import { personSlug } from '../domain/people.ts';
import type { AgendaService } from './agendaService.ts';
import type { Actor, CommitteeBusinessService } from './committeeBusinessService.ts';
import type { MeetingService } from './meetingService.ts';
import type { OutcomesService } from './outcomesService.ts';

interface DemoItem {
  discussion?: string;
  none?: boolean;
  unanimously?: boolean;
  resolutions?: string[];
  motions?: { text: string; mover: string; seconder?: string; amendments?: string[]; for?: string; against?: string; abstain?: string; casting?: string }[];
  /** `target` "next": the committee's next meeting, computed; none: a future meeting. */
  actions?: { text: string; owner?: string; reportBack?: boolean; target?: 'next' }[];
}

export interface MinutesDemo {
  meetings: {
    date: string;
    agenda: { title: string; standing?: boolean }[];
    /** Members present; a substitute with the member they attended in place of. */
    present: (string | { name: string; inPlaceOf: string })[];
    apologies: string[];
    others: { name: string; jobTitle?: string }[];
    finishedAt: string;
    declarations: { member: string; item: string; type: string; detail: string; withdrew: boolean }[];
    /** By the item's number as the order of business computes it. */
    items: Record<string, DemoItem>;
    /** "next": agreed at the committee's next meeting. */
    agreedAt?: 'next';
  }[];
}

const ACTOR: Actor = { email: 'demo', role: 'administrator' };
const REASON = 'Demo council: from the printed minutes (demo/barnet/SOURCES.md)';

export async function loadMinutesDemo(data: MinutesDemo, committee: string, business: CommitteeBusinessService, meetings: MeetingService, agendas: AgendaService, outcomes: OutcomesService): Promise<void> {
  const committeeRecord = (await business.committees()).find((c) => c.committee.slug === committee)!.committee;
  const all = await meetings.ofCommittee(committeeRecord.id);
  const byDate = [...all.past, ...all.upcoming].sort((a, b) => a.date.localeCompare(b.date));
  const nextAfter = (date: string) => byDate.find((x) => x.date > date && x.status !== 'cancelled' && x.status !== 'postponed');
  // Others in attendance are people held once: each with the job title of the latest minutes that print one.
  const others = new Map<string, string | undefined>();
  for (const m of [...data.meetings].sort((a, b) => a.date.localeCompare(b.date))) for (const o of m.others) if (o.jobTitle || !others.has(o.name)) others.set(o.name, o.jobTitle);
  for (const [name, jobTitle] of others) {
    if (!(await business.personBySlug(personSlug(name)))) await business.addPerson({ name, kind: 'officer', jobTitle }, ACTOR);
  }
  for (const m of data.meetings) {
    const meeting = byDate.find((x) => x.date === m.date);
    if (!meeting) throw new Error(`The demo has no meeting on ${m.date}`);
    // The order of business: the committee's standard items, then the reports in the order the minutes take them.
    await agendas.startAgenda(meeting.id, ACTOR, { fromProgramme: false });
    for (const item of m.agenda) await agendas.addReport(meeting.id, { title: item.title, standing: item.standing }, ACTOR);

    const staff = (await outcomes.staffMinutes(meeting.id, ACTOR))!;
    const seatSlugs = new Set(staff.seats.map((s) => s.person.slug));
    const present = m.present.map((p) => (typeof p === 'string' ? { name: p, inPlaceOf: '' } : p));
    const status = new Map([...present.map((p) => [personSlug(p.name), 'present'] as const), ...m.apologies.map((n) => [personSlug(n), 'apologies'] as const)]);
    const inPlaceOf = new Map(present.filter((p) => p.inPlaceOf).map((p) => [personSlug(p.name), personSlug(p.inPlaceOf)]));
    for (const slug of status.keys()) if (!seatSlugs.has(slug)) throw new Error(`The demo's minutes of ${m.date} name ${slug}, who has no seat on the committee that day`);
    await outcomes.recordAttendance(
      meeting.id,
      {
        // A member the minutes do not name was absent; a substitute they do not name was not expected, so is not recorded.
        rows: staff.seats.map((seat) => ({ person: seat.person.slug, status: status.get(seat.person.slug) ?? (seat.role === 'substitute' ? '' : 'absent'), inPlaceOf: inPlaceOf.get(seat.person.slug) ?? '' })),
        others: m.others.map((o) => personSlug(o.name)),
        finishedAt: m.finishedAt,
        reason: REASON,
      },
      ACTOR,
    );
    const itemId = (number: string) => {
      const line = staff.lines.find((l) => l.line.number === number);
      if (!line) throw new Error(`The demo's minutes of ${m.date} name item ${number}, which the order of business does not have`);
      return line.line.item!.id;
    };
    await outcomes.recordDeclarations(
      meeting.id,
      { rows: m.declarations.map((d) => ({ person: personSlug(d.member), item: String(itemId(d.item)), type: d.type, detail: d.detail, withdrew: d.withdrew ? 'yes' : '' })), reason: REASON },
      ACTOR,
    );
    for (const [number, item] of Object.entries(m.items)) {
      await outcomes.recordItem(
        meeting.id,
        itemId(number),
        {
          discussion: item.discussion ?? '',
          resolutions: (item.resolutions ?? []).join('\n'),
          resolvedUnanimously: item.unanimously ? 'yes' : '',
          noBusiness: item.none ? 'yes' : '',
          motions: (item.motions ?? []).map((mo) => ({
            text: mo.text,
            mover: personSlug(mo.mover),
            seconder: mo.seconder ? personSlug(mo.seconder) : '',
            amendments: (mo.amendments ?? []).join('\n'),
            for: mo.for ?? '',
            against: mo.against ?? '',
            abstain: mo.abstain ?? '',
            casting: mo.casting ?? '',
            named: {},
          })),
          actions: (item.actions ?? []).map((a) => {
            const target = a.target === 'next' ? nextAfter(m.date) : undefined;
            if (a.target === 'next' && !target) throw new Error(`The demo has no meeting after ${m.date} for an action of item ${number}`);
            return { text: a.text, owner: a.owner ? personSlug(a.owner) : '', target: target ? String(target.id) : '', reportBack: a.reportBack ? 'yes' : '' };
          }),
          reason: REASON,
        },
        ACTOR,
      );
    }
    await outcomes.publishDraft(meeting.id, ACTOR);
    if (m.agreedAt === 'next') {
      const next = nextAfter(m.date);
      if (next) await outcomes.agree(meeting.id, { meeting: String(next.id) }, ACTOR);
    }
  }
}

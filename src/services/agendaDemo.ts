/**
 * The demo council's agendas (demo/barnet/agendas.json, read by src/app.ts; ADR 0020): the orders of
 * business of 21 June 2017 (seed 004) and 21 November 2018 (seed 002) and the papers' cover sheets, built
 * and published through the agenda service as a governance officer would (validated and audited). Numbers
 * are computed, never copied; the exempt appendices of the Prevent paper are held as exempt by paragraph 1
 * (the public sees the placeholder). Judgements are recorded in demo/barnet/SOURCES.md.
 */
import { partsOf } from '../domain/dateParts.ts';
import { personSlug } from '../domain/people.ts';
import type { AgendaPackService } from './agendaPackService.ts';
import type { AgendaService } from './agendaService.ts';
import type { Actor, CommitteeBusinessService } from './committeeBusinessService.ts';
import type { MeetingService } from './meetingService.ts';
import { itemsClose, type MembersItemService } from './membersItemService.ts';

interface DemoPaper {
  title: string;
  reportOf: string;
  wards: string;
  status: string;
  urgent: string;
  key: string;
  contacts: string[];
  enclosures: { title: string; paragraph: string; body: string }[];
  summary: string;
  recommendations: string[];
  clearance?: { role: string; name: string; date: string }[];
}

export interface AgendaDemo {
  officers: { name: string; jobTitle?: string; email?: string; phone?: string }[];
  meetings: {
    date: string;
    remove?: string[];
    /** Members' items, entered through the members' item service for the member as of the closing day, and checked (ADR 0025). */
    membersItems?: { member: string; title: string; request: string; decision: string; reason: string }[];
    items: {
      title: string;
      toFollow?: boolean;
      standing?: boolean;
      paper?: DemoPaper;
      /** The committee's performance report of a published quarter, placed from the data (ADR 0028): its narrative as printed. */
      performanceReport?: { period: string; contact: string; summary: string; recommendations: string[] };
    }[];
  }[];
}

const ACTOR: Actor = { email: 'demo', role: 'administrator' };

export async function loadAgendaDemo(data: AgendaDemo, committee: string, business: CommitteeBusinessService, meetings: MeetingService, agendas: AgendaService, packs: AgendaPackService, membersItems?: MembersItemService): Promise<void> {
  for (const o of data.officers) {
    if (!(await business.personBySlug(personSlug(o.name)))) await business.addPerson({ name: o.name, kind: 'officer', jobTitle: o.jobTitle, email: o.email, phone: o.phone }, ACTOR);
  }
  const committeeRecord = (await business.committees()).find((c) => c.committee.slug === committee)!.committee;
  const all = (await meetings.ofCommittee(committeeRecord.id));
  for (const m of data.meetings) {
    const meeting = [...all.upcoming, ...all.past].find((x) => x.date === m.date);
    if (!meeting) throw new Error(`The demo has no meeting on ${m.date}`);
    // The packs' orders of business as printed (their titles differ from the programme's rows): not
    // started from the work programme (SOURCES.md, Agendas).
    await agendas.startAgenda(meeting.id, ACTOR, { fromProgramme: false });
    const staff = async () => (await agendas.staffAgenda(meeting.id, ACTOR))!;
    for (const kind of m.remove ?? []) {
      const item = (await staff()).lines.find((l) => l.item?.kind === kind)!.item!;
      await agendas.removeItem(meeting.id, item.id, ACTOR);
    }
    const write = async (itemId: number, p: DemoPaper) => {
      await agendas.savePaper(
        meeting.id,
        itemId,
        { title: p.title, reportOf: p.reportOf, wards: p.wards, status: p.status, exemptParagraph: '', urgent: p.urgent, key: p.key, contacts: p.contacts, enclosures: p.enclosures, sections: { summary: p.summary }, recommendations: p.recommendations.join('\n'), reason: 'Demo council: from the Barnet agenda packs (demo/barnet/SOURCES.md)' },
        ACTOR,
      );
      for (const c of p.clearance ?? []) await agendas.recordClearance(meeting.id, itemId, { role: c.role, name: c.name, date: partsOf(c.date) }, ACTOR);
    };
    for (const item of m.membersItems ?? []) {
      if (!membersItems) break;
      // Entered by governance for the member (the pack does not say when it came in): on the day items close, computed.
      const asOf = membersItems.asOf(itemsClose(m.date) ?? m.date);
      const id = await asOf.submit({ meeting: String(meeting.id), title: item.title, request: item.request, member: personSlug(item.member) }, { id: 0, ...ACTOR });
      await asOf.check(id, { decision: item.decision, reason: item.reason }, { id: 0, ...ACTOR });
    }
    for (const i of m.items) {
      if (i.performanceReport) {
        const r = i.performanceReport;
        await packs.placePerformanceReport(meeting.id, { period: r.period, contact: r.contact, summary: r.summary, recommendations: r.recommendations.join('\n') }, ACTOR);
        continue;
      }
      const id = await agendas.addReport(meeting.id, { title: i.title, toFollow: i.toFollow, standing: i.standing }, ACTOR);
      if (i.paper) await write(id, i.paper);
    }
    await agendas.publishAgenda(meeting.id, ACTOR);
  }
}

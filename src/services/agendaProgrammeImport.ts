/**
 * Agendas and forward work programmes in the import workbook (issue 11, deliver 11; ADR 0023 amended):
 * the agenda_items, work_programme and standing_items sheets (src/workbook/committeeBusinessSheets.ts,
 * read by committeeBusinessValidate.ts) compared with what is stored and written — an ImportExtension
 * composed after the people/meetings one, so the meetings a file adds exist when its agendas and
 * programme entries are written, in the same transaction, all or nothing, every change audited. Also the
 * export of the stored agendas and programmes as those sheets.
 *
 * Identity (rows add or change, never delete, as on the meetings sheet):
 * - an agenda item by its meeting (committee and date), kind and title (the n-th row of a kind and title
 *   is the n-th such stored item). A meeting named on the sheet has its whole order of business there:
 *   positions are renumbered 1… in order (public part, then exempt part), and a stored item the sheet
 *   leaves out is an error (items are taken off on the agenda page). A published agenda never changes.
 * - a work programme entry by committee, title and target (a meeting's date, a month, or to be
 *   scheduled): its overview, report of, contributors and issue type may change; moving it to another
 *   target is done on its page. An entry of a meeting that has been held is the record: it stays.
 * - a standing item rule by committee, kind, title and first day: only its last day may change (the
 *   words of past meetings' programmes stay as they were), as on the rule's page.
 */
import type { Db } from '../db/connection.ts';
import { inOrder, type AgendaItem, type AgendaItemKind, type AgendaPart } from '../domain/agenda.ts';
import { isUpcoming, MEETING_STATUS_LABELS, type MeetingStatus } from '../domain/meetings.ts';
import type { IssueType, StandingRule, StandingRuleKind, WorkProgrammeEntry } from '../domain/workProgramme.ts';
import { formatLongDate } from '../domain/workingDays.ts';
import { AgendaRepository, type AgendaRecord } from '../repositories/agendaRepository.ts';
import { recordAudit, type AuditEntry } from '../repositories/auditRepository.ts';
import { CommitteeBusinessRepository, type MeetingRecord } from '../repositories/committeeBusinessRepository.ts';
import { WorkProgrammeRepository, type EntryFields } from '../repositories/workProgrammeRepository.ts';
import {
  emptyCommitteeBusiness,
  type AgendaItemDef,
  type CommitteeBusinessData,
  type CommitteeBusinessSheet,
  type StandingItemDef,
  type WorkProgrammeDef,
} from '../workbook/committeeBusinessSheets.ts';
import type { Change } from '../workbook/changes.ts';
import type { ImportError, WorkbookData } from '../workbook/model.ts';
import { key } from '../workbook/sheet.ts';
import { committeeResolver, type CommitteeRef } from './committeeBusinessImport.ts';
import type { ImportExtension } from './importExtension.ts';
import type { ImportPlan } from './importPlan.ts';

const same = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(a).every((k) => a[k] === b[k]);

/** A meeting as it will be once the file's meetings sheet is written. */
interface FinalMeeting {
  /** null: added by the file. */
  id: number | null;
  date: string;
  status: MeetingStatus;
  /** Its status as stored (null: added by the file). */
  storedStatus: MeetingStatus | null;
}

/** The meetings by committee key and date, stored ones changed by the file's meetings sheet, then the file's new ones. */
function finalMeetings(stored: readonly MeetingRecord[], data: CommitteeBusinessData, committee: (name: string) => CommitteeRef | null): Map<string, FinalMeeting[]> {
  const byId = new Map<number, FinalMeeting & { committeeKey: string }>(stored.map((m) => [m.id, { id: m.id, date: m.date, status: m.status, storedStatus: m.status, committeeKey: `id:${m.committeeId}` }]));
  const added: (FinalMeeting & { committeeKey: string })[] = [];
  const byUid = new Map(stored.map((m) => [m.uid, m]));
  for (const def of data.meetings) {
    const c = committee(def.committee);
    if (!c) continue;
    let before = def.uid ? byUid.get(def.uid) : undefined;
    if (!def.uid && c.id !== null) {
      const candidates = stored.filter((s) => s.committeeId === c.id && s.date === def.date);
      before = candidates.find((s) => s.status !== 'cancelled') ?? candidates[0];
    }
    if (before) {
      const m = byId.get(before.id)!;
      m.date = def.date;
      m.status = def.status ?? before.status;
    } else added.push({ id: null, date: def.date, status: def.status ?? 'scheduled', storedStatus: null, committeeKey: c.key });
  }
  const out = new Map<string, FinalMeeting[]>();
  for (const m of [...byId.values(), ...added]) {
    const k = `${m.committeeKey}|${m.date}`;
    out.set(k, [...(out.get(k) ?? []), m]);
  }
  return out;
}

const pick = (list: FinalMeeting[] | undefined): FinalMeeting | null => list?.find((m) => m.status !== 'cancelled') ?? list?.[0] ?? null;

type ItemAfter = { committee: string; meetingDate: string; position: number; kind: AgendaItemKind; title: string; ifAny: boolean; part: AgendaPart; toFollow: boolean };
type EntryAfter = { committee: string; meetingDate: string | null; month: string | null; title: string; overview: string; reportOf: string; contributors: string | null; issueType: IssueType | null };
type RuleAfter = { committee: string; kind: StandingRuleKind; title: string; overview: string; reportOf: string; contributors: string | null; issueType: IssueType | null; lagDays: number; from: string; to: string | null };

const hasRows = (d: CommitteeBusinessData) => d.agendaItems.length > 0 || d.workProgramme.length > 0 || d.standingItems.length > 0;

/**
 * Compares the agenda_items, work_programme and standing_items sheets with what `db` stores: their
 * changes, and every error that needs the stored data (an unknown meeting, a published agenda, an item
 * left out, an entry of a held meeting, a rule's words changed), each with its sheet, row and column.
 */
export async function planAgendasAndProgrammes(db: Db, data: CommitteeBusinessData, workbook: WorkbookData | null, committeesWithheld: boolean): Promise<ImportPlan> {
  const errors: ImportError[] = [];
  const changes: Change[] = [];
  if (!hasRows(data)) return { errors, changes };
  const business = new CommitteeBusinessRepository(db);
  const agendas = new AgendaRepository(db);
  const programmes = new WorkProgrammeRepository(db);
  // One after another: in a transaction on the embedded database, one connection answers.
  const committeeNames = await business.committeeNames(db);
  const storedMeetings = await business.meetings({}, db);
  const resolver = committeeResolver({ committees: committeeNames, people: [], details: [], memberships: [], meetings: [] }, workbook);
  const err = (sheet: CommitteeBusinessSheet, row: number, column: string, value: string | null, message: string) => errors.push({ sheet, row, column, value, message });
  const committeeOf = (sheet: CommitteeBusinessSheet, row: number, name: string): CommitteeRef | null => {
    const c = resolver.committee(name);
    if (!c && !committeesWithheld) err(sheet, row, 'committee', name, `Committee "${name}" is not known: name it as the committees sheet or a stored committee does`);
    return c;
  };
  const meetings = finalMeetings(storedMeetings, data, resolver.committee);
  const meetingsWithheld = data.withheldSheets.includes('meetings');
  const meetingOf = (sheet: CommitteeBusinessSheet, row: number, c: CommitteeRef, date: string): FinalMeeting | null => {
    const m = pick(meetings.get(`${c.key}|${date}`));
    if (!m && !meetingsWithheld) err(sheet, row, 'meeting_date', date, `${c.name} has no meeting on ${formatLongDate(date)}: add it to the meetings sheet`);
    return m;
  };

  // Agenda items: each meeting's rows together.
  const groups = new Map<string, { c: CommitteeRef; meeting: FinalMeeting; rows: AgendaItemDef[] }>();
  for (const def of data.agendaItems) {
    const c = committeeOf('agenda_items', def.row, def.committee);
    if (!c) continue;
    const meeting = meetingOf('agenda_items', def.row, c, def.meetingDate);
    if (!meeting) continue;
    if (meeting.status === 'cancelled') {
      err('agenda_items', def.row, 'meeting_date', def.meetingDate, `The meeting of ${formatLongDate(def.meetingDate)} is cancelled: it has no agenda`);
      continue;
    }
    const k = `${c.key}|${def.meetingDate}`;
    const g = groups.get(k) ?? { c, meeting, rows: [] };
    g.rows.push(def);
    groups.set(k, g);
  }
  for (const { c, meeting, rows } of groups.values()) {
    const lastPublic = Math.max(0, ...rows.filter((r) => r.part === 'public').map((r) => r.position));
    for (const r of rows) {
      if (r.part === 'exempt' && r.position < lastPublic) err('agenda_items', r.row, 'position', String(r.position), `The exempt part follows the public part: give “${r.title}” a position after every public item (after ${lastPublic})`);
    }
    const ordered = inOrder(rows.map((r) => ({ ...r, id: r.row, paperId: null, exemptParagraph: null })));
    const position = new Map(ordered.map((r, i) => [r.row, i + 1]));
    let agenda: AgendaRecord | null = null;
    let stored: AgendaItem[] = [];
    if (meeting.id !== null) {
      agenda = await agendas.agenda(meeting.id, db);
      stored = agenda ? inOrder(await agendas.items(meeting.id, db)) : [];
    }
    const storedPosition = new Map(stored.map((s, i) => [s.id, i + 1]));
    const unmatched = [...stored];
    const published = agenda?.publishedAt != null;
    const refusePublished = (r: AgendaItemDef, column: string, value: string | null) =>
      err('agenda_items', r.row, column, value, `The agenda of ${formatLongDate(meeting.date)} is published: its order of business can no longer change`);
    for (const r of ordered) {
      const at = unmatched.findIndex((s) => s.kind === r.kind && key(s.title) === key(r.title));
      const before = at === -1 ? null : unmatched.splice(at, 1)[0]!;
      const after: ItemAfter = { committee: c.name, meetingDate: meeting.date, position: position.get(r.row)!, kind: r.kind, title: r.title, ifAny: r.ifAny, part: r.part, toFollow: r.toFollow };
      const keyText = `${c.name} ${meeting.date} item ${after.position}: ${r.title}`;
      const where = { committee: c.name, date: meeting.date };
      if (!before) {
        if (published) refusePublished(r, 'title', r.title);
        else changes.push({ entity: 'agenda_item', key: keyText, kind: 'add', before: null, after, where, id: null });
        continue;
      }
      const beforeFields: ItemAfter = { ...after, position: storedPosition.get(before.id)!, title: before.title, ifAny: before.ifAny, part: before.part, toFollow: before.toFollow };
      if (same(after, beforeFields)) continue;
      const column = after.position !== beforeFields.position ? 'position' : after.part !== beforeFields.part ? 'part' : after.ifAny !== beforeFields.ifAny ? 'if_any' : after.toFollow !== beforeFields.toFollow ? 'to_follow' : 'title';
      if (published) {
        refusePublished(r, column, column === 'position' ? String(r.position) : column === 'part' ? r.part : column === 'title' ? r.title : r[column === 'if_any' ? 'ifAny' : 'toFollow'] ? 'yes' : 'no');
        continue;
      }
      if (before.paperId !== null && after.part !== before.part) {
        err('agenda_items', r.row, 'part', r.part, `“${r.title}” has a paper: its part follows the paper’s status, changed on its cover sheet`);
        continue;
      }
      changes.push({ entity: 'agenda_item', key: keyText, kind: 'change', before: beforeFields, after, where, id: before.id });
    }
    for (const s of unmatched) {
      err(
        'agenda_items',
        rows[0]!.row,
        'title',
        s.title,
        `The agenda of ${formatLongDate(meeting.date)} has “${s.title}” (${s.kind}), which the sheet leaves out: an import never takes items off an agenda — add its row, or take it off on the agenda page`,
      );
    }
  }

  // Work programme entries.
  const storedEntries = new Map<number, WorkProgrammeEntry[]>();
  const storedRules = new Map<number, StandingRule[]>();
  const meetingById = new Map(storedMeetings.map((m) => [m.id, m]));
  for (const def of data.workProgramme) {
    const c = committeeOf('work_programme', def.row, def.committee);
    if (!c) continue;
    let meeting: FinalMeeting | null = null;
    if (def.meetingDate) {
      meeting = meetingOf('work_programme', def.row, c, def.meetingDate);
      if (!meeting) continue;
    }
    const after: EntryAfter = { committee: c.name, meetingDate: def.meetingDate, month: def.month, title: def.title, overview: def.overview, reportOf: def.reportOf, contributors: def.contributors, issueType: def.issueType };
    const target = def.meetingDate ? `the meeting of ${def.meetingDate}` : def.month ? `month ${def.month}` : 'to be scheduled';
    const keyText = `${c.name} / ${def.title} (${target})`;
    const where = { committee: c.name, meetingDate: def.meetingDate };
    let before: WorkProgrammeEntry | null = null;
    if (c.id !== null) {
      if (!storedEntries.has(c.id)) storedEntries.set(c.id, await programmes.entries(c.id, db));
      const list = storedEntries.get(c.id)!;
      const at = list.findIndex(
        (e) =>
          key(e.title) === key(def.title) &&
          (meeting ? e.target.kind === 'meeting' && meeting.id !== null && e.target.meetingId === meeting.id : def.month ? e.target.kind === 'month' && e.target.month === def.month : e.target.kind === 'unscheduled'),
      );
      if (at !== -1) before = list.splice(at, 1)[0]!;
    }
    if (!before) {
      if (meeting && meeting.storedStatus !== null && !isUpcoming(meeting.storedStatus)) {
        err('work_programme', def.row, 'meeting_date', def.meetingDate, `The meeting of ${formatLongDate(meeting.date)} is ${MEETING_STATUS_LABELS[meeting.storedStatus].toLowerCase()}: aim the report at a meeting still to happen`);
        continue;
      }
      changes.push({ entity: 'work_programme_entry', key: keyText, kind: 'add', before: null, after, where, id: null });
      continue;
    }
    const beforeFields: EntryAfter = { ...after, title: before.title, overview: before.overview, reportOf: before.reportOf, contributors: before.contributors, issueType: before.issueType };
    if (same(after, beforeFields)) continue;
    const held = before.target.kind === 'meeting' ? meetingById.get(before.target.meetingId) : undefined;
    const column = after.overview !== beforeFields.overview ? 'overview' : after.reportOf !== beforeFields.reportOf ? 'report_of' : after.contributors !== beforeFields.contributors ? 'contributors' : after.issueType !== beforeFields.issueType ? 'issue_type' : 'title';
    if (held && !isUpcoming(held.status) && held.status !== 'cancelled') {
      err('work_programme', def.row, column, null, `The meeting of ${formatLongDate(held.date)} has been held: its entries are the record of what it took and cannot be changed`);
      continue;
    }
    changes.push({ entity: 'work_programme_entry', key: keyText, kind: 'change', before: beforeFields, after, where, id: before.id });
  }

  // Standing item rules.
  for (const def of data.standingItems) {
    const c = committeeOf('standing_items', def.row, def.committee);
    if (!c) continue;
    const after: RuleAfter = { committee: c.name, kind: def.kind, title: def.title, overview: def.overview, reportOf: def.reportOf, contributors: def.contributors, issueType: def.issueType, lagDays: def.lagDays, from: def.from, to: def.to };
    const keyText = `${c.name} / ${def.title} from ${def.from}`;
    let before: StandingRule | null = null;
    if (c.id !== null) {
      if (!storedRules.has(c.id)) storedRules.set(c.id, await programmes.rules(c.id, db));
      const list = storedRules.get(c.id)!;
      const at = list.findIndex((r) => r.kind === def.kind && key(r.title) === key(def.title) && r.from === def.from);
      if (at !== -1) before = list.splice(at, 1)[0]!;
    }
    if (!before) {
      changes.push({ entity: 'standing_item', key: keyText, kind: 'add', before: null, after, where: { committee: c.name }, id: null });
      continue;
    }
    const beforeFields: RuleAfter = { ...after, title: before.title, overview: before.overview, reportOf: before.reportOf, contributors: before.contributors, issueType: before.issueType, lagDays: before.lagDays, to: before.to };
    if (same(after, beforeFields)) continue;
    const words: [keyof RuleAfter, string][] = [
      ['overview', 'overview'],
      ['reportOf', 'report_of'],
      ['contributors', 'contributors'],
      ['issueType', 'issue_type'],
      ['lagDays', 'lag_days'],
    ];
    const changed = words.find(([field]) => after[field] !== beforeFields[field]);
    if (changed) {
      err('standing_items', def.row, changed[1], null, `The standing item “${before.title}” keeps its words (past meetings’ programmes show them): end it with a to date and add a new row from the next day`);
      continue;
    }
    if (def.to === null) {
      err('standing_items', def.row, 'to_date', '', `The standing item “${before.title}” ended on ${before.to}: a rule that has ended is not reopened — add a new row`);
      continue;
    }
    changes.push({ entity: 'standing_item', key: keyText, kind: 'change', before: beforeFields, after, where: { committee: c.name }, id: before.id });
  }
  return { errors, changes };
}

const OWN = new Set(['agenda_item', 'work_programme_entry', 'standing_item']);
const isOwn = (c: Change) => OWN.has(c.entity);

/**
 * Writes the planned agenda and programme changes in the caller's transaction, after the meetings the
 * file adds (committeeBusinessImport.ts runs first), each with its audit event.
 */
export async function applyAgendasAndProgrammes(trx: Db, planned: Change[], audit: { actor: string; reason: string | null }): Promise<void> {
  const changes = planned.filter(isOwn);
  if (!changes.length) return;
  const business = new CommitteeBusinessRepository(trx);
  const agendas = new AgendaRepository(trx);
  const programmes = new WorkProgrammeRepository(trx);
  const events: AuditEntry[] = [];
  const event = (action: string, entity: string, entityKey: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
    events.push({ actor: audit.actor, action, entity, entityKey, before, after: { ...after, import: true }, reason: audit.reason });

  const committeeIds = new Map<string, number>();
  const names = await business.committeeNames(trx);
  for (const c of names) for (const n of c.names) if (!committeeIds.has(key(n))) committeeIds.set(key(n), c.committeeId);
  const slugs = new Map(names.map((c) => [c.committeeId, c.slug]));
  const meetings = await business.meetings({}, trx);
  const meetingId = (committee: string, date: string) => {
    const cid = committeeIds.get(key(committee))!;
    const candidates = meetings.filter((m) => m.committeeId === cid && m.date === date);
    return (candidates.find((m) => m.status !== 'cancelled') ?? candidates[0]!).id;
  };

  // Agenda items, a meeting at a time.
  const byMeeting = new Map<number, Change[]>();
  for (const c of changes.filter((x) => x.entity === 'agenda_item')) {
    const id = meetingId(String(c.where.committee), String(c.where.date));
    byMeeting.set(id, [...(byMeeting.get(id) ?? []), c]);
  }
  for (const [id, list] of byMeeting) {
    if (!(await agendas.lockAgenda(trx, id))) {
      await agendas.insertAgenda(trx, id);
      event('agenda:start', 'meeting', String(id), null, { items: list.length });
    }
    const positions = new Map<number, number>();
    for (const c of list.filter((x) => x.kind === 'change')) {
      const a = c.after as ItemAfter;
      positions.set(c.id!, a.position);
      await agendas.updateItem(trx, c.id!, { part: a.part, toFollow: a.toFollow, ifAny: a.ifAny });
    }
    await agendas.setPositions(trx, positions);
    const adds = list.filter((x) => x.kind === 'add');
    const ids = await agendas.insertItems(
      trx,
      id,
      adds.map((c) => {
        const a = c.after as ItemAfter;
        return { position: a.position, kind: a.kind, title: a.title, ifAny: a.ifAny, part: a.part, toFollow: a.toFollow };
      }),
    );
    adds.forEach((c, i) => event('agenda:add-item', 'agenda_item', String(ids[i]), null, { meeting: id, ...c.after }));
    for (const c of list.filter((x) => x.kind === 'change')) event('agenda:change-item', 'agenda_item', String(c.id), c.before, { meeting: id, ...c.after });
  }

  for (const c of changes.filter((x) => x.entity === 'work_programme_entry')) {
    const a = c.after as EntryAfter;
    const committeeId = committeeIds.get(key(a.committee))!;
    const fields: EntryFields = {
      committeeId,
      title: a.title,
      overview: a.overview,
      reportOf: a.reportOf,
      contributors: a.contributors,
      issueType: a.issueType,
      target: a.meetingDate ? { kind: 'meeting', meetingId: meetingId(a.committee, a.meetingDate) } : a.month ? { kind: 'month', month: a.month } : { kind: 'unscheduled' },
    };
    const slug = slugs.get(committeeId)!;
    if (c.kind === 'add') {
      const [id] = await programmes.insertEntries(trx, [fields]);
      event('work-programme:add', 'work_programme_entry', String(id), null, { ...c.after, committee: slug });
    } else {
      const before = (await programmes.lockEntry(trx, c.id!))!;
      await programmes.updateEntry(trx, c.id!, { ...fields, target: before.target });
      event('work-programme:change', 'work_programme_entry', String(c.id), { ...c.before, committee: slug }, { ...c.after, committee: slug });
    }
  }

  for (const c of changes.filter((x) => x.entity === 'standing_item')) {
    const a = c.after as RuleAfter;
    const committeeId = committeeIds.get(key(a.committee))!;
    const slug = slugs.get(committeeId)!;
    if (c.kind === 'add') {
      const id = await programmes.insertRule(trx, { committeeId, kind: a.kind, title: a.title, overview: a.overview, reportOf: a.reportOf, contributors: a.contributors, issueType: a.issueType, lagDays: a.lagDays, from: a.from, to: a.to });
      event('standing-item:add', 'standing_item_rule', String(id), null, { ...c.after, committee: slug });
    } else {
      await programmes.lockRule(trx, c.id!);
      await programmes.setRuleEnd(trx, c.id!, a.to);
      event('standing-item:end', 'standing_item_rule', String(c.id), { committee: slug, to: (c.before as RuleAfter).to }, { committee: slug, to: a.to });
    }
  }
  await recordAudit(trx, events);
}

/** The stored agendas (without papers), work programme entries and standing item rules as the sheets hold them; committees by their first name. */
export async function exportAgendasAndProgrammes(db: Db): Promise<Pick<CommitteeBusinessData, 'agendaItems' | 'workProgramme' | 'standingItems'>> {
  const business = new CommitteeBusinessRepository(db);
  const agendas = new AgendaRepository(db);
  const programmes = new WorkProgrammeRepository(db);
  const committees = [...(await business.committeeNames(db))].sort((a, b) => a.names[0]!.localeCompare(b.names[0]!) || a.committeeId - b.committeeId);
  const nameOf = new Map(committees.map((c) => [c.committeeId, c.names[0]!]));
  const meetings = await business.meetings({}, db);
  const dateOf = new Map(meetings.map((m) => [m.id, m.date]));
  const agendaItems: AgendaItemDef[] = [];
  const started = new Set((await agendas.agendas(meetings.map((m) => m.id), db)).map((a) => a.meetingId));
  for (const m of meetings) {
    if (!started.has(m.id)) continue;
    inOrder(await agendas.items(m.id, db)).forEach((i, n) =>
      agendaItems.push({ committee: nameOf.get(m.committeeId)!, meetingDate: m.date, position: n + 1, kind: i.kind, title: i.title, ifAny: i.ifAny, part: i.part, toFollow: i.toFollow, row: 0 }),
    );
  }
  const workProgramme: WorkProgrammeDef[] = [];
  const standingItems: StandingItemDef[] = [];
  for (const c of committees) {
    const committee = c.names[0]!;
    for (const e of await programmes.entries(c.committeeId, db)) {
      workProgramme.push({
        committee,
        meetingDate: e.target.kind === 'meeting' ? dateOf.get(e.target.meetingId)! : null,
        month: e.target.kind === 'month' ? e.target.month : null,
        title: e.title,
        overview: e.overview,
        reportOf: e.reportOf,
        contributors: e.contributors,
        issueType: e.issueType,
        row: 0,
      });
    }
    for (const r of await programmes.rules(c.committeeId, db)) {
      standingItems.push({ committee, kind: r.kind, title: r.title, overview: r.overview, reportOf: r.reportOf, contributors: r.contributors, issueType: r.issueType, lagDays: r.lagDays, from: r.from, to: r.to, row: 0 });
    }
  }
  return { agendaItems, workProgramme, standingItems };
}

/** The agenda and programme sheets as an extension of the import, composed after committeeBusinessImport. */
export const agendaProgrammeImport: ImportExtension = {
  plan: (db, checked) => planAgendasAndProgrammes(db, checked.data.committeeBusiness ?? emptyCommitteeBusiness(), checked.data, checked.withheld.sheets.has('committees')),
  apply: applyAgendasAndProgrammes,
  owns: isOwn,
};

/**
 * Committee business in the import workbook (issue 11, deliver 11; ADR 0023): the people,
 * committee_details, memberships and meetings sheets (src/workbook/committeeBusinessSheets.ts) read,
 * validated with the rules the web forms apply, compared with what is stored, and written — as an
 * extension of the performance import (ImportService), so one file is imported all or nothing, every
 * error of every sheet is reported at once with its sheet, row and column, a dry run lists the changes,
 * and every change is audited. Also the export of the stored committee business as those sheets.
 *
 * Rules beyond a cell's own: a person is named once (the same name spelt another way is the same
 * person); memberships and governance contacts name known people (on the people sheet or stored); only
 * councillors are members and only officers governance contacts; one person holds one seat on a
 * committee at a time; a committee meets once a day; a stored meeting's arrangements change only while
 * it is still to be held, and its status only by the steps a meeting may take; the weekday is never
 * typed — a weekday column, or a weekday written in a date, is refused.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { arrangementsEditable, MEETING_STATUS_LABELS, MEETING_TRANSITIONS, type MeetingStatus } from '../domain/meetings.ts';
import { describeTerm, MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES, overlaps, type MembershipRole } from '../domain/membership.ts';
import { personSlug, type Person } from '../domain/people.ts';
import { formatLongDate, type IsoDate } from '../domain/workingDays.ts';
import { recordAudit, type AuditEntry } from '../repositories/auditRepository.ts';
import { CommitteeBusinessRepository, type CommitteeDetails, type MeetingRecord, type MembershipRecord } from '../repositories/committeeBusinessRepository.ts';
import {
  committeeBusinessCounts,
  emptyCommitteeBusiness,
  type CommitteeBusinessData,
  type CommitteeBusinessSheet,
  type CommitteeDetailsDef,
  type MeetingDef,
  type MembershipDef,
  type PersonDef,
} from '../workbook/committeeBusinessSheets.ts';
import type { Change } from '../workbook/changes.ts';
import type { ImportError, WorkbookData } from '../workbook/model.ts';
import { key } from '../workbook/sheet.ts';
import type { CheckedFile } from './importCheck.ts';
import type { ImportExtension } from './importExtension.ts';

// ---------------------------------------------------------------------------------------------
// Comparing with what is stored, and writing

/** What is stored that the sheets are compared with. */
interface Stored {
  committees: { committeeId: number; slug: string; names: string[] }[];
  people: Person[];
  details: CommitteeDetails[];
  memberships: MembershipRecord[];
  meetings: MeetingRecord[];
}

async function loadStored(repo: CommitteeBusinessRepository, db: Db): Promise<Stored> {
  // One after another: in a transaction on the embedded database, one connection answers.
  const committees = await repo.committeeNames(db);
  const people = await repo.people(db);
  const details = await repo.committeeDetails(db);
  const memberships = await repo.memberships(undefined, db);
  const meetings = await repo.meetings({}, db);
  return { committees, people, details, memberships, meetings };
}

/** A committee as the sheets name it: stored (with its id) or on the file's committees sheet (added by the same import). */
export type CommitteeRef = { key: string; name: string; id: number | null };

interface Resolver {
  committee(name: string): CommitteeRef | null;
}

export function committeeResolver(stored: Stored, workbook: WorkbookData | null): Resolver {
  const byName = new Map<string, CommitteeRef>();
  for (const c of stored.committees) {
    const ref = { key: `id:${c.committeeId}`, name: c.names[0]!, id: c.committeeId };
    for (const n of c.names) byName.set(key(n), ref);
  }
  for (const c of workbook?.committees ?? []) {
    const first = c.names[0]?.name;
    if (!first) continue;
    const known = c.names.map((n) => byName.get(key(n.name))).find(Boolean);
    const ref = known ?? { key: `new:${key(first)}`, name: first, id: null };
    for (const n of c.names) if (!byName.has(key(n.name))) byName.set(key(n.name), ref);
  }
  // A committee the performance sheets name is added by the same import (as the performance import does).
  if (workbook) {
    const named = [
      ...workbook.terms.map((t) => t.committee),
      ...workbook.priorities.map((p) => p.committee),
      ...workbook.indicators.map((i) => i.committee),
      ...workbook.actions.map((a) => a.committee),
      ...Object.values(workbook.panels).flatMap((rows) => rows.map((r) => r.committee)),
    ];
    for (const name of named) if (!byName.has(key(name))) byName.set(key(name), { key: `new:${key(name)}`, name: name.trim(), id: null });
  }
  return { committee: (name) => byName.get(key(name)) ?? null };
}

const personAfter = (p: Pick<Person, 'name' | 'kind' | 'party' | 'ward' | 'jobTitle' | 'email' | 'phone'>) => ({
  name: p.name,
  kind: p.kind,
  party: p.party,
  ward: p.ward,
  jobTitle: p.jobTitle,
  email: p.email,
  phone: p.phone,
});

const same = (a: Record<string, unknown>, b: Record<string, unknown>) => Object.keys(a).every((k) => a[k] === b[k]);

/** The statuses reachable from `from` by the steps a meeting may take (itself included). */
function reachable(from: MeetingStatus): Set<MeetingStatus> {
  const seen = new Set<MeetingStatus>([from]);
  const queue = [from];
  while (queue.length) {
    for (const next of MEETING_TRANSITIONS[queue.shift()!]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

export interface CommitteeBusinessPlan {
  errors: ImportError[];
  changes: Change[];
}

/**
 * Compares the committee-business sheets with what `db` stores: the changes they make and every error
 * that needs the stored data (unknown committee or person, overlapping memberships, a second meeting on
 * a day, a step a meeting may not take). `workbook`: the file's other sheets (its committees are known
 * to the sheets, as the import adds them first).
 */
export async function planCommitteeBusiness(db: Db, data: CommitteeBusinessData, workbook: WorkbookData | null, committeesWithheld: boolean): Promise<CommitteeBusinessPlan> {
  const errors: ImportError[] = [];
  const changes: Change[] = [];
  if (!data.people.length && !data.committeeDetails.length && !data.memberships.length && !data.meetings.length) return { errors, changes };
  const stored = await loadStored(new CommitteeBusinessRepository(db), db);
  const committees = committeeResolver(stored, workbook);
  const err = (sheet: CommitteeBusinessSheet, row: number, column: string, value: string | null, message: string) => errors.push({ sheet, row, column, value, message });
  const committeeOf = (sheet: CommitteeBusinessSheet, row: number, name: string): CommitteeRef | null => {
    const c = committees.committee(name);
    if (!c && !committeesWithheld) err(sheet, row, 'committee', name, `Committee "${name}" is not known: name it as the committees sheet or a stored committee does`);
    return c;
  };

  // People: the final set is the stored people changed by the file's rows, and the file's new people.
  const storedBySlug = new Map(stored.people.map((p) => [p.slug, p]));
  const finalPeople = new Map<string, Pick<Person, 'name' | 'kind'> & { row: number | null }>(stored.people.map((p) => [p.slug, { name: p.name, kind: p.kind, row: null }]));
  const governanceContactIds = new Set(stored.details.map((d) => d.governanceContactId).filter((id): id is number => id !== null));
  for (const p of data.people) {
    const slug = personSlug(p.name);
    const before = storedBySlug.get(slug);
    finalPeople.set(slug, { name: p.name, kind: p.kind, row: p.row });
    const after = personAfter(p);
    if (!before) changes.push({ entity: 'person', key: p.name, kind: 'add', before: null, after, where: { slug }, id: null });
    else if (!same(after, personAfter(before))) {
      changes.push({ entity: 'person', key: p.name, kind: 'change', before: personAfter(before), after, where: { slug }, id: before.id });
    }
  }
  const personOf = (sheet: CommitteeBusinessSheet, row: number, column: string, name: string) => {
    const slug = personSlug(name);
    const p = finalPeople.get(slug);
    if (!p && !data.refusedPeople.includes(slug) && !data.withheldSheets.includes('people')) {
      err(sheet, row, column, name, `No person called "${name}" is on the people sheet or stored: add them to the people sheet`);
    }
    return p ? { slug, ...p } : null;
  };

  // Committee details.
  const detailsById = new Map(stored.details.map((d) => [d.committeeId, d]));
  const contactsInFile = new Map<string, number>();
  for (const d of data.committeeDetails) {
    const c = committeeOf('committee_details', d.row, d.committee);
    const contact = d.governanceContact === null ? null : personOf('committee_details', d.row, 'governance_contact', d.governanceContact);
    if (contact && contact.kind !== 'officer') err('committee_details', d.row, 'governance_contact', d.governanceContact, `${contact.name} is a councillor: the governance contact is an officer`);
    if (contact) contactsInFile.set(contact.slug, d.row);
    if (!c) continue;
    const after = { quorum: d.quorum, shortName: d.shortName, governanceContact: contact?.name ?? null };
    const b = c.id === null ? null : detailsById.get(c.id);
    const storedContact = b?.governanceContactId ? stored.people.find((p) => p.id === b.governanceContactId)!.name : null;
    const before = b ? { quorum: b.quorum, shortName: b.shortName, governanceContact: storedContact } : { quorum: null, shortName: null, governanceContact: null };
    if (!same(after, before)) changes.push({ entity: 'committee_details', key: c.name, kind: 'change', before, after, where: { committee: c.name, governanceContact: contact?.slug ?? null }, id: c.id });
  }
  // A stored governance contact the file makes a councillor (and the file does not replace).
  const replaced = new Set(data.committeeDetails.map((d) => committees.committee(d.committee)?.id).filter((id) => id != null));
  for (const p of data.people) {
    const before = storedBySlug.get(personSlug(p.name));
    if (!before || p.kind !== 'councillor' || before.kind !== 'officer' || !governanceContactIds.has(before.id)) continue;
    const stillContact = stored.details.some((d) => d.governanceContactId === before.id && !replaced.has(d.committeeId));
    if (stillContact) err('people', p.row, 'kind', p.kind, `${p.name} is a committee’s governance contact: name another contact on the committee_details sheet first`);
  }

  // Memberships: the final set, checked for overlaps.
  type Seat = { committeeKey: string; committeeName: string; slug: string; role: MembershipRole; from: IsoDate; to: IsoDate | null; row: number | null; id: number | null };
  const committeeKeyOfId = (id: number) => `id:${id}`;
  const storedSeats = new Map<string, Seat>();
  for (const m of stored.memberships) {
    const c = stored.committees.find((x) => x.committeeId === m.committeeId)!;
    storedSeats.set(`${committeeKeyOfId(m.committeeId)}|${m.person.slug}|${m.from}`, {
      committeeKey: committeeKeyOfId(m.committeeId),
      committeeName: c.names[0]!,
      slug: m.person.slug,
      role: m.role,
      from: m.from,
      to: m.to,
      row: null,
      id: m.id,
    });
  }
  const fileSeats: Seat[] = [];
  const seen = new Map<string, number>();
  for (const m of data.memberships) {
    const c = committeeOf('memberships', m.row, m.committee);
    const p = personOf('memberships', m.row, 'person', m.person);
    if (p && p.kind !== 'councillor') err('memberships', m.row, 'person', m.person, `${p.name} is an officer: only councillors are members of committees`);
    if (!c || !p) continue;
    const k = `${c.key}|${p.slug}|${m.from}`;
    const first = seen.get(k);
    if (first !== undefined) {
      err('memberships', m.row, 'from_date', m.from, `${p.name}'s membership of this committee from ${m.from} appears more than once (first on row ${first})`);
      continue;
    }
    seen.set(k, m.row);
    const before = storedSeats.get(k);
    const seat: Seat = { committeeKey: c.key, committeeName: c.name, slug: p.slug, role: m.role, from: m.from, to: m.to, row: m.row, id: before?.id ?? null };
    fileSeats.push(seat);
    if (before) storedSeats.delete(k);
    const after = { committee: c.name, person: p.name, role: m.role, from: m.from, to: m.to };
    const keyText = `${c.name} / ${p.name} from ${m.from}`;
    if (!before) changes.push({ entity: 'membership', key: keyText, kind: 'add', before: null, after, where: { committee: c.name, person: p.slug }, id: null });
    else if (before.role !== m.role || before.to !== m.to) {
      changes.push({ entity: 'membership', key: keyText, kind: 'change', before: { ...after, role: before.role, to: before.to }, after, where: { committee: c.name, person: p.slug }, id: before.id });
    }
  }
  const allSeats = [...storedSeats.values(), ...fileSeats];
  for (const seat of fileSeats) {
    const clash = allSeats.find((o) => o !== seat && o.committeeKey === seat.committeeKey && o.slug === seat.slug && overlaps(o, seat) && (o.row === null || o.row < seat.row!));
    if (!clash) continue;
    const where = clash.row === null ? 'as stored' : `on row ${clash.row}`;
    err(
      'memberships',
      seat.row!,
      'from_date',
      seat.from,
      `${finalPeople.get(seat.slug)!.name} is already ${MEMBERSHIP_ROLE_LABELS[clash.role]} of ${seat.committeeName} ${describeTerm(clash)} (${where}): one person holds one seat on a committee at a time — end that membership the day before this one starts`,
    );
  }
  // A stored member the file makes an officer.
  for (const p of data.people) {
    if (p.kind !== 'officer') continue;
    const before = storedBySlug.get(personSlug(p.name));
    if (before?.kind === 'councillor' && stored.memberships.some((m) => m.personId === before.id)) {
      err('people', p.row, 'kind', p.kind, `${p.name} has memberships of committees: only councillors are members`);
    }
  }

  // Meetings.
  const byUid = new Map(stored.meetings.map((m) => [m.uid, m]));
  const taken = new Map<string, { row: number | null; id: number | null }>();
  for (const m of stored.meetings) if (m.status !== 'cancelled') taken.set(`${committeeKeyOfId(m.committeeId)}|${m.date}`, { row: null, id: m.id });
  const planned: { def: MeetingDef; before: MeetingRecord | null; c: CommitteeRef }[] = [];
  for (const m of data.meetings) {
    const c = committeeOf('meetings', m.row, m.committee);
    if (!c) continue;
    let before = m.uid ? (byUid.get(m.uid) ?? null) : null;
    if (!m.uid && c.id !== null) {
      const candidates = stored.meetings.filter((s) => s.committeeId === c.id && s.date === m.date);
      before = candidates.find((s) => s.status !== 'cancelled') ?? candidates[0] ?? null;
    }
    if (before && c.id !== before.committeeId) {
      err('meetings', m.row, 'committee', m.committee, `The meeting ${m.uid} is a meeting of another committee: a meeting's committee cannot be changed`);
      continue;
    }
    planned.push({ def: m, before, c });
  }
  // Days taken: stored meetings other than those the file changes, then the file's, in row order.
  for (const [k, v] of [...taken]) if (planned.some((p) => p.before?.id === v.id)) taken.delete(k);
  for (const { def, before, c } of planned) {
    const status = def.status ?? before?.status ?? 'scheduled';
    const dayKey = `${c.key}|${def.date}`;
    if (status !== 'cancelled') {
      const other = taken.get(dayKey);
      if (other) {
        err('meetings', def.row, 'date', def.date, `${c.name} already meets on ${formatLongDate(def.date)} (${other.row === null ? 'as stored' : `row ${other.row}`}): change that meeting instead`);
        continue;
      }
      taken.set(dayKey, { row: def.row, id: before?.id ?? null });
    }
    const after = { committee: c.name, date: def.date, startTime: def.startTime, venue: def.venue, status, statusReason: status === 'cancelled' || status === 'postponed' ? (def.statusReason ?? before?.statusReason ?? null) : null };
    const keyText = `${c.name} ${def.date}`;
    if (!before) {
      changes.push({ entity: 'meeting', key: keyText, kind: 'add', before: null, after: { ...after, uid: def.uid }, where: { committee: c.name, uid: def.uid }, id: null });
      continue;
    }
    const beforeFields = { committee: c.name, date: before.date, startTime: before.startTime, venue: before.venue, status: before.status, statusReason: before.statusReason };
    if (same(after, beforeFields)) continue;
    const arranged = after.date !== before.date || after.startTime !== before.startTime || after.venue !== before.venue;
    if (arranged && !arrangementsEditable(before.status)) {
      err('meetings', def.row, 'date', def.date, `The meeting of ${formatLongDate(before.date)} is ${MEETING_STATUS_LABELS[before.status].toLowerCase()}: its date, start time and venue can no longer be changed`);
      continue;
    }
    if (status !== before.status && !reachable(before.status).has(status)) {
      err('meetings', def.row, 'status', def.status, `The meeting of ${formatLongDate(before.date)} is ${MEETING_STATUS_LABELS[before.status].toLowerCase()}: it cannot become ${MEETING_STATUS_LABELS[status].toLowerCase()}`);
      continue;
    }
    changes.push({ entity: 'meeting', key: keyText, kind: 'change', before: { ...beforeFields, uid: before.uid }, after: { ...after, uid: before.uid }, where: { committee: c.name, uid: before.uid }, id: before.id });
  }
  return { errors, changes };
}

const isCommitteeBusiness = (c: Change) => c.entity === 'person' || c.entity === 'committee_details' || c.entity === 'membership' || c.entity === 'meeting';

/**
 * Writes planned committee-business changes in the caller's transaction, after the performance sheets'
 * (committees the file adds exist by then), each with its audit event.
 */
export async function applyCommitteeBusiness(trx: Db, planned: Change[], audit: { actor: string; reason: string | null }): Promise<void> {
  const changes = planned.filter(isCommitteeBusiness);
  if (!changes.length) return;
  const repo = new CommitteeBusinessRepository(trx);
  const events: AuditEntry[] = [];
  const event = (c: Change, action: string, entity: string, entityKey: string) =>
    events.push({ actor: audit.actor, action, entity, entityKey, before: c.before, after: { ...c.after, import: true }, reason: audit.reason });

  for (const c of changes.filter((x) => x.entity === 'person')) {
    const a = c.after as ReturnType<typeof personAfter>;
    const fields = { slug: String(c.where.slug), ...a };
    if (c.kind === 'add') await repo.insertPerson(trx, fields);
    else await repo.updatePerson(trx, c.id!, fields);
    event(c, c.kind === 'add' ? 'person:add' : 'person:change', 'person', fields.slug);
  }
  const committeeIds = new Map<string, number>();
  for (const c of await repo.committeeNames(trx)) for (const n of c.names) if (!committeeIds.has(key(n))) committeeIds.set(key(n), c.committeeId);
  const slugs = new Map((await repo.committeeNames(trx)).map((c) => [c.committeeId, c.slug]));
  const committeeId = (c: Change) => c.id ?? committeeIds.get(key(String(c.where.committee)))!;
  const personIds = new Map((await repo.people(trx)).map((p) => [p.slug, p.id]));

  for (const c of changes.filter((x) => x.entity === 'committee_details')) {
    const id = committeeId(c);
    const a = c.after as { quorum: number | null; shortName: string | null };
    const contact = c.where.governanceContact === null ? null : personIds.get(String(c.where.governanceContact))!;
    await repo.lockCommittee(trx, id);
    await repo.updateCommitteeDetails(trx, { committeeId: id, quorum: a.quorum, shortName: a.shortName, governanceContactId: contact });
    event(c, 'committee:details', 'committee', slugs.get(id)!);
  }
  for (const c of changes.filter((x) => x.entity === 'membership')) {
    const a = c.after as { role: MembershipRole; from: string; to: string | null };
    const personId = personIds.get(String(c.where.person))!;
    const cid = committeeIds.get(key(String(c.where.committee)))!;
    const id = c.kind === 'add' ? await repo.insertMembership(trx, { committeeId: cid, personId, role: a.role, from: a.from, to: a.to }) : c.id!;
    if (c.kind === 'change') await repo.updateMembership(trx, id, { role: a.role, to: a.to });
    event(c, c.kind === 'add' ? 'membership:add' : 'membership:change', 'membership', `${slugs.get(cid)!}/${c.where.person}/${id}`);
  }
  for (const c of changes.filter((x) => x.entity === 'meeting')) {
    const a = c.after as { date: string; startTime: string; venue: string; status: MeetingStatus; statusReason: string | null };
    if (c.kind === 'add') {
      const cid = committeeIds.get(key(String(c.where.committee)))!;
      const uid = c.where.uid === null ? `${randomUUID()}@townhall` : String(c.where.uid);
      const [id] = await repo.insertMeetings(trx, [{ uid, committeeId: cid, date: a.date, startTime: a.startTime, venue: a.venue, status: a.status, statusReason: a.statusReason }]);
      event({ ...c, after: { ...c.after, uid } }, 'meeting:add', 'meeting', String(id));
    } else {
      await repo.lockMeeting(trx, c.id!);
      await repo.updateMeeting(trx, c.id!, { date: a.date, startTime: a.startTime, venue: a.venue, status: a.status, statusReason: a.statusReason });
      event(c, 'meeting:change', 'meeting', String(c.id));
    }
  }
  await recordAudit(trx, events);
}

// ---------------------------------------------------------------------------------------------
// Export

/** The stored committee business as the sheets hold it; committees by their first name (as the committees sheet keys them). */
export async function exportCommitteeBusiness(db: Db): Promise<CommitteeBusinessData> {
  const repo = new CommitteeBusinessRepository(db);
  const stored = await loadStored(repo, db);
  const nameOf = new Map(stored.committees.map((c) => [c.committeeId, c.names[0]!]));
  const personName = new Map(stored.people.map((p) => [p.id, p.name]));
  const people: PersonDef[] = stored.people.map((p) => ({ ...personAfter(p), row: 0 }));
  const committeeDetails: CommitteeDetailsDef[] = stored.details
    .filter((d) => d.quorum !== null || d.shortName !== null || d.governanceContactId !== null)
    .map((d) => ({ committee: nameOf.get(d.committeeId)!, quorum: d.quorum, shortName: d.shortName, governanceContact: d.governanceContactId === null ? null : personName.get(d.governanceContactId)!, row: 0 }));
  const roleOrder = new Map(MEMBERSHIP_ROLES.map((r, i) => [r, i]));
  const memberships: MembershipDef[] = stored.memberships
    .map((m) => ({ committee: nameOf.get(m.committeeId)!, person: m.person.name, role: m.role, from: m.from, to: m.to, row: 0 }))
    .sort((a, b) => a.committee.localeCompare(b.committee) || a.from.localeCompare(b.from) || roleOrder.get(a.role)! - roleOrder.get(b.role)! || a.person.localeCompare(b.person));
  const meetings: MeetingDef[] = stored.meetings.map((m) => ({
    committee: nameOf.get(m.committeeId)!,
    date: m.date,
    startTime: m.startTime,
    venue: m.venue,
    status: m.status,
    statusReason: m.statusReason,
    uid: m.uid,
    row: 0,
  }));
  return { ...emptyCommitteeBusiness(), people, committeeDetails, memberships, meetings };
}

// ---------------------------------------------------------------------------------------------
// As an extension of the import, and the upload's refusal

/** The committee-business sheets as an extension of the import (src/services/importService.ts). */
export const committeeBusinessImport: ImportExtension = {
  plan: (db, checked) => planCommitteeBusiness(db, checked.data.committeeBusiness ?? emptyCommitteeBusiness(), checked.data, checked.withheld.sheets.has('committees')),
  apply: applyCommitteeBusiness,
  owns: isCommitteeBusiness,
};

/**
 * The web upload imports the performance sheets only (its preview is made in a worker process without
 * the database; ADR 0023): a file with committee-business rows is refused there with an error per sheet
 * that has any, naming the command that imports it, rather than having those rows silently left out.
 */
export function refuseCommitteeBusinessInUpload(checked: CheckedFile): CheckedFile {
  const data = checked.data.committeeBusiness;
  if (!data) return checked;
  const counts = committeeBusinessCounts(data);
  // A sheet with rows, valid or not: its errors are not the upload's to report, its refusal is.
  const withRows = new Set<string>([...counts.filter(([, n]) => n > 0).map(([sheet]) => sheet), ...checked.errors.map((e) => e.sheet).filter((sheet) => counts.some(([s]) => s === sheet))]);
  if (!withRows.size) return checked;
  const errors = counts
    .filter(([sheet]) => withRows.has(sheet))
    .map(([sheet]): ImportError => ({
      sheet,
      row: null,
      column: null,
      value: null,
      message: `The ${sheet} sheet is committee business, which the upload does not import yet: import the file with the townhall import command, or delete the sheet's rows and upload it again`,
    }));
  return { ...checked, data: { ...checked.data, committeeBusiness: emptyCommitteeBusiness() }, errors: [...checked.errors.filter((e) => !withRows.has(e.sheet)), ...errors] };
}

/**
 * Committee business use cases, first slice (issue 11, deliver 1; ADR 0018): people held once, their
 * dated memberships of committees, and what a committee's cover prints besides its name (quorum, short
 * name, governance contact). Governance officers and administrators manage them (checked here, and by
 * every route); everyone may read them — they are public facts. Each write is validated with every error
 * at once, written in one transaction with its audit events.
 */
import { COMMITTEE_BUSINESS_ROLES, ROLE_LABELS, type SessionUser } from '../domain/access.ts';
import { readDateParts, type DateParts } from '../domain/dateParts.ts';
import { describeTerm, inForceOn, MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES, membershipOn, overlapping, type MembershipOnDate, type MembershipRole } from '../domain/membership.ts';
import { committeeNameOn, currentCommitteeName } from '../domain/organisation.ts';
import { displayName, PERSON_KINDS, personSlug, type Person, type PersonKind } from '../domain/people.ts';
import { formatDate, type IsoDate } from '../domain/workingDays.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Db } from '../db/connection.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { CommitteeBusinessRepository, CommitteeDetails, MembershipRecord, PersonFields } from '../repositories/committeeBusinessRepository.ts';
import type { CommitteeRecord } from '../repositories/organisationRepository.ts';
import type { OrganisationService } from './organisationService.ts';

export type FieldErrors = Record<string, string>;

/** Who is acting: their audit label and role. */
export type Actor = Pick<SessionUser, 'email' | 'role'>;

/** A form's input was refused: a message per field, in the order the fields appear on the form. */
export class CommitteeBusinessError extends Error {
  constructor(readonly errors: FieldErrors) {
    super(Object.values(errors).join('; '));
    this.name = 'CommitteeBusinessError';
  }
}

/** The actor's role may not do this (routes refuse first; this holds for every other caller). */
export class NotAllowedError extends Error {
  constructor(actor: Actor, what: string) {
    super(`A ${ROLE_LABELS[actor.role]?.toLowerCase() ?? actor.role} may not ${what}: committee business is managed by governance officers and administrators.`);
    this.name = 'NotAllowedError';
  }
}

export function requireManager(actor: Actor, what: string): void {
  if (!COMMITTEE_BUSINESS_ROLES.includes(actor.role)) throw new NotAllowedError(actor, what);
}

export const MAX_TEXT = 200;
export const MAX_REASON = 2000;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const PHONE = /^[0-9+() -]{6,30}$/;

/** A text field: trimmed, null when blank. */
const optional = (text: string | undefined) => (text ?? '').trim() || null;

function checkLength(errors: FieldErrors, field: string, value: string | null, label: string, max = MAX_TEXT): void {
  if (value && value.length > max && !errors[field]) errors[field] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}

function checkReason(errors: FieldErrors, reason: string | undefined): string | null {
  const r = optional(reason);
  checkLength(errors, 'reason', r, 'Reason', MAX_REASON);
  return r;
}

export interface PersonInput {
  name: string;
  kind: string;
  party?: string;
  ward?: string;
  jobTitle?: string;
  email?: string;
  phone?: string;
  reason?: string;
}

export function validatePerson(input: PersonInput): { fields: PersonFields; reason: string | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  if (!name) errors.name = 'Enter the person’s name as they spell it';
  checkLength(errors, 'name', name, 'Name');
  if (/^councillor\b/i.test(name)) errors.name = 'Enter the name without “Councillor”: Townhall adds it';
  const kind = (PERSON_KINDS as readonly string[]).includes(input.kind) ? (input.kind as PersonKind) : null;
  if (!kind) errors.kind = 'Select whether the person is a councillor or an officer';
  const party = kind === 'councillor' ? optional(input.party) : null;
  const ward = kind === 'councillor' ? optional(input.ward) : null;
  const jobTitle = kind === 'officer' ? optional(input.jobTitle) : null;
  checkLength(errors, 'party', party, 'Party');
  checkLength(errors, 'ward', ward, 'Ward');
  checkLength(errors, 'jobTitle', jobTitle, 'Job title');
  const email = optional(input.email)?.toLowerCase() ?? null;
  if (email && (!EMAIL.test(email) || email.length > 254)) errors.email = 'Enter an email address in the correct format, like name@example.gov.uk';
  const phone = optional(input.phone);
  if (phone && !PHONE.test(phone)) errors.phone = 'Enter a telephone number, like 020 8359 2761';
  const reason = checkReason(errors, input.reason);
  return { fields: { slug: personSlug(name), name, kind: kind ?? 'officer', party, ward, jobTitle, email, phone }, reason, errors };
}

const personAudit = (f: PersonFields | Person) => ({ name: f.name, kind: f.kind, party: f.party, ward: f.ward, jobTitle: f.jobTitle, email: f.email, phone: f.phone });

export interface CommitteeDetailsInput {
  quorum: string;
  shortName?: string;
  /** A person's slug, or blank for none. */
  governanceContact?: string;
  reason?: string;
}

export interface MembershipInput {
  /** The person's slug. */
  person: string;
  role: string;
  from: DateParts;
  /** Blank: until further notice. */
  to: DateParts;
  reason?: string;
}

/** A committee as committee business shows it: its record, cover facts, and membership. */
export interface CommitteeBusinessView {
  committee: CommitteeRecord;
  /** Its name now. */
  name: string;
  details: CommitteeDetails;
  governanceContact: Person | null;
}

export interface CommitteeMembership extends CommitteeBusinessView {
  /** The date the membership is for, and the name the committee had on it. */
  date: IsoDate;
  nameOnDate: string;
  membership: MembershipOnDate<Person>;
  /** Every membership ever, oldest first (staff pages). */
  history: MembershipRecord[];
}

export interface PersonMemberships {
  person: Person;
  memberships: (MembershipRecord & { committee: CommitteeRecord; committeeName: string; current: boolean; term: string })[];
}

export class CommitteeBusinessService {
  constructor(
    private readonly db: Db,
    private readonly repo: CommitteeBusinessRepository,
    private readonly organisation: OrganisationService,
    /** Today's date (tests fix it). */
    readonly today: () => IsoDate = () => new Date().toISOString().slice(0, 10),
  ) {}

  // People

  people(): Promise<Person[]> {
    return this.repo.people();
  }

  personBySlug(slug: string): Promise<Person | null> {
    return this.repo.personBySlug(slug);
  }

  /** Adds a person (audited). Throws CommitteeBusinessError with every field's problem at once. */
  async addPerson(input: PersonInput, actor: Actor): Promise<Person> {
    requireManager(actor, 'add people');
    const { fields, reason, errors } = validatePerson(input);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    return inTransaction(this.db, async (trx) => {
      const same = await this.repo.personBySlug(fields.slug, trx);
      if (same) throw new CommitteeBusinessError({ name: `${displayName(same)} is already held: change their details rather than adding them again` });
      const id = await this.repo.insertPerson(trx, fields);
      await recordAudit(trx, [{ actor: actor.email, action: 'person:add', entity: 'person', entityKey: fields.slug, before: null, after: personAudit(fields), reason }]);
      return (await this.repo.personById(id, trx))!;
    });
  }

  /** Changes a person's details (audited); renaming changes their slug, and every page spells the new name. */
  async changePerson(slug: string, input: PersonInput, actor: Actor): Promise<Person> {
    requireManager(actor, 'change people');
    const { fields, reason, errors } = validatePerson(input);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    return inTransaction(this.db, async (trx) => {
      const before = await this.repo.personBySlug(slug, trx);
      if (!before) throw new CommitteeBusinessError({ name: 'There is no such person' });
      const locked = (await this.repo.lockPerson(trx, before.id))!;
      if (fields.slug !== locked.slug) {
        const same = await this.repo.personBySlug(fields.slug, trx);
        if (same) throw new CommitteeBusinessError({ name: `${displayName(same)} is already held under that name` });
      }
      if (locked.kind === 'officer' && fields.kind === 'councillor' && (await this.isGovernanceContact(locked.id, trx))) {
        throw new CommitteeBusinessError({ kind: `${locked.name} is a committee’s governance contact: choose another contact first` });
      }
      await this.repo.updatePerson(trx, locked.id, fields);
      await recordAudit(trx, [{ actor: actor.email, action: 'person:change', entity: 'person', entityKey: fields.slug, before: personAudit(locked), after: personAudit(fields), reason }]);
      return (await this.repo.personById(locked.id, trx))!;
    });
  }

  private async isGovernanceContact(personId: number, db: Db): Promise<boolean> {
    return (await this.repo.committeeDetails(db)).some((d) => d.governanceContactId === personId);
  }

  /** Every membership of every committee, oldest first: public facts (open civic data, src/services/civicDataService.ts). */
  memberships(): Promise<MembershipRecord[]> {
    return this.repo.memberships();
  }

  /** A councillor's committees: every membership, with the committee's name on its start date. */
  async personMemberships(slug: string): Promise<PersonMemberships | null> {
    const person = await this.repo.personBySlug(slug);
    if (!person) return null;
    const [memberships, committees] = await Promise.all([this.repo.membershipsOfPerson(person.id), this.organisation.committees()]);
    const byId = new Map(committees.map((c) => [c.id, c]));
    const today = this.today();
    return {
      person,
      memberships: memberships
        .map((m) => {
          const committee = byId.get(m.committeeId)!;
          const current = inForceOn(m, today);
          const on = current ? today : (m.to ?? m.from);
          return { ...m, committee, committeeName: committeeNameOn(committee, new Date(`${on}T00:00:00Z`)), current, term: describeTerm(m) };
        })
        .sort((a, b) => Number(b.current) - Number(a.current) || b.from.localeCompare(a.from)),
    };
  }

  // Committees

  /** Every committee with its cover facts, by current name. */
  async committees(): Promise<CommitteeBusinessView[]> {
    const [committees, details, people] = await Promise.all([this.organisation.committees(), this.repo.committeeDetails(), this.repo.people()]);
    return this.views(committees, details, people).sort((a, b) => a.name.localeCompare(b.name));
  }

  private views(committees: CommitteeRecord[], details: CommitteeDetails[], people: Person[]): CommitteeBusinessView[] {
    const byCommittee = new Map(details.map((d) => [d.committeeId, d]));
    const byPerson = new Map(people.map((p) => [p.id, p]));
    return committees.map((committee) => {
      const d = byCommittee.get(committee.id) ?? { committeeId: committee.id, quorum: null, shortName: null, governanceContactId: null };
      return { committee, name: currentCommitteeName(committee), details: d, governanceContact: d.governanceContactId ? (byPerson.get(d.governanceContactId) ?? null) : null };
    });
  }

  /** Every committee's membership on a date (the committees list). One query for all memberships. */
  async membershipsOn(date: IsoDate): Promise<(CommitteeBusinessView & { membership: MembershipOnDate<Person> })[]> {
    const [views, memberships] = await Promise.all([this.committees(), this.repo.memberships()]);
    return views.map((v) => ({ ...v, membership: membershipOn(memberships.filter((m) => m.committeeId === v.committee.id), date) }));
  }

  /** A committee's membership on a date (today when not given), with its whole history; null when no such committee. */
  async committeeMembership(slug: string, date: IsoDate = this.today()): Promise<CommitteeMembership | null> {
    const committee = await this.organisation.committeeBySlug(slug);
    if (!committee) return null;
    const [details, people, history] = await Promise.all([this.repo.committeeDetails(), this.repo.people(), this.repo.memberships([committee.id])]);
    const view = this.views([committee], details, people)[0]!;
    return { ...view, date, nameOnDate: committeeNameOn(committee, new Date(`${date}T00:00:00Z`)), membership: membershipOn(history, date), history };
  }

  /** Changes a committee's quorum, short name and governance contact (audited). */
  async changeCommitteeDetails(slug: string, input: CommitteeDetailsInput, actor: Actor): Promise<void> {
    requireManager(actor, 'change committees');
    const committee = await this.organisation.committeeBySlug(slug);
    if (!committee) throw new CommitteeBusinessError({ quorum: 'There is no such committee' });
    const errors: FieldErrors = {};
    const quorumText = (input.quorum ?? '').trim();
    let quorum: number | null = null;
    if (quorumText) {
      if (!/^\d{1,3}$/.test(quorumText) || Number(quorumText) < 1 || Number(quorumText) > 100) errors.quorum = 'Enter the quorum as a whole number from 1 to 100, like 3';
      else quorum = Number(quorumText);
    }
    const shortName = optional(input.shortName);
    checkLength(errors, 'shortName', shortName, 'Short name', 100);
    const contactSlug = optional(input.governanceContact);
    const contact = contactSlug ? await this.repo.personBySlug(contactSlug) : null;
    if (contactSlug && (!contact || contact.kind !== 'officer')) errors.governanceContact = 'Select an officer as the governance contact';
    const reason = checkReason(errors, input.reason);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    await inTransaction(this.db, async (trx) => {
      const before = (await this.repo.lockCommittee(trx, committee.id))!;
      const after = { committeeId: committee.id, quorum, shortName, governanceContactId: contact?.id ?? null };
      await this.repo.updateCommitteeDetails(trx, after);
      await recordAudit(trx, [
        {
          actor: actor.email,
          action: 'committee:details',
          entity: 'committee',
          entityKey: committee.slug,
          before: { quorum: before.quorum, shortName: before.shortName, governanceContactId: before.governanceContactId },
          after: { quorum, shortName, governanceContactId: after.governanceContactId, governanceContact: contact?.name ?? null },
          reason,
        },
      ]);
    });
  }

  // Memberships

  /** Adds a dated membership (audited); refuses one overlapping the person's other seat on the committee. */
  async addMembership(slug: string, input: MembershipInput, actor: Actor): Promise<MembershipRecord> {
    requireManager(actor, 'change committee memberships');
    const committee = await this.organisation.committeeBySlug(slug);
    if (!committee) throw new CommitteeBusinessError({ person: 'There is no such committee' });
    const errors: FieldErrors = {};
    const person = input.person ? await this.repo.personBySlug(input.person) : null;
    if (!person) errors.person = 'Select the councillor';
    else if (person.kind !== 'councillor') errors.person = `${person.name} is an officer: only councillors are members of committees`;
    const role = (MEMBERSHIP_ROLES as readonly string[]).includes(input.role) ? (input.role as MembershipRole) : null;
    if (!role) errors.role = 'Select the role: Chairman, Vice-Chairman, Member or Substitute';
    const from = readDateParts(input.from, 'the date the membership starts');
    if ('error' in from) errors.from = from.error;
    const blankTo = !input.to.day.trim() && !input.to.month.trim() && !input.to.year.trim();
    const to = blankTo ? null : readDateParts(input.to, 'the date the membership ends');
    if (to && 'error' in to) errors.to = to.error;
    if (to && 'date' in to && 'date' in from && to.date < from.date) errors.to = 'The date the membership ends must be the same as or after the date it starts';
    const reason = checkReason(errors, input.reason);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    const span = { from: (from as { date: IsoDate }).date, to: to ? (to as { date: IsoDate }).date : null };
    return inTransaction(this.db, async (trx) => {
      await this.repo.lockPerson(trx, person!.id);
      const theirs = await this.repo.membershipsOfPerson(person!.id, trx);
      const clash = overlapping({ committeeId: committee.id, personId: person!.id, ...span }, theirs)[0];
      if (clash) {
        throw new CommitteeBusinessError({
          from: `${displayName(person!)} is already ${MEMBERSHIP_ROLE_LABELS[clash.role]} of this committee ${describeTerm(clash)}: end that membership the day before this one starts`,
        });
      }
      const id = await this.repo.insertMembership(trx, { committeeId: committee.id, personId: person!.id, role: role!, ...span });
      await recordAudit(trx, [
        { actor: actor.email, action: 'membership:add', entity: 'membership', entityKey: `${committee.slug}/${person!.slug}/${id}`, before: null, after: { committee: committee.slug, person: person!.name, role, ...span }, reason },
      ]);
      return (await this.repo.membershipById(id, trx))!;
    });
  }

  /** A membership of the committee, or null. */
  async membership(slug: string, id: number): Promise<(MembershipRecord & { committee: CommitteeRecord }) | null> {
    const committee = await this.organisation.committeeBySlug(slug);
    const m = committee ? await this.repo.membershipById(id) : null;
    return m && committee && m.committeeId === committee.id ? { ...m, committee } : null;
  }

  /** Ends a membership on a date (its last day, inclusive; audited). */
  async endMembership(slug: string, id: number, input: { to: DateParts; reason?: string }, actor: Actor): Promise<void> {
    requireManager(actor, 'change committee memberships');
    const found = await this.membership(slug, id);
    if (!found) throw new CommitteeBusinessError({ to: 'There is no such membership' });
    const errors: FieldErrors = {};
    const to = readDateParts(input.to, 'the last day of the membership');
    if ('error' in to) errors.to = to.error;
    else if (to.date < found.from) errors.to = `The last day of the membership must be the same as or after the day it started, ${formatDate(found.from)}`;
    const reason = checkReason(errors, input.reason);
    if (Object.keys(errors).length) throw new CommitteeBusinessError(errors);
    const date = (to as { date: IsoDate }).date;
    await inTransaction(this.db, async (trx) => {
      await this.repo.lockPerson(trx, found.personId);
      const current = (await this.repo.membershipById(id, trx))!;
      await this.repo.setMembershipEnd(trx, id, date);
      await recordAudit(trx, [
        {
          actor: actor.email,
          action: 'membership:end',
          entity: 'membership',
          entityKey: `${found.committee.slug}/${found.person.slug}/${id}`,
          before: { role: current.role, from: current.from, to: current.to },
          after: { role: current.role, from: current.from, to: date },
          reason,
        },
      ]);
    });
  }
}

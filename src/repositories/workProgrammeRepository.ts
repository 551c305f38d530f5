/**
 * Forward work programme storage (migration 0022, ADR 0022): the entries officers add to a committee's
 * programme and the rules that make its standing items. All its SQL. Writes take the caller's
 * transaction (src/services/workProgrammeService.ts).
 */
import type { Db } from '../db/connection.ts';
import type { EntryTarget, IssueType, StandingRule, StandingRuleKind, WorkProgrammeEntry } from '../domain/workProgramme.ts';

/** An entry as stored: everything but the id. */
export type EntryFields = Omit<WorkProgrammeEntry, 'id'>;
/** A rule as stored: everything but the id. */
export type RuleFields = Omit<StandingRule, 'id'>;

const ENTRY_COLUMNS = ['id', 'committee_id', 'title', 'overview', 'report_of', 'contributors', 'issue_type', 'meeting_id', 'target_month'] as const;

type EntryRow = {
  id: number;
  committee_id: number;
  title: string;
  overview: string;
  report_of: string;
  contributors: string | null;
  issue_type: IssueType | null;
  meeting_id: number | null;
  target_month: string | null;
};

const targetOf = (r: Pick<EntryRow, 'meeting_id' | 'target_month'>): EntryTarget =>
  r.meeting_id !== null ? { kind: 'meeting', meetingId: r.meeting_id } : r.target_month !== null ? { kind: 'month', month: r.target_month } : { kind: 'unscheduled' };

const entry = (r: EntryRow): WorkProgrammeEntry => ({
  id: r.id,
  committeeId: r.committee_id,
  title: r.title,
  overview: r.overview,
  reportOf: r.report_of,
  contributors: r.contributors,
  issueType: r.issue_type,
  target: targetOf(r),
});

const entryRow = (f: EntryFields) => ({
  committee_id: f.committeeId,
  title: f.title,
  overview: f.overview,
  report_of: f.reportOf,
  contributors: f.contributors,
  issue_type: f.issueType,
  meeting_id: f.target.kind === 'meeting' ? f.target.meetingId : null,
  target_month: f.target.kind === 'month' ? f.target.month : null,
});

const RULE_COLUMNS = ['id', 'committee_id', 'kind', 'title', 'overview', 'report_of', 'contributors', 'issue_type', 'lag_days', 'from_date', 'to_date'] as const;

type RuleRow = {
  id: number;
  committee_id: number;
  kind: StandingRuleKind;
  title: string;
  overview: string;
  report_of: string;
  contributors: string | null;
  issue_type: IssueType | null;
  lag_days: number;
  from_date: string;
  to_date: string | null;
};

const rule = (r: RuleRow): StandingRule => ({
  id: r.id,
  committeeId: r.committee_id,
  kind: r.kind,
  title: r.title,
  overview: r.overview,
  reportOf: r.report_of,
  contributors: r.contributors,
  issueType: r.issue_type,
  lagDays: r.lag_days,
  from: r.from_date,
  to: r.to_date,
});

export class WorkProgrammeRepository {
  constructor(private readonly db: Db) {}

  /** A committee's entries, in the order they were added. */
  async entries(committeeId: number, db: Db = this.db): Promise<WorkProgrammeEntry[]> {
    return (await db.selectFrom('work_programme_entry').select(ENTRY_COLUMNS).where('committee_id', '=', committeeId).orderBy('id').execute()).map(entry);
  }

  /** The entries aimed at a meeting, in the order they were added. */
  async entriesOfMeeting(meetingId: number, db: Db = this.db): Promise<WorkProgrammeEntry[]> {
    return (await db.selectFrom('work_programme_entry').select(ENTRY_COLUMNS).where('meeting_id', '=', meetingId).orderBy('id').execute()).map(entry);
  }

  async entryById(id: number, db: Db = this.db): Promise<WorkProgrammeEntry | null> {
    const row = await db.selectFrom('work_programme_entry').select(ENTRY_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? entry(row) : null;
  }

  async lockEntry(trx: Db, id: number): Promise<WorkProgrammeEntry | null> {
    const row = await trx.selectFrom('work_programme_entry').select(ENTRY_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? entry(row) : null;
  }

  /** Inserts entries; returns their ids in the order given. */
  async insertEntries(trx: Db, rows: readonly EntryFields[]): Promise<number[]> {
    const ids: number[] = [];
    // One statement per row keeps the ids in the order given on both engines.
    for (const r of rows) ids.push((await trx.insertInto('work_programme_entry').values(entryRow(r)).returning('id').executeTakeFirstOrThrow()).id);
    return ids;
  }

  async updateEntry(trx: Db, id: number, fields: EntryFields): Promise<void> {
    await trx
      .updateTable('work_programme_entry')
      .set({ ...entryRow(fields), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  }

  async deleteEntry(trx: Db, id: number): Promise<void> {
    await trx.deleteFrom('work_programme_entry').where('id', '=', id).execute();
  }

  /** A committee's standing item rules, in the order they were made. */
  async rules(committeeId: number, db: Db = this.db): Promise<StandingRule[]> {
    return (await db.selectFrom('standing_item_rule').select(RULE_COLUMNS).where('committee_id', '=', committeeId).orderBy('id').execute()).map(rule);
  }

  async ruleById(id: number, db: Db = this.db): Promise<StandingRule | null> {
    const row = await db.selectFrom('standing_item_rule').select(RULE_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? rule(row) : null;
  }

  async lockRule(trx: Db, id: number): Promise<StandingRule | null> {
    const row = await trx.selectFrom('standing_item_rule').select(RULE_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? rule(row) : null;
  }

  async insertRule(trx: Db, f: RuleFields): Promise<number> {
    const row = await trx
      .insertInto('standing_item_rule')
      .values({
        committee_id: f.committeeId,
        kind: f.kind,
        title: f.title,
        overview: f.overview,
        report_of: f.reportOf,
        contributors: f.contributors,
        issue_type: f.issueType,
        lag_days: f.lagDays,
        from_date: f.from,
        to_date: f.to,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async setRuleEnd(trx: Db, id: number, to: string | null): Promise<void> {
    await trx.updateTable('standing_item_rule').set({ to_date: to, updated_at: new Date() }).where('id', '=', id).execute();
  }
}

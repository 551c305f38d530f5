/**
 * "Report of" and the officer of a committee's papers (migration 0017): the committee's default
 * (`period` null) and a committee period's own. Reads, and writes inside the caller's transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { PaperDetails } from '../domain/paperDetails.ts';

type Row = {
  report_of: string | null;
  officer_name: string | null;
  officer_role: string | null;
  officer_email: string | null;
  officer_phone: string | null;
};

function toDetails(r: Row | undefined): PaperDetails | null {
  if (!r) return null;
  return {
    reportOf: r.report_of,
    officer: r.officer_name === null ? null : { name: r.officer_name, role: r.officer_role, email: r.officer_email, phone: r.officer_phone },
  };
}

const COLUMNS = ['report_of', 'officer_name', 'officer_role', 'officer_email', 'officer_phone'] as const;

/** The details of a committee (`period` null) or of one of its periods (a period key); null when none are set. */
export async function readPaperDetails(db: Db, committeeId: number, period: string | null): Promise<PaperDetails | null> {
  const row = await db
    .selectFrom('paper_details')
    .select([...COLUMNS])
    .where('committee_id', '=', committeeId)
    .$if(period === null, (q) => q.where('period', 'is', null))
    .$if(period !== null, (q) => q.where('period', '=', period!))
    .executeTakeFirst();
  return toDetails(row);
}

/** A committee's default details and one period's own, in one statement (a committee report reads both). */
export async function readCommitteeAndPeriodDetails(db: Db, committeeId: number, period: string): Promise<{ committee: PaperDetails | null; period: PaperDetails | null }> {
  const rows = await db
    .selectFrom('paper_details')
    .select(['period', ...COLUMNS])
    .where('committee_id', '=', committeeId)
    .where((eb) => eb.or([eb('period', 'is', null), eb('period', '=', period)]))
    .execute();
  return { committee: toDetails(rows.find((r) => r.period === null)), period: toDetails(rows.find((r) => r.period === period)) };
}

export class PaperDetailsRepository {
  constructor(private readonly db: Db) {}

  /** The committee's default and, when `period` is given, that period's own. */
  async read(committeeId: number, period: string | null, db: Db = this.db): Promise<PaperDetails | null> {
    return readPaperDetails(db, committeeId, period);
  }

  /** The stored details, locking the row (when there is one) against a concurrent save. */
  async lock(trx: Db, committeeId: number, period: string | null): Promise<PaperDetails | null> {
    const row = await trx
      .selectFrom('paper_details')
      .select([...COLUMNS])
      .where('committee_id', '=', committeeId)
      .$if(period === null, (q) => q.where('period', 'is', null))
      .$if(period !== null, (q) => q.where('period', '=', period!))
      .forUpdate()
      .executeTakeFirst();
    return toDetails(row);
  }

  /** Stores the details (replacing any), or removes the row when nothing is set. */
  async write(trx: Db, committeeId: number, period: string | null, details: PaperDetails): Promise<void> {
    if (details.reportOf === null && details.officer === null) {
      await trx
        .deleteFrom('paper_details')
        .where('committee_id', '=', committeeId)
        .$if(period === null, (q) => q.where('period', 'is', null))
        .$if(period !== null, (q) => q.where('period', '=', period!))
        .execute();
      return;
    }
    const o = details.officer;
    await sql`insert into paper_details (committee_id, period, report_of, officer_name, officer_role, officer_email, officer_phone)
      values (${committeeId}, ${period}, ${details.reportOf}, ${o?.name ?? null}, ${o?.role ?? null}, ${o?.email ?? null}, ${o?.phone ?? null})
      on conflict (committee_id, coalesce(period, '')) do update set
        report_of = excluded.report_of, officer_name = excluded.officer_name, officer_role = excluded.officer_role,
        officer_email = excluded.officer_email, officer_phone = excluded.officer_phone, updated_at = now()`.execute(trx);
  }
}

/**
 * The storage behind agenda packs and the performance report on an agenda (migration 0031, ADR 0028):
 * which published version of the framework's report a paper carries. All its SQL; writes take the
 * caller's transaction (src/services/agendaPackService.ts).
 */
import type { Db } from '../db/connection.ts';

export interface PerformancePaperLink {
  paperId: number;
  publicationId: number;
  committeeId: number;
  /** Period key: '2018-Q2'. */
  period: string;
  version: number;
  publishedAt: Date;
  placedAt: Date;
  placedBy: string;
}

export class AgendaPackRepository {
  constructor(private readonly db: Db) {}

  /** The performance reports among the papers given (by paper id). */
  async performanceLinks(paperIds: readonly number[], db: Db = this.db): Promise<Map<number, PerformancePaperLink>> {
    if (!paperIds.length) return new Map();
    const rows = await db
      .selectFrom('paper_performance_report as l')
      .innerJoin('publication as p', 'p.id', 'l.publication_id')
      .select(['l.paper_id', 'l.publication_id', 'p.committee_id', 'p.period', 'p.version', 'p.published_at', 'l.placed_at', 'l.placed_by'])
      .where('l.paper_id', 'in', [...paperIds])
      .execute();
    return new Map(
      rows.map((r) => [
        r.paper_id,
        { paperId: r.paper_id, publicationId: r.publication_id, committeeId: r.committee_id, period: r.period, version: r.version, publishedAt: r.published_at, placedAt: r.placed_at, placedBy: r.placed_by },
      ]),
    );
  }

  async insertPerformanceLink(trx: Db, paperId: number, publicationId: number, by: string): Promise<void> {
    await trx.insertInto('paper_performance_report').values({ paper_id: paperId, publication_id: publicationId, placed_by: by }).execute();
  }

  /** The items of a meeting whose papers were published after its agenda (to follow), by item id: when. */
  async followedItems(meetingId: number, db: Db = this.db): Promise<Map<number, Date>> {
    const rows = await db.selectFrom('agenda_item').select(['id', 'followed_at']).where('meeting_id', '=', meetingId).where('followed_at', 'is not', null).execute();
    return new Map(rows.map((r) => [r.id, r.followed_at!]));
  }
}

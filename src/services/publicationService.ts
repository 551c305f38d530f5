/**
 * Publication (issue 3, item 4, read side): a committee's data for a period is open → submitted →
 * approved → published. Residents and anonymous visitors see published cycles only; staff see all.
 * A (committee, period) without a cycle row is open.
 */
import type { Audience } from '../domain/access.ts';
import { isVisible, type CycleStatus } from '../domain/cycle.ts';
import { comparePeriods, financialYearOf, formatPeriod, periodFromKey } from '../domain/periods.ts';
import type { PublicationRepository } from '../repositories/publicationRepository.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import { committeeNameIn } from '../domain/organisation.ts';

export { CYCLE_STATUSES, CYCLE_STATUS_LABELS, isVisible } from '../domain/cycle.ts';
export type { CycleStatus } from '../domain/cycle.ts';
export type { Audience } from '../domain/access.ts';

export interface VisiblePeriod {
  /** Period key: '2018-Q2'. */
  key: string;
  status: CycleStatus;
}

/** Sorts period keys oldest first (a year sorts before its own Q4). */
export function sortPeriodKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => comparePeriods(periodFromKey(a), periodFromKey(b)));
}

export class PublicationService {
  constructor(
    private readonly repo: PublicationRepository,
    private readonly reports: ReportRepository,
  ) {}

  async status(committeeId: number, period: string): Promise<CycleStatus> {
    return (await this.repo.cycle(committeeId, period))?.status ?? 'open';
  }

  /** Is (committee, period) published? */
  async isPublished(committeeId: number, period: string): Promise<boolean> {
    return (await this.status(committeeId, period)) === 'published';
  }

  async canView(committeeId: number, period: string, audience: Audience): Promise<boolean> {
    return isVisible(await this.status(committeeId, period), audience);
  }

  /** Published period keys of a committee, oldest first. */
  async publishedPeriods(committeeId: number): Promise<string[]> {
    return sortPeriodKeys((await this.repo.cycles(committeeId)).filter((c) => c.status === 'published').map((c) => c.period));
  }

  /** The statuses of every cycle, keyed `${committeeId}|${period}`. */
  async statuses(): Promise<Map<string, CycleStatus>> {
    return new Map((await this.repo.cycles()).map((c) => [`${c.committeeId}|${c.period}`, c.status]));
  }

  /** Periods of a committee that hold data and that the audience may see, oldest first, with their status. */
  async visiblePeriods(committeeId: number, audience: Audience): Promise<VisiblePeriod[]> {
    const [withData, cycles] = await Promise.all([this.repo.periodsWithData(committeeId), this.repo.cycles(committeeId)]);
    const status = new Map(cycles.map((c) => [c.period, c.status]));
    return sortPeriodKeys(withData.map((d) => d.period))
      .map((key) => ({ key, status: status.get(key) ?? ('open' as const) }))
      .filter((p) => isVisible(p.status, audience));
  }

  async setStatus(committeeId: number, period: string, status: CycleStatus, actor: string, reason: string | null = null): Promise<boolean> {
    return this.repo.setStatus(committeeId, period, status, { actor, reason, entityKey: await this.cycleKey(committeeId, period) });
  }

  /** Publishes every (committee, period) that holds data (the demo council's papers were all published). */
  async publishAllWithData(actor: string, reason: string): Promise<number> {
    let changed = 0;
    for (const { committeeId, period } of await this.repo.periodsWithData()) {
      if (await this.setStatus(committeeId, period, 'published', actor, reason)) changed += 1;
    }
    return changed;
  }

  /** "Community Leadership Committee 2016/17", the audit key of a cycle. */
  private async cycleKey(committeeId: number, period: string): Promise<string> {
    const committee = await this.reports.committeeById(committeeId);
    const p = periodFromKey(period);
    return `${committee ? committeeNameIn(committee, financialYearOf(p)) : committeeId} ${formatPeriod(p)}`;
  }
}

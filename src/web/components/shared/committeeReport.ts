/**
 * Loads a committee's report for a period named in a URL, if the viewer may see it.
 * Null means "not found" to the caller: an unknown committee, a bad period, a plan year without a
 * method, or a cycle the viewer may not see all look the same.
 */
import type { App } from '../../../app.ts';
import type { CycleStatus } from '../../../domain/cycle.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import type { CommitteeRecord, ReportRepository } from '../../../repositories/reportRepository.ts';
import { ReportError, type PerformanceReport } from '../../../services/performanceReport.ts';
import { isVisible, type Audience } from '../../../services/publicationService.ts';
import { periodKeyFromSlug } from '../../urls.ts';

export async function committeeBySlug(repo: ReportRepository, slug: string): Promise<CommitteeRecord | null> {
  return (await repo.listCommittees()).find((c) => c.slug === slug) ?? null;
}

export interface LoadedReport {
  committee: CommitteeRecord;
  report: PerformanceReport;
  status: CycleStatus;
}

export async function loadVisibleReport(
  app: App,
  repo: ReportRepository,
  committeeSlug: string,
  periodText: string,
  audience: Audience,
): Promise<LoadedReport | null> {
  const key = periodKeyFromSlug(periodText);
  if (!key) return null;
  const committee = await committeeBySlug(repo, committeeSlug);
  if (!committee) return null;
  const status = await app.publication.status(committee.id, key);
  if (!isVisible(status, audience)) return null;
  try {
    const report = await app.reports.performanceReport({ committee: committee.slug, period: formatPeriod(periodFromKey(key)) });
    return { committee, report, status };
  } catch (error) {
    if (error instanceof ReportError) return null;
    throw error;
  }
}

/**
 * `townhall check`: contradictions and gaps in the stored data — a printed figure that disagrees with
 * the computed one, a result without a target, a target the method cannot rate, a missing result.
 */
import { formatPeriod, periodFromKey } from '../domain/periods.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import type { ReportService } from './performanceReport.ts';

export type FindingKind = 'rating' | 'direction' | 'priority-status' | 'result-without-target' | 'cannot-rate' | 'missing-result';

export interface Finding {
  kind: FindingKind;
  committee: string;
  period: string;
  ref: string;
  message: string;
}

export class CheckService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly reports: ReportService,
  ) {}

  async check(): Promise<Finding[]> {
    const findings: Finding[] = [];
    for (const committee of await this.repo.listCommittees()) {
      for (const period of await this.repo.resultPeriods(committee.id)) {
        const label = formatPeriod(periodFromKey(period));
        const planYear = Number(period.slice(0, 4));
        if (!(await this.repo.planYear(planYear))) continue;
        const report = await this.reports.performanceReport({ committee: committee.slug, period: label });
        const name = report.committee.name;
        for (const c of report.contradictions) {
          findings.push({ kind: c.kind, committee: name, period: label, ref: c.ref, message: c.message });
        }
        for (const i of report.indicators) {
          const hasValue = i.result?.status === 'reported' && i.result.value !== null;
          if (hasValue && !i.target) {
            findings.push({ kind: 'result-without-target', committee: name, period: label, ref: i.ref, message: `${i.ref} ${label}: result ${i.result!.display} has no target for ${report.period.kind === 'year' ? label : `${label} or ${report.period.planYear}`}` });
          } else if (hasValue && i.target && i.rating.value === 'not-rated' && i.target.spec.form !== 'not-applicable') {
            findings.push({ kind: 'cannot-rate', committee: name, period: label, ref: i.ref, message: `${i.ref} ${label}: target "${i.target.display}" cannot be rated: ${i.rating.reason.text}` });
          }
          const expected = report.period.kind === 'year' || i.frequency === 'monthly' || i.frequency === 'quarterly';
          if (!i.result && expected) {
            findings.push({ kind: 'missing-result', committee: name, period: label, ref: i.ref, message: `${i.ref} ${label}: no result recorded (not even "due" or "not available")` });
          }
        }
      }
    }
    return findings;
  }
}

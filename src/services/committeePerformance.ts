/**
 * What the committee performance pages may show, decided for an audience (issue 8, item 4): the cycle
 * of a committee and period, its report, the periods to switch between, the home page's committees,
 * an indicator's history and the report model as JSON. Each call takes the audience and returns only
 * what it may see, or NOT_VISIBLE — for the public, an unpublished cycle looks exactly like one that
 * does not exist. Routes call these and never decide visibility themselves.
 */
import { NOT_VISIBLE, type Audience, type NotVisible } from '../domain/access.ts';
import { isVisible, type CycleStatus } from '../domain/cycle.ts';
import { inForceIn } from '../domain/inForce.ts';
import { committeeNameIn } from '../domain/organisation.ts';
import { parsePeriod, periodKey } from '../domain/periods.ts';
import type { IndicatorAuditRecord, IndicatorRepository, IndicatorVersionRecord } from '../repositories/indicatorRepository.ts';
import type { CommitteeRecord } from '../repositories/reportRepository.ts';
import type { OrganisationService } from './organisationService.ts';
import type { IndicatorReport, PerformanceReport, ReportService } from './performanceReport.ts';
import type { PublicationService, VisiblePeriod } from './publicationService.ts';

export type { IndicatorAuditRecord, IndicatorVersionRecord, VisiblePeriod };

/** A committee's period that the audience may see. */
export interface VisibleCycle {
  committee: CommitteeRecord;
  /** Period key: '2018-Q2', '2016'. */
  periodKey: string;
  status: CycleStatus;
}

export interface HomeCommitteeData {
  slug: string;
  names: CommitteeRecord['names'];
  periods: VisiblePeriod[];
}

export interface HomeData {
  council: string | null;
  staff: boolean;
  committees: HomeCommitteeData[];
  /** Staff only: each committee's report for its latest period (what is outstanding); null for the public. */
  currentReports: PerformanceReport[] | null;
}

export interface IndicatorPeriodData {
  key: string;
  committee: { slug: string; name: string };
  /** Shown to staff only (null for the public). */
  status: CycleStatus | null;
  indicator: IndicatorReport;
}

export interface IndicatorHistory {
  ref: string;
  versions: (IndicatorVersionRecord & { committeeName: string })[];
  targets: Awaited<ReturnType<IndicatorRepository['targets']>>;
  periods: IndicatorPeriodData[];
  /** Staff only; null for the public. */
  audit: IndicatorAuditRecord[] | null;
}

export class CommitteePerformanceService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly publication: PublicationService,
    private readonly reports: ReportService,
    private readonly indicators: IndicatorRepository,
  ) {}

  /** The cycle of a committee (by slug) and a period key, if the audience may see it. */
  async cycle(committeeSlug: string, key: string, audience: Audience): Promise<VisibleCycle | NotVisible> {
    const committee = await this.organisation.committeeBySlug(committeeSlug);
    if (!committee) return NOT_VISIBLE;
    const status = await this.publication.status(committee.id, key);
    return isVisible(status, audience) ? { committee, periodKey: key, status } : NOT_VISIBLE;
  }

  /** The performance report of a visible cycle; NOT_VISIBLE when the cycle has none (e.g. no rating method). */
  async report(cycle: VisibleCycle): Promise<PerformanceReport | NotVisible> {
    return (await this.reports.reportFor(cycle.committee.slug, cycle.periodKey)) ?? NOT_VISIBLE;
  }

  /** The periods of a committee that hold data and that the audience may see, oldest first. */
  visiblePeriods(committeeId: number, audience: Audience): Promise<VisiblePeriod[]> {
    return this.publication.visiblePeriods(committeeId, audience);
  }

  /** The latest period of a committee the audience may see, or NOT_VISIBLE. */
  async currentPeriod(committeeSlug: string, audience: Audience): Promise<{ committee: CommitteeRecord; periodKey: string } | NotVisible> {
    const committee = await this.organisation.committeeBySlug(committeeSlug);
    if (!committee) return NOT_VISIBLE;
    const periods = await this.publication.visiblePeriods(committee.id, audience);
    const current = periods[periods.length - 1];
    return current ? { committee, periodKey: current.key } : NOT_VISIBLE;
  }

  /** Whether the audience may see a period of a committee (e.g. a comparison period of a paper). */
  async canSee(committeeId: number, key: string, audience: Audience): Promise<boolean> {
    return this.publication.canView(committeeId, key, audience);
  }

  /** The home page: the council, each committee with the periods the audience may see, and for staff what is due. */
  async home(audience: Audience): Promise<HomeData> {
    const [council, committees] = await Promise.all([this.organisation.councilName(), this.organisation.committees()]);
    const withPeriods = await Promise.all(
      committees.map(async (c) => ({ slug: c.slug, names: c.names, periods: await this.publication.visiblePeriods(c.id, audience) })),
    );
    let currentReports: PerformanceReport[] | null = null;
    if (audience.includeUnpublished) {
      currentReports = [];
      for (const c of withPeriods) {
        const latest = c.periods[c.periods.length - 1];
        const report = latest ? await this.reports.reportFor(c.slug, latest.key) : null;
        if (report) currentReports.push(report);
      }
    }
    return { council, staff: audience.includeUnpublished, committees: withPeriods, currentReports };
  }

  /**
   * The performance report of a committee (any of its names) and period (as people write it), if the
   * audience may see that cycle. Visibility is checked before the report is built.
   */
  async performanceReport(request: { committee: string; period: string }, audience: Audience): Promise<PerformanceReport | NotVisible> {
    const period = parsePeriod(request.period);
    const committee = await this.organisation.findCommittee(request.committee);
    // An unknown committee or period: the report service says what is wrong (ReportError).
    if (period && committee && !(await this.publication.canView(committee.id, periodKey(period), audience))) return NOT_VISIBLE;
    return this.reports.performanceReport(request);
  }

  /** Every indicator's ref (the pages find one by its URL slug). */
  indicatorRefs(): Promise<{ id: number; ref: string }[]> {
    return this.indicators.refs();
  }

  /**
   * An indicator's whole history as the audience may see it: definitions, targets, and the results of
   * visible periods only (table, chart and commentary leave the others out); the audit trail for staff.
   */
  async indicatorHistory(indicator: { id: number; ref: string }, audience: Audience): Promise<IndicatorHistory | NotVisible> {
    const [versions, targets, resultPeriods, committees, statuses, audit] = await Promise.all([
      this.indicators.versions(indicator.id),
      this.indicators.targets(indicator.id),
      this.indicators.resultPeriods(indicator.id),
      this.organisation.committees(),
      this.publication.statuses(),
      audience.includeUnpublished ? this.indicators.auditEvents(indicator.ref) : Promise.resolve(null),
    ]);
    if (!versions.length) return NOT_VISIBLE;
    const committeeById = new Map(committees.map((c) => [c.id, c]));
    const periods: IndicatorPeriodData[] = [];
    for (const { period, planYear } of resultPeriods) {
      const committee = committeeById.get(inForceIn(versions, planYear)!.committeeId);
      if (!committee) continue;
      const status = statuses.get(`${committee.id}|${period}`) ?? 'open';
      if (!isVisible(status, audience)) continue;
      const report = await this.reports.reportFor(committee.slug, period);
      const found = report?.indicators.find((i) => i.ref === indicator.ref);
      if (!report || !found) continue;
      periods.push({ key: period, committee: { slug: committee.slug, name: report.committee.name }, status: audience.includeUnpublished ? status : null, indicator: found });
    }
    return {
      ref: indicator.ref,
      versions: versions.map((v) => {
        const committee = committeeById.get(v.committeeId);
        return { ...v, committeeName: committee ? committeeNameIn(committee, v.fromYear ?? Number.NEGATIVE_INFINITY) : '' };
      }),
      targets,
      periods,
      audit,
    };
  }
}

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
import { comparePeriods, financialYearOf, parsePeriod, periodFromKey, periodKey } from '../domain/periods.ts';
import type { IndicatorAuditRecord, IndicatorRepository, IndicatorVersionRecord } from '../repositories/indicatorRepository.ts';
import type { CommitteeRecord } from '../repositories/reportRepository.ts';
import type { OrganisationService } from './organisationService.ts';
import type { IndicatorReport, PerformanceReport, ReportService } from './performanceReport.ts';
import type { PublicationMeta, PublicationService, ReportView, VisiblePeriod } from './publicationService.ts';

export type { IndicatorAuditRecord, IndicatorVersionRecord, PublicationMeta, ReportView, VisiblePeriod };

/** A committee's period that the audience may see. */
export interface VisibleCycle {
  committee: CommitteeRecord;
  /** Period key: '2018-Q2', '2016'. */
  periodKey: string;
  status: CycleStatus;
  /** Every published version, newest first. */
  versions: PublicationMeta[];
  /** Who is looking: what they see of the period follows from it. */
  audience: Audience;
  /** A published version asked for; undefined for the one the audience sees by default. */
  version?: number;
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

  /**
   * The cycle of a committee (by slug) and a period key, if the audience may see it (the public: once
   * it has a published version); `version`, a published version of it, which must exist.
   */
  async cycle(committeeSlug: string, key: string, audience: Audience, version?: number): Promise<VisibleCycle | NotVisible> {
    const committee = await this.organisation.committeeBySlug(committeeSlug);
    if (!committee) return NOT_VISIBLE;
    // Read once here; the cycle's pages take its status and versions from the cycle.
    const [status, versions] = await Promise.all([this.publication.status(committee.id, key), this.publication.versions(committee.id, key)]);
    if (!(audience.includeUnpublished ? isVisible(status, audience) : versions.length > 0)) return NOT_VISIBLE;
    if (version !== undefined && !versions.some((v) => v.version === version)) return NOT_VISIBLE;
    return { committee, periodKey: key, status, versions, audience, ...(version === undefined ? {} : { version }) };
  }

  /** The performance report of a visible cycle; NOT_VISIBLE when the cycle has none (e.g. no rating method). */
  async report(cycle: VisibleCycle): Promise<PerformanceReport | NotVisible> {
    const view = await this.reportView(cycle);
    return view === NOT_VISIBLE ? NOT_VISIBLE : view.report;
  }

  /** The report of a visible cycle with the published version it is (null: the live draft, staff only). */
  async reportView(cycle: VisibleCycle): Promise<ReportView | NotVisible> {
    return (await this.publication.view(cycle.committee, cycle.periodKey, cycle.audience, cycle.version, cycle)) ?? NOT_VISIBLE;
  }

  /** Every published version of a visible cycle, newest first. */
  versions(cycle: VisibleCycle): Promise<PublicationMeta[]> {
    return Promise.resolve(cycle.versions);
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
    if (!period || !committee) return this.reports.performanceReport(request).then(() => NOT_VISIBLE);
    return (await this.publication.view(committee, periodKey(period), audience))?.report ?? NOT_VISIBLE;
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
    const [versions, targets, resultPeriods, committees, statuses, published, audit] = await Promise.all([
      this.indicators.versions(indicator.id),
      this.indicators.targets(indicator.id),
      audience.includeUnpublished ? this.indicators.resultPeriods(indicator.id) : Promise.resolve([]),
      this.organisation.committees(),
      this.publication.statuses(),
      this.publication.latestVersions(),
      audience.includeUnpublished ? this.indicators.auditEvents(indicator.ref) : Promise.resolve(null),
    ]);
    if (!versions.length) return NOT_VISIBLE;
    const committeeById = new Map(committees.map((c) => [c.id, c]));
    // The periods to look in: for the public, those published; for staff, those with a result as well.
    const candidates = new Map<string, CommitteeRecord>();
    const consider = (period: string, committeeId: number | undefined) => {
      const committee = committeeId === undefined ? undefined : committeeById.get(committeeId);
      if (committee && !candidates.has(`${committee.id}|${period}`)) candidates.set(`${committee.id}|${period}`, committee);
    };
    for (const p of published) {
      // Only where the indicator belonged to that committee in that plan year.
      if (inForceIn(versions, financialYearOf(periodFromKey(p.period)))?.committeeId === p.committeeId) consider(p.period, p.committeeId);
    }
    for (const { period, planYear } of resultPeriods) consider(period, inForceIn(versions, planYear)?.committeeId);
    // Each period's status and latest version are in hand (statuses, published): the view needs no query of its own.
    const latest = new Map(published.map((p) => [`${p.committeeId}|${p.period}`, p]));
    const periods: IndicatorPeriodData[] = [];
    for (const [key, committee] of candidates) {
      const period = key.slice(key.indexOf('|') + 1);
      const version = latest.get(key);
      const view = await this.publication.view(committee, period, audience, undefined, { status: statuses.get(key) ?? 'open', versions: version ? [version] : [] });
      const found = view?.report.indicators.find((i) => i.ref === indicator.ref);
      if (!view || !found) continue;
      const status = statuses.get(key) ?? 'open';
      periods.push({ key: period, committee: { slug: committee.slug, name: view.report.committee.name }, status: audience.includeUnpublished ? status : null, indicator: found });
    }
    periods.sort((a, b) => comparePeriods(periodFromKey(a.key), periodFromKey(b.key)));
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

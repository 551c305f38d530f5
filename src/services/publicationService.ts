/**
 * Publication (issue 3 item 4; issue 9 "published means frozen"): a committee's data for a period is
 * open → submitted → approved → published. Publishing keeps what was published — the report model (and
 * a Q3's addendum), computed from the period's data and, for every comparison, from what was published
 * before (never a draft) — as a numbered version that never changes. Reopening and publishing again adds
 * the next version, with what changed; the earlier ones stay readable.
 *
 * Who sees what: the public sees a period once it has a published version, and always a published
 * version (the latest, or one asked for), never the live data. Staff see the published version of a
 * published period, and the live data — a draft, labelled so — of any other. A (committee, period)
 * without a cycle row is open.
 */
import type { Audience } from '../domain/access.ts';
import { isVisible, type CycleStatus } from '../domain/cycle.ts';
import { comparePeriods, financialYearOf, formatPeriod, parsePeriod, periodFromKey, periodKey } from '../domain/periods.ts';
import { committeeNameIn } from '../domain/organisation.ts';
import type { Db } from '../db/connection.ts';
import { recordAudit } from '../repositories/auditRepository.ts';
import type { NewPublication, PublicationMeta, PublicationRecord, PublicationRepository } from '../repositories/publicationRepository.ts';
import type { CommitteeRecord, ReportRepository } from '../repositories/reportRepository.ts';
import type { Addendum } from '../reports/addendum.ts';
import { loadReportModel } from '../reports/load.ts';
import { addendumKind } from '../reports/performanceKinds.ts';
import { ReportError, type PerformanceReport, type ReportService } from './performanceReport.ts';
import { describeChanges } from './publicationChanges.ts';
import { plainCopy } from './plainCopy.ts';
import type { PriorityStatusView } from './reportPanels.ts';

export { CYCLE_STATUSES, CYCLE_STATUS_LABELS, isVisible } from '../domain/cycle.ts';
export type { CycleStatus } from '../domain/cycle.ts';
export type { Audience } from '../domain/access.ts';
export type { PublicationMeta };

export interface VisiblePeriod {
  /** Period key: '2018-Q2'. */
  key: string;
  status: CycleStatus;
}

/** A report as a reader sees it: a published version, or (staff only) the live draft. */
export interface ReportView {
  report: PerformanceReport;
  /** The published version shown; null when it is the live draft. */
  publication: PublicationMeta | null;
}

/** A version being published: made before the sign-off transaction, stored inside it. */
export type PreparedPublication = Omit<NewPublication, 'publishedBy' | 'reason'> & { report: PerformanceReport; addendum: Addendum | null };

/** Sorts period keys oldest first (a year sorts before its own Q4). */
export function sortPeriodKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => comparePeriods(periodFromKey(a), periodFromKey(b)));
}

const PARSED_CAPACITY = 256;

export class PublicationService {
  /** Publications never change, so each is parsed once (by id), least recently used dropped first. */
  readonly #parsed = new Map<number, { report: PerformanceReport; addendum: Addendum | null }>();

  constructor(
    private readonly repo: PublicationRepository,
    private readonly reportRepo: ReportRepository,
    private readonly reports: ReportService,
  ) {}

  async status(committeeId: number, period: string): Promise<CycleStatus> {
    return (await this.repo.cycle(committeeId, period))?.status ?? 'open';
  }

  /** Is (committee, period) published? */
  async isPublished(committeeId: number, period: string): Promise<boolean> {
    return (await this.status(committeeId, period)) === 'published';
  }

  /** Whether the audience may see a committee's period: staff always; the public once it has a published version. */
  async canView(committeeId: number, period: string, audience: Audience): Promise<boolean> {
    if (audience.includeUnpublished) return isVisible(await this.status(committeeId, period), audience);
    return (await this.repo.versions(committeeId, period)).length > 0;
  }

  /** Period keys of a committee with a published version, oldest first. */
  async publishedPeriods(committeeId: number): Promise<string[]> {
    return sortPeriodKeys((await this.repo.latestVersions(committeeId)).map((p) => p.period));
  }

  /** The statuses of every cycle, keyed `${committeeId}|${period}`. */
  async statuses(): Promise<Map<string, CycleStatus>> {
    return new Map((await this.repo.cycles()).map((c) => [`${c.committeeId}|${c.period}`, c.status]));
  }

  /**
   * Periods of a committee the audience may see, oldest first, with their status: for staff those that
   * hold data or were published; for the public those with a published version.
   */
  async visiblePeriods(committeeId: number, audience: Audience): Promise<VisiblePeriod[]> {
    const [withData, cycles, published] = await Promise.all([
      audience.includeUnpublished ? this.repo.periodsWithData(committeeId) : Promise.resolve([]),
      this.repo.cycles(committeeId),
      this.repo.latestVersions(committeeId),
    ]);
    const status = new Map(cycles.map((c) => [c.period, c.status]));
    return sortPeriodKeys([...withData.map((d) => d.period), ...published.map((p) => p.period)]).map((key) => ({
      key,
      status: audience.includeUnpublished ? (status.get(key) ?? 'open') : 'published',
    }));
  }

  /** Every version of a committee's period, newest first. */
  versions(committeeId: number, period: string): Promise<PublicationMeta[]> {
    return this.repo.versions(committeeId, period);
  }

  /** The latest version of every published (committee, period). */
  latestVersions(): Promise<PublicationMeta[]> {
    return this.repo.latestVersions();
  }

  /** A published version's models. */
  async models(publication: PublicationMeta): Promise<{ report: PerformanceReport; addendum: Addendum | null }> {
    const hit = this.#parsed.get(publication.id);
    if (hit) {
      this.#parsed.delete(publication.id);
      this.#parsed.set(publication.id, hit);
      return plainCopy(hit);
    }
    const record = await this.repo.publicationById(publication.id);
    if (!record) throw new Error(`Publication ${publication.id} is gone: publications are never deleted`);
    const models = modelsOf(record);
    this.#parsed.set(publication.id, models);
    while (this.#parsed.size > PARSED_CAPACITY) this.#parsed.delete(this.#parsed.keys().next().value!);
    return plainCopy(models);
  }

  /**
   * The report of a committee's period as the audience sees it: a published version (`version`, or the
   * latest) for the public and for a published period; the live draft for staff otherwise; null when
   * there is none to show (nothing published for the public, no such version, no report that year).
   */
  async view(
    committee: CommitteeRecord,
    period: string,
    audience: Audience,
    version?: number,
    /** The period's status and versions when the caller has read them already. */
    known?: { status: CycleStatus; versions: PublicationMeta[] },
  ): Promise<ReportView | null> {
    const versions = known?.versions ?? (await this.repo.versions(committee.id, period));
    if (version !== undefined) {
      const found = versions.find((v) => v.version === version);
      return found ? { report: (await this.models(found)).report, publication: found } : null;
    }
    const status = audience.includeUnpublished ? (known?.status ?? (await this.status(committee.id, period))) : 'published';
    if (status === 'published') {
      const latest = versions[0];
      if (latest) return { report: (await this.models(latest)).report, publication: latest };
      if (!audience.includeUnpublished) return null;
    }
    const live = await this.reports.reportFor(committee.slug, period);
    return live && { report: live, publication: null };
  }


  /** The addendum as published with a Q3 period (`version`, or the latest) and its version, or null when none is stored. */
  async publishedAddendum(committee: CommitteeRecord, period: string, version?: number): Promise<{ addendum: Addendum; publication: PublicationMeta } | null> {
    const versions = await this.repo.versions(committee.id, period);
    const found = version === undefined ? versions[0] : versions.find((v) => v.version === version);
    const addendum = found ? (await this.models(found)).addendum : null;
    return found && addendum ? { addendum, publication: found } : null;
  }

  /**
   * Makes the next version of a committee's period from the data as stored now: its report (every
   * comparison with what was published before), its addendum when the period is a Q3, its results and
   * what changed from the last version; `incomplete`, what was missing and the reason it was published
   * anyway. Throws ReportError (for people) when no report can be made.
   */
  async prepare(committee: CommitteeRecord, period: string, incomplete: { reason: string; gaps: string[] } | null = null): Promise<PreparedPublication> {
    const label = formatPeriod(periodFromKey(period));
    const published = new Set((await this.repo.latestVersions(committee.id)).map((p) => p.period));
    const { report, results } = await this.reports.publishableReport(
      { committee: committee.slug, period: label },
      { results: (ids, periods) => this.repo.publishedResults(ids, periods), isPublished: (key) => published.has(key) },
    );
    // Published with something missing: the report says so, with the reason given (issue 10, deliver 1).
    if (incomplete) report.incomplete = incomplete;
    let addendum: Addendum | null = null;
    if (addendumKind.offeredFor(periodFromKey(period))) {
      // The addendum compares with the year's earlier quarters as published (and with this one as it is published now).
      const earlier = async (_committee: string, text: string) => {
        if (text === label) return report;
        const p = parsePeriod(text);
        const version = p ? (await this.repo.versions(committee.id, periodKey(p)))[0] : undefined;
        return version ? (await this.models(version)).report : null;
      };
      addendum = await loadReportModel({ report: earlier, repo: this.reportRepo }, { kind: 'addendum', committee: committee.slug, period: label });
    }
    const previous = (await this.repo.versions(committee.id, period))[0];
    const changes = previous ? describeChanges((await this.models(previous)).report, report) : [];
    return { committeeId: committee.id, period, report, addendum, results, changes };
  }

  /** Stores a prepared version inside the caller's transaction (the sign-off step), with its audit event. */
  async record(trx: Db, prepared: PreparedPublication, actor: string, reason: string | null, entityKey: string): Promise<PublicationMeta> {
    const stored = await this.repo.insertPublication(trx, { ...prepared, publishedBy: actor, reason });
    await recordAudit(trx, [
      {
        actor,
        action: 'publication:version',
        entity: 'publication',
        entityKey,
        before: null,
        after: { version: stored.version, indicators: prepared.report.indicators.length, changes: prepared.changes },
        reason,
      },
    ]);
    return stored;
  }

  /** Sets a cycle's status (a publication is made and kept when it becomes published); returns whether it changed. */
  async setStatus(committeeId: number, period: string, status: CycleStatus, actor: string, reason: string | null = null): Promise<boolean> {
    const entityKey = await this.cycleKey(committeeId, period);
    const committee = status === 'published' ? await this.reportRepo.committeeById(committeeId) : null;
    const prepared = committee && (await this.status(committeeId, period)) !== 'published' ? await this.prepare(committee, period) : null;
    return this.repo.setStatus(committeeId, period, status, { actor, reason, entityKey }, prepared ? (trx) => this.record(trx, prepared, actor, reason, entityKey).then(() => undefined) : undefined);
  }

  /** Publishes every (committee, period) that holds data, oldest first (the demo council's papers were all published). */
  async publishAllWithData(actor: string, reason: string): Promise<number> {
    let changed = 0;
    const all = await this.repo.periodsWithData();
    const order = sortPeriodKeys(all.map((c) => c.period));
    for (const key of order) {
      for (const { committeeId } of all.filter((c) => c.period === key)) {
        if (await this.setStatus(committeeId, key, 'published', actor, reason)) changed += 1;
      }
    }
    return changed;
  }

  /**
   * Keeps a version of every period published before versions were kept (a database from an earlier
   * Townhall), oldest first, from its data as stored now; returns how many. Run at start-up.
   */
  async recordUnversioned(): Promise<number> {
    const missing = await this.repo.publishedWithoutVersion();
    let recorded = 0;
    for (const key of sortPeriodKeys(missing.map((m) => m.period))) {
      for (const { committeeId } of missing.filter((m) => m.period === key)) {
        const committee = await this.reportRepo.committeeById(committeeId);
        if (!committee) continue;
        let prepared: PreparedPublication;
        try {
          prepared = await this.prepare(committee, key);
        } catch (error) {
          if (error instanceof ReportError) continue;
          throw error;
        }
        const entityKey = await this.cycleKey(committeeId, key);
        await this.repo.inTransaction((trx) => this.record(trx, prepared, 'townhall', 'Published before Townhall kept published versions: recorded from the data as stored', entityKey));
        recorded += 1;
      }
    }
    return recorded;
  }

  /** "Community Leadership Committee 2016/17", the audit key of a cycle. */
  async cycleKey(committeeId: number, period: string): Promise<string> {
    const committee = await this.reportRepo.committeeById(committeeId);
    const p = periodFromKey(period);
    return `${committee ? committeeNameIn(committee, financialYearOf(p)) : committeeId} ${formatPeriod(p)}`;
  }
}

/**
 * The models of a stored publication (written by `record` from these very types). A version published
 * before a field was kept reads as what it printed: no paper details (its cover sheet had none), and the
 * overall statuses it printed — an override was the officers' judgement; a computed status stays marked
 * as computed (migration 0018).
 */
function modelsOf(record: PublicationRecord): { report: PerformanceReport; addendum: Addendum | null } {
  const report = record.report as PerformanceReport;
  report.paper ??= { reportOf: null, officer: null };
  report.priorityStatuses = report.priorityStatuses.map((s): PriorityStatusView => {
    if ('source' in s) return s;
    const old = s as Pick<PriorityStatusView, 'priority' | 'computed' | 'reasons'> & { override?: PriorityStatusView['judgement'] };
    const judgement = old.override ?? null;
    return {
      priority: old.priority,
      status: judgement?.status ?? old.computed,
      source: judgement ? 'judgement' : 'computed',
      judgement,
      computed: old.computed,
      reasons: old.reasons,
      agrees: judgement ? judgement.status === old.computed : null,
    };
  });
  report.contradictions = report.contradictions.filter((c) => c.kind === 'rating' || c.kind === 'direction');
  return { report, addendum: (record.addendum as Addendum | null) ?? null };
}

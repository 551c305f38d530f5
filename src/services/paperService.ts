/**
 * Committee papers (the report kinds of src/reports): the model of a kind for a committee or delivery
 * unit and a period, as the audience may see it — the published version for the public and for a
 * published period (publicationService.ts), the live draft for staff otherwise. A paper of a published
 * version is made from what was published, never from the data as they are now.
 */
import { STAFF_AUDIENCE, type Audience } from '../domain/access.ts';
import { parsePeriod, periodKey } from '../domain/periods.ts';
import type { ReportModels } from '../reports/kinds.ts';
import { loadReportModel, type ReportRequest, type ReportSources } from '../reports/load.ts';
import type { AnyReportKind } from '../reports/render.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import type { OrganisationService } from './organisationService.ts';
import type { ReportService } from './performanceReport.ts';
import type { PublicationMeta, PublicationService, ReportView } from './publicationService.ts';

/** A report (or stored addendum) a paper is made from: a published version, or a draft (publication null). */
interface Used {
  publication: PublicationMeta | null;
  name: string;
}

export class PaperService {
  constructor(
    private readonly reports: ReportService,
    private readonly repo: ReportRepository,
    private readonly organisation: OrganisationService,
    private readonly publication: PublicationService,
  ) {}

  /**
   * The model of a paper; throws ReportError (a message for people) for a bad request or one the
   * audience may not see. `version`: a published version of the committee's period.
   */
  async model<K extends AnyReportKind>(request: ReportRequest & { kind: K }, audience: Audience = STAFF_AUDIENCE, version?: number): Promise<ReportModels[K]> {
    return (await this.paper(request, audience, version)).model;
  }

  /**
   * The model of a paper and, when it is made from figures that are not published (staff only), what a
   * draft warning should say: the committees and periods shown as drafts.
   */
  async paper<K extends AnyReportKind>(
    request: ReportRequest & { kind: K },
    audience: Audience = STAFF_AUDIENCE,
    version?: number,
  ): Promise<{ model: ReportModels[K]; draft: string | null; issued: Date | null }> {
    const used: Used[] = [];
    const model = await loadReportModel(this.sources(audience, request, version, used), request);
    const drafts = used.filter((v) => !v.publication).map((v) => v.name);
    const draft = drafts.length ? `made from figures that are not published and may change (${[...new Set(drafts)].join('; ')})` : null;
    // Made from published versions only: issued when the last of them was published (the files' dates).
    const times = used.map((v) => v.publication?.publishedAt.getTime() ?? 0);
    const issued = draft || !times.length ? null : new Date(Math.max(...times));
    return { model, draft, issued };
  }

  /** The report of a committee's period as the audience sees it (published or draft), or null. */
  async view(committee: string, period: string, audience: Audience, version?: number): Promise<ReportView | null> {
    const [found, p] = [await this.organisation.findCommittee(committee), parsePeriod(period)];
    // An unknown committee or period: the report service says what is wrong (ReportError).
    if (!found || !p) {
      await this.reports.performanceReport({ committee, period });
      return null;
    }
    return this.publication.view(found, periodKey(p), audience, version);
  }

  /** `version` is of the request's own committee and period; `used` collects the reports the paper is made from. */
  private sources(audience: Audience, request: ReportRequest, version: number | undefined, used: Used[]): ReportSources {
    const own = (committee: string, period: string) => committee === request.committee && period === request.period;
    return {
      report: async (committee, period) => {
        const view = await this.view(committee, period, audience, own(committee, period) ? version : undefined);
        if (view) used.push({ publication: view.publication, name: `${view.report.committee.name} ${view.report.period.label}` });
        return view?.report ?? null;
      },
      publishedAddendum: async (committee, period) => {
        const [found, p] = [await this.organisation.findCommittee(committee), parsePeriod(period)];
        if (!found || !p) return null;
        const key = periodKey(p);
        // Staff see a period that is not published as the draft it is: the addendum is built from the data.
        const pinned = own(committee, period) ? version : undefined;
        if (pinned === undefined && audience.includeUnpublished && (await this.publication.status(found.id, key)) !== 'published') return null;
        const stored = await this.publication.publishedAddendum(found, key, pinned);
        if (stored) used.push({ publication: stored.publication, name: `${stored.addendum.committee.name} ${period}` });
        return stored?.addendum ?? null;
      },
      repo: this.repo,
    };
  }
}

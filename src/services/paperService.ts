/**
 * Committee papers (the report kinds of src/reports): the model of a kind for a committee or delivery
 * unit and a period, built only from what the audience may see — for the public, results of periods
 * not yet published are left out of every comparison.
 */
import { STAFF_AUDIENCE, type Audience } from '../domain/access.ts';
import type { ReportModels } from '../reports/kinds.ts';
import { loadReportModel, type ReportRequest } from '../reports/load.ts';
import type { AnyReportKind } from '../reports/render.ts';
import type { ReportRepository } from '../repositories/reportRepository.ts';
import type { OrganisationService } from './organisationService.ts';
import type { ReportService } from './performanceReport.ts';
import type { PublicationService } from './publicationService.ts';

export class PaperService {
  constructor(
    private readonly reports: ReportService,
    private readonly repo: ReportRepository,
    private readonly organisation: OrganisationService,
    private readonly publication: PublicationService,
  ) {}

  /** The model of a paper; throws ReportError (a message for people) for a bad request. */
  async model<K extends AnyReportKind>(request: ReportRequest & { kind: K }, audience: Audience = STAFF_AUDIENCE): Promise<ReportModels[K]> {
    const committee = !audience.includeUnpublished && request.committee ? await this.organisation.findCommittee(request.committee) : null;
    const visiblePeriod = committee ? (key: string) => this.publication.canView(committee.id, key, audience) : undefined;
    return loadReportModel({ reports: this.reports, repo: this.repo, ...(visiblePeriod ? { visiblePeriod } : {}) }, request);
  }
}

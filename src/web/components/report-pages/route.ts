/**
 * Committee papers on the web: /committees/:slug/:period/reports lists the report types of the period
 * with a download link per format; /committees/:slug/:period/reports/:kind.:format serves one, with
 * its content type and `Content-Disposition: attachment`. Publication visibility as everywhere: the
 * public sees published cycles only; anything else answers 404, as for a report that does not exist.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { loadReportModel } from '../../../reports/load.ts';
import { REPORT_FORMATS, renderReport, type AnyReportKind, type ReportFormat } from '../../../reports/render.ts';
import { ReportRepository } from '../../../repositories/reportRepository.ts';
import { ReportError } from '../../../services/performanceReport.ts';
import { isVisible } from '../../../services/publicationService.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { ROUTES, periodKeyFromSlug } from '../../urls.ts';
import { audienceOf, notFound } from '../../visibility.ts';
import { committeeBySlug } from '../shared/committeeReport.ts';
import { buildReportsView, fileName, kindsFor } from './viewModel.ts';

export const reportPageRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const repo = new ReportRepository(app.handle.db);

    /** The committee and period of the URL if the viewer may see that cycle, else null. */
    async function visible(slug: string, periodText: string, includeUnpublished: boolean) {
      const key = periodKeyFromSlug(periodText);
      if (!key) return null;
      const committee = await committeeBySlug(repo, slug);
      if (!committee) return null;
      if (!isVisible(await app.publication.status(committee.id, key), { includeUnpublished })) return null;
      return { committee, key };
    }

    server.get<{ Params: { slug: string; period: string } }>(ROUTES.reports, async (request, reply) => {
      const audience = audienceOf(request.user);
      const found = await visible(request.params.slug, request.params.period, audience.includeUnpublished);
      if (!found) return notFound(reply);
      let committeeName: string;
      try {
        committeeName = (await app.reports.performanceReport({ committee: found.committee.slug, period: formatPeriod(periodFromKey(found.key)) })).committee.name;
      } catch (error) {
        if (error instanceof ReportError) return notFound(reply);
        throw error;
      }
      const view = buildReportsView({ council: await repo.councilName(), committeeName, committeeSlug: found.committee.slug, periodKey: found.key });
      return reply.view('report-pages/reports.njk', view);
    });

    server.get<{ Params: { slug: string; period: string; file: string } }>(ROUTES.reportFile, async (request, reply) => {
      const m = /^([a-z]+)\.([a-z]+)$/.exec(request.params.file);
      if (!m) return notFound(reply);
      const [, kind, format] = m as unknown as [string, AnyReportKind, ReportFormat];
      if (!REPORT_FORMATS.includes(format)) return notFound(reply);
      const audience = audienceOf(request.user);
      const found = await visible(request.params.slug, request.params.period, audience.includeUnpublished);
      if (!found || !kindsFor(found.key).includes(kind)) return notFound(reply);
      try {
        const model = await loadReportModel(
          { reports: app.reports, repo, visiblePeriod: async (key) => isVisible(await app.publication.status(found.committee.id, key), audience) },
          { kind, committee: found.committee.slug, period: formatPeriod(periodFromKey(found.key)) },
        );
        const rendered = await renderReport(kind, model as never, {}, format, { pdf: app.pdf.render });
        return reply
          .type(rendered.contentType)
          .header('Content-Disposition', `attachment; filename="${fileName(found.committee.slug, found.key, kind, format)}"`)
          .header('Cache-Control', 'no-store')
          .send(rendered.body);
      } catch (error) {
        if (error instanceof ReportError) return notFound(reply);
        throw error;
      }
    });
  };

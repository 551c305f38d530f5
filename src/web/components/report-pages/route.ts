/**
 * Committee papers on the web: /committees/:slug/:period/reports lists the report types of the period
 * with a download link per format; /committees/:slug/:period/reports/:kind.:format serves one, with
 * its content type and `Content-Disposition: attachment`. Publication visibility as everywhere (the
 * committee-cycle hook and the services decide it): the public sees published cycles only; anything
 * else answers 404, as for a report that does not exist.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { REPORT_FORMATS, renderReport, type AnyReportKind, type ReportFormat } from '../../../reports/render.ts';
import { ReportError } from '../../../services/performanceReport.ts';
import { notFound } from '../../errors.ts';
import { cycleOf } from '../shared/committeeCycle.ts';
import { ROUTES } from '../../urls.ts';
import { buildPublicationNotice } from '../shared/publicationNotice.ts';
import { buildReportsView, fileName, kindsFor } from './viewModel.ts';

export const reportPageRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { slug: string; period: string } }>(ROUTES.reports, async (request, reply) => {
      const cycle = cycleOf(request);
      const shown = await app.performance.reportView(cycle);
      if (shown === NOT_VISIBLE) return notFound(reply);
      const versions = await app.performance.versions(cycle);
      const view = buildReportsView({
        council: await app.organisation.councilName(),
        committeeName: shown.report.committee.name,
        committeeSlug: cycle.committee.slug,
        periodKey: cycle.periodKey,
        versions,
        shown: shown.publication,
      });
      const notice = buildPublicationNotice({ view: shown, versions, status: cycle.status, committeeSlug: cycle.committee.slug, periodKey: cycle.periodKey });
      return reply.view('report-pages/reports.njk', { ...view, notice });
    });

    server.get<{ Params: { slug: string; period: string; file: string } }>(ROUTES.reportFile, async (request, reply) => {
      const m = /^([a-z]+)\.([a-z]+)$/.exec(request.params.file);
      if (!m) return notFound(reply);
      const [, kind, format] = m as unknown as [string, AnyReportKind, ReportFormat];
      if (!REPORT_FORMATS.includes(format)) return notFound(reply);
      const cycle = cycleOf(request);
      if (!kindsFor(cycle.periodKey).includes(kind)) return notFound(reply);
      try {
        const { model, draft, issued } = await app.papers.paper(
          { kind, committee: cycle.committee.slug, period: formatPeriod(periodFromKey(cycle.periodKey)) },
          audienceOf(request.user),
          cycle.version,
        );
        // A published version is served exactly as published; a draft (staff only) says it is one.
        const rendered = await renderReport(kind, model as never, { ...(draft ? { draft } : {}), ...(issued ? { issued } : {}) }, format, { pdf: app.pdf.render });
        return reply
          .type(rendered.contentType)
          .header('Content-Disposition', `attachment; filename="${fileName(cycle.committee.slug, cycle.periodKey, kind, format, cycle.version)}"`)
          .header('Cache-Control', 'no-store')
          .send(rendered.body);
      } catch (error) {
        if (error instanceof ReportError) return notFound(reply);
        throw error;
      }
    });
  };

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
import { buildReportsView, fileName, kindsFor } from './viewModel.ts';

export const reportPageRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { slug: string; period: string } }>(ROUTES.reports, async (request, reply) => {
      const cycle = cycleOf(request);
      const report = await app.performance.report(cycle);
      if (report === NOT_VISIBLE) return notFound(reply);
      const view = buildReportsView({
        council: await app.organisation.councilName(),
        committeeName: report.committee.name,
        committeeSlug: cycle.committee.slug,
        periodKey: cycle.periodKey,
      });
      return reply.view('report-pages/reports.njk', view);
    });

    server.get<{ Params: { slug: string; period: string; file: string } }>(ROUTES.reportFile, async (request, reply) => {
      const m = /^([a-z]+)\.([a-z]+)$/.exec(request.params.file);
      if (!m) return notFound(reply);
      const [, kind, format] = m as unknown as [string, AnyReportKind, ReportFormat];
      if (!REPORT_FORMATS.includes(format)) return notFound(reply);
      const cycle = cycleOf(request);
      if (!kindsFor(cycle.periodKey).includes(kind)) return notFound(reply);
      try {
        const model = await app.papers.model(
          { kind, committee: cycle.committee.slug, period: formatPeriod(periodFromKey(cycle.periodKey)) },
          audienceOf(request.user),
        );
        const rendered = await renderReport(kind, model as never, {}, format, { pdf: app.pdf.render });
        return reply
          .type(rendered.contentType)
          .header('Content-Disposition', `attachment; filename="${fileName(cycle.committee.slug, cycle.periodKey, kind, format)}"`)
          .header('Cache-Control', 'no-store')
          .send(rendered.body);
      } catch (error) {
        if (error instanceof ReportError) return notFound(reply);
        throw error;
      }
    });
  };

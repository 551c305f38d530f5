/**
 * The indicator page: /indicators/:slug (`CG/S3` → /indicators/cg-s3). A ref in the path
 * (/indicators/CG%2FS3) redirects to the slug. Results of periods the viewer may not see are left out
 * of everything: table, chart, commentary.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { IndicatorRepository } from '../../../repositories/indicatorRepository.ts';
import { ReportRepository } from '../../../repositories/reportRepository.ts';
import { committeeNameIn, ReportError } from '../../../services/performanceReport.ts';
import { isVisible } from '../../../services/publicationService.ts';
import { ROUTES, indicatorPath, indicatorSlug } from '../../urls.ts';
import { audienceOf, notFound } from '../../visibility.ts';
import { buildIndicatorView, type IndicatorPeriodInput } from './viewModel.ts';

export const indicatorRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const indicators = new IndicatorRepository(app.handle.db);
    const reports = new ReportRepository(app.handle.db);

    server.get<{ Params: { ref: string } }>(ROUTES.indicator, async (request, reply) => {
      const asked = request.params.ref;
      const refs = await indicators.refs();
      const found = refs.find((r) => indicatorSlug(r.ref) === asked);
      if (!found) {
        const byRef = refs.find((r) => r.ref.toLowerCase() === asked.trim().toLowerCase());
        return byRef ? reply.redirect(indicatorPath(byRef.ref), 301) : notFound(reply);
      }
      const audience = audienceOf(request.user);
      const [versions, targets, resultPeriods, committees, statuses, audit] = await Promise.all([
        indicators.versions(found.id),
        indicators.targets(found.id),
        indicators.resultPeriods(found.id),
        reports.listCommittees(),
        app.publication.statuses(),
        audience.includeUnpublished ? indicators.auditEvents(found.ref) : Promise.resolve(null),
      ]);
      if (!versions.length) return notFound(reply);
      const committeeById = new Map(committees.map((c) => [c.id, c]));
      const inForce = (planYear: number) => {
        let version = versions[0]!;
        for (const v of versions) if (v.fromYear === null || v.fromYear <= planYear) version = v;
        return version;
      };

      const periods: IndicatorPeriodInput[] = [];
      for (const { period, planYear } of resultPeriods) {
        const committee = committeeById.get(inForce(planYear).committeeId);
        if (!committee) continue;
        const status = statuses.get(`${committee.id}|${period}`) ?? 'open';
        if (!isVisible(status, audience)) continue;
        try {
          const report = await app.reports.performanceReport({ committee: committee.slug, period: formatPeriod(periodFromKey(period)) });
          const indicator = report.indicators.find((i) => i.ref === found.ref);
          if (!indicator) continue;
          periods.push({
            key: period,
            committee: { slug: committee.slug, name: report.committee.name },
            status: audience.includeUnpublished ? status : null,
            indicator,
          });
        } catch (error) {
          if (!(error instanceof ReportError)) throw error;
        }
      }

      const view = buildIndicatorView({
        ref: found.ref,
        versions: versions.map((v) => {
          const committee = committeeById.get(v.committeeId);
          return { ...v, committeeName: committee ? committeeNameIn(committee, v.fromYear ?? Number.NEGATIVE_INFINITY) : '' };
        }),
        targets,
        periods,
        audit,
      });
      return reply.view('indicator/indicator.njk', view);
    });
  };

/**
 * Committee dashboards: /committees/:slug (redirects to the current period, or to ?period=) and
 * /committees/:slug/:period (e.g. /committees/community-leadership-committee/2018-19-q2).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { ReportRepository } from '../../../repositories/reportRepository.ts';
import { ROUTES, dashboardPath, periodKeyFromSlug } from '../../urls.ts';
import { audienceOf, notFound } from '../../visibility.ts';
import { committeeBySlug, loadVisibleReport } from '../shared/committeeReport.ts';
import { buildDashboardView, type DashboardQuery } from './viewModel.ts';
import { SIGN_OFF_ROLES } from '../../../domain/signOff.ts';
import { buildSignOffPanel } from '../sign-off/viewModel.ts';

export const dashboardRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const repo = new ReportRepository(app.handle.db);

    server.get<{ Params: { slug: string }; Querystring: { period?: string } }>(ROUTES.committee, async (request, reply) => {
      const committee = await committeeBySlug(repo, request.params.slug);
      if (!committee) return notFound(reply);
      const asked = typeof request.query.period === 'string' ? periodKeyFromSlug(request.query.period) : null;
      if (asked) return reply.redirect(dashboardPath(committee.slug, asked), 303);
      const periods = await app.publication.visiblePeriods(committee.id, audienceOf(request.user));
      const current = periods[periods.length - 1];
      if (!current) return notFound(reply);
      return reply.redirect(dashboardPath(committee.slug, current.key), 302);
    });

    server.get<{ Params: { slug: string; period: string }; Querystring: DashboardQuery }>(
      ROUTES.dashboard,
      async (request, reply) => {
        const audience = audienceOf(request.user);
        const loaded = await loadVisibleReport(app, repo, request.params.slug, request.params.period, audience);
        if (!loaded) return notFound(reply);
        const periods = await app.publication.visiblePeriods(loaded.committee.id, audience);
        const query = Object.fromEntries(
          Object.entries(request.query ?? {}).filter(([, v]) => typeof v === 'string'),
        ) as DashboardQuery;
        const view = buildDashboardView({
          report: loaded.report,
          query,
          periods,
          status: audience.includeUnpublished ? loaded.status : null,
        });
        // Sign-off: the status and the steps this user may take (docs/running-a-quarter.md).
        const user = request.user;
        const cycle = user && SIGN_OFF_ROLES.includes(user.role) ? await app.entry.cycle(loaded.committee.slug, loaded.report.period.key) : null;
        const signOff =
          user && cycle
            ? buildSignOffPanel({ committeeSlug: cycle.committee.slug, period: cycle.periodKey, status: loaded.status, role: user.role, hasScope: await app.entry.hasScopeIn(cycle, user) })
            : null;
        return reply.view('dashboard/dashboard.njk', { ...view, signOff });
      },
    );
  };

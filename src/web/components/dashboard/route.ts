/**
 * Committee dashboards: /committees/:slug (redirects to the current period, or to ?period=) and
 * /committees/:slug/:period (e.g. /committees/community-leadership-committee/2018-19-q2).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import { SIGN_OFF_ROLES } from '../../../domain/signOff.ts';
import { ROUTES, dashboardPath, periodKeyFromSlug } from '../../urls.ts';
import { notFound } from '../../errors.ts';
import { cycleOf } from '../shared/committeeCycle.ts';
import { buildPublicationNotice, earlierVersion } from '../shared/publicationNotice.ts';
import { buildSignOffPanel } from '../sign-off/viewModel.ts';
import { acceptQueryValues } from '../../publicCache.ts';
import { buildDashboardView, dashboardQueryValues, type DashboardQuery } from './viewModel.ts';

export const dashboardRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { slug: string }; Querystring: { period?: string } }>(ROUTES.committee, async (request, reply) => {
      const asked = typeof request.query.period === 'string' ? periodKeyFromSlug(request.query.period) : null;
      if (asked) {
        const committee = await app.organisation.committeeBySlug(request.params.slug);
        return committee ? reply.redirect(dashboardPath(committee.slug, asked), 303) : notFound(reply);
      }
      const current = await app.performance.currentPeriod(request.params.slug, audienceOf(request.user));
      if (current === NOT_VISIBLE) return notFound(reply);
      return reply.redirect(dashboardPath(current.committee.slug, current.periodKey), 302);
    });

    server.get<{ Params: { slug: string; period: string }; Querystring: DashboardQuery }>(
      ROUTES.dashboard,
      async (request, reply) => {
        const cycle = cycleOf(request);
        const audience = audienceOf(request.user);
        const shown = await app.performance.reportView(cycle);
        if (shown === NOT_VISIBLE) return notFound(reply);
        const { report } = shown;
        const versions = await app.performance.versions(cycle);
        const periods = await app.performance.visiblePeriods(cycle.committee.id, audience);
        const query = Object.fromEntries(
          Object.entries(request.query ?? {}).filter(([, v]) => typeof v === 'string'),
        ) as DashboardQuery;
        // The public page cache keys the page on the filter values it accepts (src/web/publicCache.ts).
        acceptQueryValues(request, { ...dashboardQueryValues(report), version: versions.map((v) => String(v.version)) });
        const view = buildDashboardView({
          report,
          query,
          periods,
          status: audience.includeUnpublished ? cycle.status : null,
          version: earlierVersion(shown.publication, versions[0]?.version ?? null),
        });
        const notice = buildPublicationNotice({ view: shown, versions, status: cycle.status, committeeSlug: cycle.committee.slug, periodKey: cycle.periodKey });
        // Sign-off: the status and the steps this user may take (docs/running-a-quarter.md).
        const user = request.user;
        const entryCycle = user && SIGN_OFF_ROLES.includes(user.role) ? await app.entry.cycle(cycle.committee.slug, report.period.key) : null;
        const signOff =
          user && entryCycle
            ? buildSignOffPanel({ committeeSlug: entryCycle.committee.slug, period: entryCycle.periodKey, status: cycle.status, role: user.role, hasScope: await app.entry.hasScopeIn(entryCycle, user) })
            : null;
        return reply.view('dashboard/dashboard.njk', { ...view, signOff, notice });
      },
    );
  };

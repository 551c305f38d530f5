/**
 * The indicator page: /indicators/:slug (`CG/S3` → /indicators/cg-s3). A ref in the path
 * (/indicators/CG%2FS3) redirects to the slug. Results of periods the viewer may not see are left out
 * of everything — table, chart, commentary — by the service (app.performance.indicatorHistory).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import { ROUTES, indicatorPath, indicatorSlug } from '../../urls.ts';
import { notFound } from '../../errors.ts';
import { buildIndicatorView } from './viewModel.ts';

export const indicatorRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { ref: string } }>(ROUTES.indicator, async (request, reply) => {
      const asked = request.params.ref;
      const refs = await app.performance.indicatorRefs();
      const found = refs.find((r) => indicatorSlug(r.ref) === asked);
      if (!found) {
        const byRef = refs.find((r) => r.ref.toLowerCase() === asked.trim().toLowerCase());
        return byRef ? reply.redirect(indicatorPath(byRef.ref), 301) : notFound(reply);
      }
      const history = await app.performance.indicatorHistory(found, audienceOf(request.user));
      if (history === NOT_VISIBLE) return notFound(reply);
      const positions = await app.comparators.positionsInHistory(found.id, history);
      return reply.view('indicator/indicator.njk', buildIndicatorView(history, positions));
    });
  };

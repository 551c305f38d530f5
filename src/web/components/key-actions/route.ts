/** The key actions page: /committees/:slug/:period/actions. */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import { notFound } from '../../errors.ts';
import { cycleOf } from '../shared/committeeCycle.ts';
import { buildKeyActionsView } from './viewModel.ts';
import { ROUTES } from '../../urls.ts';

export const keyActionRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { slug: string; period: string } }>(ROUTES.actions, async (request, reply) => {
      const cycle = cycleOf(request);
      const report = await app.performance.report(cycle);
      if (report === NOT_VISIBLE) return notFound(reply);
      return reply.view('key-actions/key-actions.njk', buildKeyActionsView(report, audienceOf(request.user).includeUnpublished ? cycle.status : null));
    });
  };

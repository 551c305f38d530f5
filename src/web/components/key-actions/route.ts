/** The key actions page: /committees/:slug/:period/actions. */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { ReportRepository } from '../../../repositories/reportRepository.ts';
import { audienceOf, notFound } from '../../visibility.ts';
import { loadVisibleReport } from '../shared/committeeReport.ts';
import { buildKeyActionsView } from './viewModel.ts';
import { ROUTES } from '../../urls.ts';

export const keyActionRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const repo = new ReportRepository(app.handle.db);
    server.get<{ Params: { slug: string; period: string } }>(ROUTES.actions, async (request, reply) => {
      const audience = audienceOf(request.user);
      const loaded = await loadVisibleReport(app, repo, request.params.slug, request.params.period, audience);
      if (!loaded) return notFound(reply);
      return reply.view('key-actions/key-actions.njk', buildKeyActionsView(loaded.report, audience.includeUnpublished ? loaded.status : null));
    });
  };

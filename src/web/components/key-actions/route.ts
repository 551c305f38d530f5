/** The key actions page: /committees/:slug/:period/actions. */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import { notFound } from '../../errors.ts';
import { cycleOf } from '../shared/committeeCycle.ts';
import { acceptQueryValues } from '../../publicCache.ts';
import { buildPublicationNotice, earlierVersion } from '../shared/publicationNotice.ts';
import { buildKeyActionsView } from './viewModel.ts';
import { ROUTES } from '../../urls.ts';

export const keyActionRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { slug: string; period: string } }>(ROUTES.actions, async (request, reply) => {
      const cycle = cycleOf(request);
      const shown = await app.performance.reportView(cycle);
      if (shown === NOT_VISIBLE) return notFound(reply);
      const versions = await app.performance.versions(cycle);
      acceptQueryValues(request, { version: versions.map((v) => String(v.version)) });
      const version = earlierVersion(shown.publication, versions[0]?.version ?? null);
      const notice = buildPublicationNotice({ view: shown, versions, status: cycle.status, committeeSlug: cycle.committee.slug, periodKey: cycle.periodKey });
      return reply.view('key-actions/key-actions.njk', { ...buildKeyActionsView(shown.report, audienceOf(request.user).includeUnpublished ? cycle.status : null, version), notice });
    });
  };

/**
 * The public pages of a committee's period — dashboard, key actions, papers — under one hook that
 * resolves the committee and period of the URL once for the visitor (shared/committeeCycle.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../app.ts';
import { dashboardRoutes } from './dashboard/route.ts';
import { keyActionRoutes } from './key-actions/route.ts';
import { reportPageRoutes } from './report-pages/route.ts';
import { resolveCommitteeCycle } from './shared/committeeCycle.ts';

export const committeePageRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    resolveCommitteeCycle(server, app);
    server.register(dashboardRoutes(app));
    server.register(keyActionRoutes(app));
    server.register(reportPageRoutes(app));
  };

/**
 * Framework administration (docs/administration.md): plan years and rating methods, committees and
 * their priorities, indicators (a definition version per plan year) and targets. Performance
 * officers and administrators only; every change goes through the importer and is audited.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { requireRole } from '../../auth/plugin.ts';
import { committeeRoutes } from './committees/route.ts';
import { indicatorAdminRoutes } from './indicators/route.ts';
import { planYearRoutes } from './plan-years/route.ts';
import { ROUTES } from '../../urls.ts';

/** Who may administer the framework. */
export const FRAMEWORK_ROLES = ['administrator', 'performance-officer'] as const;

export const adminFrameworkRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...FRAMEWORK_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      return payload;
    });

    server.get(ROUTES.adminFramework, async (_request, reply) =>
      reply.view('admin-framework/overview.njk', {
        pageTitle: 'Framework administration',
        areas: [
          { href: ROUTES.adminPlanYears, title: 'Plan years and rating methods', text: 'How each plan year rates indicators, and the key its reports print.' },
          { href: ROUTES.adminCommittees, title: 'Committees and priorities', text: 'Names by plan year, terms of reference, priorities with their outcomes.' },
          { href: ROUTES.adminIndicators, title: 'Indicators and targets', text: "Definitions by plan year with their history, and each year's targets — including next year's (the addendum)." },
        ],
      }),
    );

    await server.register(planYearRoutes(app));
    await server.register(committeeRoutes(app));
    await server.register(indicatorAdminRoutes(app));
  };

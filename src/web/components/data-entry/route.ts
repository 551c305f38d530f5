/**
 * /data-entry — every committee's periods by plan year with their status; and
 * /committees/:slug/:period/data-entry — a period's indicators and key actions with links to their
 * forms (data owners see what is in their scope), and the sign-off panel. Data owners, performance
 * officers and administrators.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { committeeNameIn } from '../../../domain/organisation.ts';
import { PANEL_ROLES } from '../panel-entry/viewModel.ts';
import { buildSignOffPanel } from '../sign-off/viewModel.ts';
import { guardEntryRoutes, loadCycle } from './shared.ts';
import { buildEntryIndexView, buildEntryOverviewView } from './viewModel.ts';
import { ROUTES, panelsPath } from '../../urls.ts';

export const dataEntryRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    guardEntryRoutes(server);

    server.get(ROUTES.entryIndex, async (_request, reply) => {
      const [committees, planYears, statuses] = await Promise.all([app.organisation.committees(), app.organisation.planYears(), app.publication.statuses()]);
      const latest = planYears[planYears.length - 1] ?? 0;
      return reply.view(
        'data-entry/index.njk',
        buildEntryIndexView({
          committees: committees.map((c) => ({ id: c.id, slug: c.slug, name: committeeNameIn(c, latest) })),
          planYears,
          statuses,
        }),
      );
    });

    server.get<{ Params: { slug: string; period: string }; Querystring: { saved?: string; ref?: string; changed?: string } }>(
      ROUTES.entry,
      async (request, reply) => {
        const cycle = await loadCycle(app, reply, request.params.slug, request.params.period);
        if (!cycle) return reply;
        const user = request.user!;
        const [status, indicators, actions, hasScope] = await Promise.all([
          app.entry.status(cycle),
          app.entry.indicators(cycle),
          app.entry.keyActions(cycle),
          app.entry.hasScopeIn(cycle, user),
        ]);
        const q = request.query;
        // Only a record of this page is named in the notice (the query string is not trusted).
        const known = q.saved === 'result' ? indicators.some((i) => i.indicator.ref === q.ref) : q.saved === 'action' ? actions.some((a) => a.ref === q.ref) : false;
        const saved = known ? { kind: q.saved as 'result' | 'action', ref: q.ref!, changed: q.changed === '1' } : null;
        const panelsHref = (PANEL_ROLES as readonly string[]).includes(user.role) ? panelsPath(cycle.committee.slug, cycle.periodKey) : null;
        return reply.view('data-entry/overview.njk', {
          panelsHref,
          ...buildEntryOverviewView({
            committeeSlug: cycle.committee.slug,
            period: cycle.periodKey,
            cycleLabel: cycle.label,
            status,
            user,
            indicators,
            actions,
            signOff: buildSignOffPanel({ committeeSlug: cycle.committee.slug, period: cycle.periodKey, status, role: user.role, hasScope }),
            saved,
          }),
        });
      },
    );
  };

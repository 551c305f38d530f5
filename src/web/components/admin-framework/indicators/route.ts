/**
 * /admin/framework/indicators: indicator definitions (a version per plan year, with the history) and
 * targets (next year's beside this year's). Saved through the importer.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../../app.ts';
import { versionToInput, type IndicatorInput, type TargetInput } from '../../../../services/frameworkAdminService.ts';
import { ROUTES, indicatorAdminPath, indicatorSlug, targetsAdminPath } from '../../../urls.ts';
import { notFound } from '../../../errors.ts';
import { fields, noticeFrom, type Body } from '../shared.ts';
import { buildIndicatorFormView, buildIndicatorListView, buildTargetsView, EMPTY_INDICATOR, INDICATOR_FIELDS, TARGET_FIELDS } from './viewModel.ts';

const readIndicator = (body: Body): IndicatorInput => fields(body, INDICATOR_FIELDS);
const readTarget = (body: Body): TargetInput => fields(body, TARGET_FIELDS);

export const indicatorAdminRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const find = async (slug: string) => (await app.framework.indicators()).find((i) => indicatorSlug(i.ref) === slug) ?? null;
    const planYears = async () => (await app.framework.planYears()).map((y) => y.startYear);

    server.get(ROUTES.adminIndicators, async (request, reply) => {
      const [indicators, committees] = await Promise.all([app.framework.indicators(), app.framework.committees()]);
      return reply.view('admin-framework/indicators/list.njk', buildIndicatorListView(indicators, committees, noticeFrom(request.query)));
    });

    server.get(ROUTES.adminIndicatorNew, async (_request, reply) => {
      const [committees, years] = await Promise.all([app.framework.committees(), planYears()]);
      return reply.view('admin-framework/indicators/form.njk', buildIndicatorFormView({ mode: 'add', values: EMPTY_INDICATOR, committees, planYears: years }));
    });

    server.post<{ Body: Body }>(ROUTES.adminIndicators, async (request, reply) => {
      const values = readIndicator(request.body);
      const outcome = await app.framework.saveIndicator('add', values, { label: request.user!.email }, null);
      if (!outcome.ok) {
        const [committees, years] = await Promise.all([app.framework.committees(), planYears()]);
        return reply
          .code(400)
          .view('admin-framework/indicators/form.njk', buildIndicatorFormView({ mode: 'add', values, committees, planYears: years, errors: outcome.errors }));
      }
      return reply.redirect(`${indicatorAdminPath(values.ref.trim())}?saved=1`, 303);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminIndicator, async (request, reply) => {
      const indicator = await find(request.params.slug);
      if (!indicator) return notFound(reply);
      const [versions, committees, years] = await Promise.all([app.framework.versions(indicator.id), app.framework.committees(), planYears()]);
      const latestYear = years.length ? Math.max(...years) : null;
      const values = versionToInput(versions.at(-1)!, indicator.ref, latestYear);
      return reply.view(
        'admin-framework/indicators/form.njk',
        buildIndicatorFormView({ mode: 'change', ref: indicator.ref, values, versions, committees, planYears: years, notice: noticeFrom(request.query) }),
      );
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminIndicator, async (request, reply) => {
      const indicator = await find(request.params.slug);
      if (!indicator) return notFound(reply);
      const values = { ...readIndicator(request.body), ref: indicator.ref };
      const outcome = await app.framework.saveIndicator('change', values, { label: request.user!.email }, indicator);
      if (!outcome.ok) {
        const [versions, committees, years] = await Promise.all([app.framework.versions(indicator.id), app.framework.committees(), planYears()]);
        return reply
          .code(400)
          .view(
            'admin-framework/indicators/form.njk',
            buildIndicatorFormView({ mode: 'change', ref: indicator.ref, values, versions, committees, planYears: years, errors: outcome.errors }),
          );
      }
      return reply.redirect(`${indicatorAdminPath(indicator.ref)}?saved=${outcome.changed ? 1 : 0}`, 303);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminTargets, async (request, reply) => {
      const indicator = await find(request.params.slug);
      if (!indicator) return notFound(reply);
      const [targets, years] = await Promise.all([app.framework.targets(indicator.id), planYears()]);
      return reply.view(
        'admin-framework/indicators/targets.njk',
        buildTargetsView({ ref: indicator.ref, title: indicator.title, targets, planYears: years, notice: noticeFrom(request.query) }),
      );
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminTargets, async (request, reply) => {
      const indicator = await find(request.params.slug);
      if (!indicator) return notFound(reply);
      const values = readTarget(request.body);
      const outcome = await app.framework.saveTarget(indicator, values, { label: request.user!.email });
      if (!outcome.ok) {
        const [targets, years] = await Promise.all([app.framework.targets(indicator.id), planYears()]);
        return reply
          .code(400)
          .view('admin-framework/indicators/targets.njk', buildTargetsView({ ref: indicator.ref, title: indicator.title, targets, planYears: years, values, errors: outcome.errors }));
      }
      return reply.redirect(`${targetsAdminPath(indicator.ref)}?saved=${outcome.changed ? 1 : 0}`, 303);
    });
  };

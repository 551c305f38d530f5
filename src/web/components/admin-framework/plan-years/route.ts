/**
 * /admin/framework/plan-years: each plan year's rating method (method, formula, bands, directional
 * policy, high-risk threshold) with the printed key it produces. Saved through the importer.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../../app.ts';
import { formatFinancialYear } from '../../../../domain/periods.ts';
import type { PlanYearInput } from '../../../../services/frameworkAdminService.ts';
import { notFound } from '../../../errors.ts';
import { fields, noticeFrom, type Body } from '../shared.ts';
import { buildPlanYearFormView, buildPlanYearListView, EMPTY_PLAN_YEAR, PLAN_YEAR_FIELDS, planYearToInput, yearFromSlug } from './viewModel.ts';
import { ROUTES, planYearPath } from '../../../urls.ts';

const read = (body: Body): PlanYearInput => fields(body, PLAN_YEAR_FIELDS);

export const planYearRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const publishedIn = async (year: number) =>
      (await app.framework.publishedCycles()).filter((c) => c.planYear === year).map((c) => c.period);

    server.get(ROUTES.adminPlanYears, async (request, reply) => {
      const [years, cycles] = await Promise.all([app.framework.planYears(), app.framework.publishedCycles()]);
      return reply.view('admin-framework/plan-years/list.njk', buildPlanYearListView(years, new Set(cycles.map((c) => c.planYear)), noticeFrom(request.query)));
    });

    server.get(ROUTES.adminPlanYearNew, async (_request, reply) => {
      const years = await app.framework.planYears();
      const latest = years.at(-1);
      const values = latest ? { ...planYearToInput(latest), plan_year: formatFinancialYear(latest.startYear + 1) } : EMPTY_PLAN_YEAR;
      return reply.view('admin-framework/plan-years/form.njk', buildPlanYearFormView({ mode: 'add', values }));
    });

    server.post<{ Body: Body }>(ROUTES.adminPlanYears, async (request, reply) => {
      const values = read(request.body);
      if (request.body?.action === 'preview') return reply.view('admin-framework/plan-years/form.njk', buildPlanYearFormView({ mode: 'add', values }));
      const outcome = await app.framework.savePlanYear('add', values, { label: request.user!.email }, null);
      if (!outcome.ok) return reply.code(400).view('admin-framework/plan-years/form.njk', buildPlanYearFormView({ mode: 'add', values, errors: outcome.errors }));
      return reply.redirect(`${ROUTES.adminPlanYears}?saved=${outcome.changed ? 1 : 0}`, 303);
    });

    server.get<{ Params: { year: string } }>(ROUTES.adminPlanYear, async (request, reply) => {
      const year = yearFromSlug(request.params.year);
      const stored = (await app.framework.planYears()).find((y) => y.startYear === year);
      if (!stored) return notFound(reply);
      return reply.view(
        'admin-framework/plan-years/form.njk',
        { ...buildPlanYearFormView({ mode: 'change', values: planYearToInput(stored), stored, published: await publishedIn(stored.startYear) }), noticeText: noticeFrom(request.query) },
      );
    });

    server.post<{ Params: { year: string }; Body: Body }>(ROUTES.adminPlanYear, async (request, reply) => {
      const year = yearFromSlug(request.params.year);
      const stored = (await app.framework.planYears()).find((y) => y.startYear === year);
      if (!stored) return notFound(reply);
      const values = read(request.body);
      const published = await publishedIn(stored.startYear);
      if (request.body?.action === 'preview') {
        return reply.view('admin-framework/plan-years/form.njk', buildPlanYearFormView({ mode: 'change', values, stored, published }));
      }
      const outcome = await app.framework.savePlanYear('change', values, { label: request.user!.email }, stored);
      if (!outcome.ok) {
        return reply.code(400).view('admin-framework/plan-years/form.njk', buildPlanYearFormView({ mode: 'change', values, stored, published, errors: outcome.errors }));
      }
      return reply.redirect(`${planYearPath(stored.startYear)}?saved=${outcome.changed ? 1 : 0}`, 303);
    });
  };

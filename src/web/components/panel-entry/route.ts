/**
 * Panel entry (docs/running-a-quarter.md "Finance, risk and narrative panels"):
 *   GET  /committees/:slug/:period/panels                 every panel sheet with its rows and computed figures
 *   GET  /committees/:slug/:period/panels/:sheet/new      the form of a new row
 *   POST /committees/:slug/:period/panels/:sheet          add a row
 *   GET  /committees/:slug/:period/panels/:sheet/:rowKey  the form of a stored row (rowKey = its id)
 *   POST /committees/:slug/:period/panels/:sheet/:rowKey  change it
 * Performance officers and administrators. Every save is a one-row workbook put through the importer
 * (validateWorkbook → ImportService.importData), so validation, the audit log (before → after,
 * reason) and the published-period lock are the importer's.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { formatPeriod } from '../../../domain/periods.ts';
import type { EntryCycle } from '../../../services/entryService.ts';
import { PANELS, type PanelSheet } from '../../../workbook/panelSpecs.ts';
import { validateWorkbook } from '../../../workbook/validate.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { loadCycle, noStore } from '../data-entry/shared.ts';
import { buildPanelFormView, buildPanelsView, isPanelSheet, PANEL_ROLES, preChecks, readValues, storedToValues, toFieldErrors, toWorkbook, withNextPosition, type FieldErrors, type PanelValues } from './viewModel.ts';
import { ROUTES, entryPath, panelsPath } from '../../urls.ts';

type Params = { slug: string; period: string; sheet: string; rowKey: string };

export const panelEntryRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...PANEL_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      noStore(reply);
      return payload;
    });

    const lockOf = (cycle: EntryCycle) => app.panels.lock(cycle);
    const priorities = (cycle: EntryCycle) => app.panels.priorities(cycle);
    const computed = (cycle: EntryCycle) => app.panels.computed(cycle);

    /** The cycle and sheet of a URL (and the stored row when `rowKey` is given), or a 404 page. */
    const load = async (reply: FastifyReply, p: Partial<Params>) => {
      const cycle = await loadCycle(app, reply, p.slug!, p.period!);
      if (!cycle) return null;
      if (!p.sheet || !isPanelSheet(p.sheet)) {
        notFound(reply);
        return null;
      }
      const sheet: PanelSheet = p.sheet;
      const stored = (await app.panels.stored(cycle))[sheet];
      const row = p.rowKey === undefined ? null : (stored.find((r) => String(r.id) === p.rowKey) ?? null);
      if (p.rowKey !== undefined && !row) {
        notFound(reply);
        return null;
      }
      return { cycle, sheet, spec: PANELS[sheet], stored, row };
    };

    const form = async (
      reply: FastifyReply,
      ctx: NonNullable<Awaited<ReturnType<typeof load>>>,
      values: PanelValues,
      errors: FieldErrors = {},
      code = 200,
    ) =>
      reply.code(code).view(
        'panel-entry/form.njk',
        buildPanelFormView({
          spec: ctx.spec,
          committeeSlug: ctx.cycle.committee.slug,
          period: ctx.cycle.periodKey,
          cycleLabel: ctx.cycle.label,
          mode: ctx.row ? 'change' : 'add',
          rowId: ctx.row?.id ?? null,
          values,
          errors,
          priorities: await priorities(ctx.cycle),
          lock: await lockOf(ctx.cycle),
          computed: ctx.sheet === 'priority_status' ? await computed(ctx.cycle) : null,
        }),
      );

    server.get<{ Params: Params; Querystring: { saved?: string } }>(ROUTES.panels, async (request, reply) => {
      const cycle = await loadCycle(app, reply, request.params.slug, request.params.period);
      if (!cycle) return reply;
      const saved = request.query.saved;
      return reply.view(
        'panel-entry/panels.njk',
        buildPanelsView({
          committeeSlug: cycle.committee.slug,
          period: cycle.periodKey,
          cycleLabel: cycle.label,
          entryHref: entryPath(cycle.committee.slug, cycle.periodKey),
          stored: await app.panels.stored(cycle),
          computed: await computed(cycle),
          lock: await lockOf(cycle),
          notice: saved === '1' ? 'Your changes have been saved and recorded in the audit log.' : saved === '0' ? 'Nothing was changed: the values are the same as those stored.' : null,
        }),
      );
    });

    server.get<{ Params: Params; Querystring: { priority?: string } }>(ROUTES.panelNew, async (request, reply) => {
      const ctx = await load(reply, request.params);
      if (!ctx) return reply;
      const values = storedToValues(ctx.spec, null);
      // "Record the overall status" of a priority named on the panels page.
      if (ctx.sheet === 'priority_status' && typeof request.query.priority === 'string') values.priority = request.query.priority;
      return form(reply, ctx, values);
    });

    server.get<{ Params: Params }>(ROUTES.panelRow, async (request, reply) => {
      const ctx = await load(reply, request.params);
      if (!ctx) return reply;
      return form(reply, ctx, storedToValues(ctx.spec, ctx.row));
    });

    const save = async (reply: FastifyReply, ctx: NonNullable<Awaited<ReturnType<typeof load>>>, body: Record<string, unknown> | undefined, email: string) => {
      let values = readValues(ctx.spec, body);
      // A stored row keeps its key: changing it would make another row.
      if (ctx.row) for (const k of ctx.spec.key) values[k] = String(ctx.row.values[k] ?? '');
      const checks = preChecks(ctx.spec, values, ctx.stored, ctx.row ? 'change' : 'add');
      if (Object.keys(checks).length) return form(reply, ctx, values, checks, 400);
      values = withNextPosition(ctx.spec, values, ctx.stored);
      const validated = validateWorkbook(toWorkbook(ctx.spec, ctx.cycle.committeeName, formatPeriod(ctx.cycle.period), values));
      if (!validated.ok) return form(reply, ctx, values, toFieldErrors(ctx.spec, validated.errors), 400);
      const outcome = await app.imports.importData(validated.data, { actor: email, reason: values.reason!.trim() || null });
      if (!outcome.ok) return form(reply, ctx, values, toFieldErrors(ctx.spec, outcome.errors), 400);
      return reply.redirect(`${panelsPath(ctx.cycle.committee.slug, ctx.cycle.periodKey)}?saved=${outcome.changes.length ? 1 : 0}#panel-${ctx.sheet.replace(/_/g, '-')}`, 303);
    };

    server.post<{ Params: Params; Body: Record<string, unknown> | undefined }>(ROUTES.panelSheet, async (request, reply) => {
      const ctx = await load(reply, request.params);
      if (!ctx) return reply;
      return save(reply, ctx, request.body, request.user!.email);
    });

    server.post<{ Params: Params; Body: Record<string, unknown> | undefined }>(ROUTES.panelRow, async (request, reply) => {
      const ctx = await load(reply, request.params);
      if (!ctx) return reply;
      return save(reply, ctx, request.body, request.user!.email);
    });
  };

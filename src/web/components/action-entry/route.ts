/**
 * /committees/:slug/:period/data-entry/actions/:ref — a key action's RAG and commentary for one period:
 * GET shows the form (read-only when the cycle is locked for the user), POST saves it through
 * EntryService (validation, lock, a version check against concurrent saves, audit in one transaction).
 * Data owners only for key actions of their services (or refs) — 403 otherwise; performance officers;
 * administrators.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { mayEditAction, type ActionEntryValues } from '../../../services/resultEntry.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { notFound } from '../../errors.ts';
import { field, guardEntryRoutes, loadCycle, type Body } from '../data-entry/shared.ts';
import { outOfScope } from '../result-entry/route.ts';
import { actionValuesFromStored, buildActionFormView } from './viewModel.ts';
import { actionVersion } from '../../../services/entryService.ts';
import { ROUTES, actionEntryPath, entryPath } from '../../urls.ts';

type Params = { slug: string; period: string; ref: string };

function formValues(body: Body): ActionEntryValues {
  return { rag: field(body, 'rag'), commentary: field(body, 'commentary'), reason: field(body, 'reason') };
}

export const actionEntryRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    guardEntryRoutes(server);

    async function load(params: Params, reply: FastifyReply, user: SessionUser, redirectOtherCase = false) {
      const cycle = await loadCycle(app, reply, params.slug, params.period);
      if (!cycle) return null;
      const action = await app.entry.keyAction(cycle, params.ref);
      if (!action) {
        // A ref written in another case (ka1 for KA1) leads to the action's own address, as indicator refs do.
        const other = redirectOtherCase ? (await app.entry.keyActions(cycle)).find((a) => a.ref.toLowerCase() === params.ref.trim().toLowerCase()) : undefined;
        if (other) reply.redirect(actionEntryPath(cycle.committee.slug, cycle.periodKey, other.ref), 301);
        else notFound(reply);
        return null;
      }
      if (!mayEditAction(user, action)) {
        outOfScope(reply, user, `Key action ${action.ref}`, entryPath(cycle.committee.slug, cycle.periodKey));
        return null;
      }
      return { cycle, action, status: await app.entry.status(cycle) };
    }

    server.get<{ Params: Params }>(ROUTES.actionEntry, async (request, reply) => {
      const user = request.user!;
      const loaded = await load(request.params, reply, user, true);
      if (!loaded) return reply;
      const { cycle, action, status } = loaded;
      const lastChange = action.rag === null ? null : await app.entry.lastChange('key_action_update', app.entry.actionKey(cycle, action.ref));
      return reply.view(
        'action-entry/action-entry.njk',
        buildActionFormView({
          committeeSlug: cycle.committee.slug,
          period: cycle.periodKey,
          cycleLabel: cycle.label,
          status,
          user,
          action,
          values: actionValuesFromStored(action),
          lastChange,
        }),
      );
    });

    server.post<{ Params: Params; Body: Body }>(ROUTES.actionEntry, async (request, reply) => {
      const user = request.user!;
      const loaded = await load(request.params, reply, user);
      if (!loaded) return reply;
      const { cycle, action, status } = loaded;
      const values = formValues(request.body);
      const version = field(request.body, 'version').slice(0, 100);
      const base = { committeeSlug: cycle.committee.slug, period: cycle.periodKey, cycleLabel: cycle.label, status, user, action };
      const outcome = await app.entry.saveKeyAction(cycle, action, values, version, user);
      switch (outcome.kind) {
        case 'saved':
          return reply.redirect(
            `${entryPath(cycle.committee.slug, cycle.periodKey)}?saved=action&ref=${encodeURIComponent(action.ref)}&changed=${outcome.changed ? 1 : 0}`,
            303,
          );
        case 'invalid':
          return reply.code(400).view('action-entry/action-entry.njk', buildActionFormView({ ...base, values, version, errors: outcome.errors }));
        case 'conflict':
          return reply.code(409).view(
            'action-entry/action-entry.njk',
            buildActionFormView({
              ...base,
              values,
              version: outcome.current ? actionVersion(outcome.current) : 'none',
              conflict: { current: outcome.current, lastChange: outcome.lastChange },
            }),
          );
        case 'locked': {
          const now = await app.entry.status(cycle);
          return reply.code(409).view('action-entry/action-entry.njk', buildActionFormView({ ...base, status: now, values: actionValuesFromStored(action), refused: outcome.message }));
        }
      }
    });
  };

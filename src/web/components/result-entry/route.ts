/**
 * /committees/:slug/:period/data-entry/indicators/:ref — the result of one indicator for one period:
 * GET shows the form (read-only when the cycle is locked for the user), POST saves it through
 * EntryService (validation, lock, optimistic concurrency on result.revision, audit in one transaction).
 * Data owners only for indicators in their scope (403 otherwise); performance officers; administrators.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { mayEditIndicator, type ResultEntryValues } from '../../../services/resultEntry.ts';
import type { SessionUser } from '../../../domain/access.ts';
import { ROUTES, entryPath, indicatorSlug } from '../../urls.ts';
import { notFound } from '../../errors.ts';
import { field, guardEntryRoutes, loadCycle, type Body } from '../data-entry/shared.ts';
import { buildResultFormView, valuesFromStored } from './viewModel.ts';

type Params = { slug: string; period: string; ref: string };

export function outOfScope(reply: FastifyReply, user: SessionUser, what: string, back: string): FastifyReply {
  return reply.code(403).view('access/problem.njk', {
    pageTitle: 'You do not have permission to change this',
    paragraphs: [
      `You are signed in as ${user.name}, data owner. ${what} is not in your scope.`,
      'Data owners enter results and commentary for the indicator refs and services an administrator has given them. If you think this should be yours, ask an administrator.',
    ],
    link: { href: back, text: 'Back to data entry' },
  });
}

function formValues(body: Body): ResultEntryValues {
  return {
    value: field(body, 'value'),
    status: field(body, 'status'),
    dataPeriod: field(body, 'dataPeriod'),
    note: field(body, 'note'),
    commentary: field(body, 'commentary'),
    intervention: field(body, 'intervention'),
    reason: field(body, 'reason'),
  };
}

export const resultEntryRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    guardEntryRoutes(server);

    async function load(params: Params, reply: FastifyReply, user: SessionUser) {
      const cycle = await loadCycle(app, reply, params.slug, params.period);
      if (!cycle) return null;
      const entry = await app.entry.indicator(cycle, (ref) => indicatorSlug(ref) === params.ref);
      if (!entry) {
        notFound(reply);
        return null;
      }
      if (!mayEditIndicator(user, entry.indicator)) {
        outOfScope(reply, user, `Indicator ${entry.indicator.ref}`, entryPath(cycle.committee.slug, cycle.periodKey));
        return null;
      }
      const status = await app.entry.status(cycle);
      return { cycle, entry, status };
    }

    server.get<{ Params: Params }>(ROUTES.resultEntry, async (request, reply) => {
      const user = request.user!;
      const loaded = await load(request.params, reply, user);
      if (!loaded) return reply;
      const { cycle, entry, status } = loaded;
      const lastChange = entry.stored ? await app.entry.lastChange('result', app.entry.resultKey(cycle, entry.indicator.ref)) : null;
      return reply.view(
        'result-entry/result-entry.njk',
        buildResultFormView({
          committeeSlug: cycle.committee.slug,
          period: cycle.periodKey,
          cycleLabel: cycle.label,
          status,
          user,
          entry,
          values: valuesFromStored(entry.stored),
          revision: entry.stored?.revision ?? 0,
          lastChange,
        }),
      );
    });

    server.post<{ Params: Params; Body: Body }>(ROUTES.resultEntry, async (request, reply) => {
      const user = request.user!;
      const loaded = await load(request.params, reply, user);
      if (!loaded) return reply;
      const { cycle, entry, status } = loaded;
      const values = formValues(request.body);
      const revisionText = field(request.body, 'revision');
      const revision = /^\d{1,9}$/.test(revisionText) ? Number(revisionText) : -1;
      const base = { committeeSlug: cycle.committee.slug, period: cycle.periodKey, cycleLabel: cycle.label, status, user, entry };
      const outcome = await app.entry.saveResult(cycle, entry, values, revision, user);
      switch (outcome.kind) {
        case 'saved':
          return reply.redirect(
            `${entryPath(cycle.committee.slug, cycle.periodKey)}?saved=result&ref=${encodeURIComponent(entry.indicator.ref)}&changed=${outcome.changed ? 1 : 0}`,
            303,
          );
        case 'invalid':
          return reply.code(400).view('result-entry/result-entry.njk', buildResultFormView({ ...base, values, revision: Math.max(revision, 0), errors: outcome.errors }));
        case 'conflict':
          return reply.code(409).view(
            'result-entry/result-entry.njk',
            buildResultFormView({ ...base, values, revision: outcome.current?.revision ?? 0, conflict: { current: outcome.current, lastChange: outcome.lastChange } }),
          );
        case 'locked': {
          const now = await app.entry.status(cycle);
          return reply.code(409).view(
            'result-entry/result-entry.njk',
            buildResultFormView({ ...base, status: now, values: valuesFromStored(entry.stored), revision: entry.stored?.revision ?? 0, refused: outcome.message }),
          );
        }
      }
    });
  };

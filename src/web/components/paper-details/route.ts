/**
 * Who the papers of a committee's period are from (docs/running-a-quarter.md "The papers"):
 *   GET  /committees/:slug/:period/paper   what the cover sheets print, the committee's default, the period's own
 *   POST /committees/:slug/:period/paper   set the period's own (blank: the committee's applies)
 * Performance officers and administrators (PaperDetailsService). Audited; refused once the period is published.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import type { EntryCycle } from '../../../services/entryService.ts';
import { detailsVersion, PAPER_DETAIL_ROLES } from '../../../services/paperDetailsService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { loadCycle, noStore } from '../data-entry/shared.ts';
import { committeePaperAdminPath, paperDetailsPath, ROUTES, signOffPath } from '../../urls.ts';
import { buildPaperFormView, paperFormValues, readPaperForm, type PaperFormValues } from './viewModel.ts';

type Params = { slug: string; period: string };

export const paperDetailsRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...PAPER_DETAIL_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      noStore(reply);
      return payload;
    });

    const page = async (
      reply: FastifyReply,
      cycle: EntryCycle,
      values: PaperFormValues | null,
      extra: { errors?: Record<string, string>; conflict?: Parameters<typeof buildPaperFormView>[0]['conflict']; notice?: string | null } = {},
      code = 200,
    ) => {
      const [details, lock] = await Promise.all([app.paperDetails.periodDetails(cycle), app.paperDetails.lock(cycle)]);
      return reply.code(code).view(
        'paper-details/form.njk',
        buildPaperFormView({
          scope: 'period',
          label: cycle.label,
          action: paperDetailsPath(cycle.committee.slug, cycle.periodKey),
          backHref: signOffPath(cycle.committee.slug, cycle.periodKey),
          backText: 'Back to sign-off',
          values: values ?? paperFormValues(details.period, detailsVersion(details.period)),
          resolved: details.resolved,
          committeeDetails: details.committee,
          committeeHref: committeePaperAdminPath(cycle.committee.slug),
          lock,
          ...extra,
        }),
      );
    };

    server.get<{ Params: Params; Querystring: { saved?: string } }>(ROUTES.paperDetails, async (request, reply) => {
      const cycle = await loadCycle(app, reply, request.params.slug, request.params.period);
      if (!cycle) return reply;
      const saved = request.query.saved;
      return page(reply, cycle, null, {
        notice: saved === '1' ? 'Your changes have been saved and recorded in the audit log.' : saved === '0' ? 'Nothing was changed: the values are the same as those stored.' : null,
      });
    });

    server.post<{ Params: Params; Body: Record<string, unknown> | undefined }>(ROUTES.paperDetails, async (request, reply) => {
      const cycle = await loadCycle(app, reply, request.params.slug, request.params.period);
      if (!cycle) return reply;
      const values = readPaperForm(request.body);
      const outcome = await app.paperDetails.savePeriod(cycle, values, values.version, values.reason, request.user!);
      switch (outcome.kind) {
        case 'saved':
          return reply.redirect(`${paperDetailsPath(cycle.committee.slug, cycle.periodKey)}?saved=${outcome.changed ? 1 : 0}`, 303);
        case 'invalid':
          return page(reply, cycle, values, { errors: outcome.errors }, 400);
        case 'conflict':
          return page(reply, cycle, { ...values, version: outcome.version }, { conflict: outcome.current }, 409);
        case 'locked':
          return page(reply, cycle, values, { errors: { report_of: outcome.message } }, 409);
        case 'forbidden':
          return reply.code(403).view('access/problem.njk', { pageTitle: 'You do not have permission to do this', paragraphs: [outcome.message], link: { href: signOffPath(cycle.committee.slug, cycle.periodKey), text: 'Back to sign-off' } });
      }
    });
  };

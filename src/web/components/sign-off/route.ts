/**
 * /committees/:slug/:period/sign-off: the cycle's status, the steps the user may take, and the history
 * (GET); one step — submit, approve, publish, reopen — with its reason (POST). Data owners (within their
 * scope), performance officers and administrators; which role may take which step is in
 * src/services/signOff.ts. Every step is audited with its reason.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { isSignOffAction, SIGN_OFF_ROLES, TRANSITIONS } from '../../../domain/signOff.ts';
import { requireRole } from '../../auth/plugin.ts';
import { ROLE_LABELS } from '../../../domain/access.ts';
import { field, loadCycle, noStore, type Body } from '../data-entry/shared.ts';
import { buildSignOffView } from './viewModel.ts';
import { paperDetailsPath, panelsPath, ROUTES, signOffPath } from '../../urls.ts';
import type { EntryCycle } from '../../../services/entryService.ts';
import type { SessionUser } from '../../../domain/access.ts';

type Params = { slug: string; period: string };

export const signOffRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...SIGN_OFF_ROLES));
    server.addHook('onSend', async (_request, reply, payload) => {
      noStore(reply);
      return payload;
    });

    /** The overall statuses and who the papers are from: shown to everyone here, changed by the performance team. */
    const paperFacts = async (cycle: EntryCycle, user: SessionUser) => {
      const editor = app.paperDetails.mayEdit(user);
      const [computed, details] = await Promise.all([app.panels.computed(cycle), app.paperDetails.periodDetails(cycle)]);
      return {
        statuses: { list: computed.priorityStatuses, href: editor ? `${panelsPath(cycle.committee.slug, cycle.periodKey)}#panel-priority-status` : null },
        paper: { resolved: details.resolved, href: editor ? paperDetailsPath(cycle.committee.slug, cycle.periodKey) : null },
      };
    };

    server.get<{ Params: Params; Querystring: { done?: string } }>(ROUTES.signOff, async (request, reply) => {
      const cycle = await loadCycle(app, reply, request.params.slug, request.params.period);
      if (!cycle) return reply;
      const user = request.user!;
      const [status, events, hasScope, completeness, facts] = await Promise.all([
        app.entry.status(cycle),
        app.entry.cycleEvents(cycle),
        app.entry.hasScopeIn(cycle, user),
        app.entry.completeness(cycle, user),
        paperFacts(cycle, user),
      ]);
      const done = isSignOffAction(request.query.done) ? request.query.done : null;
      return reply.view(
        'sign-off/sign-off.njk',
        buildSignOffView({
          committeeSlug: cycle.committee.slug,
          period: cycle.periodKey,
          status,
          role: user.role,
          hasScope,
          cycleLabel: cycle.label,
          events,
          done,
          partDone: request.query.done === 'part',
          completeness,
          dataOwner: user.role === 'data-owner',
          ...facts,
        }),
      );
    });

    server.post<{ Params: Params; Body: Body }>(ROUTES.signOff, async (request, reply) => {
      const cycle = await loadCycle(app, reply, request.params.slug, request.params.period);
      if (!cycle) return reply;
      const user = request.user!;
      const action = field(request.body, 'action');
      const reason = field(request.body, 'reason');
      if (!isSignOffAction(action)) {
        return reply.code(400).view('access/problem.njk', {
          pageTitle: 'Sorry, there is a problem with this form',
          paragraphs: ['The sign-off step was not recognised. Go back and try again.'],
          link: { href: signOffPath(cycle.committee.slug, cycle.periodKey), text: 'Back to sign-off' },
        });
      }
      const outcome = await app.entry.transition(cycle, action, user, reason);
      if (outcome.kind === 'done') return reply.redirect(`${signOffPath(cycle.committee.slug, cycle.periodKey)}?done=${action}`, 303);
      if (outcome.kind === 'part-submitted') return reply.redirect(`${signOffPath(cycle.committee.slug, cycle.periodKey)}?done=part`, 303);
      if (outcome.kind === 'forbidden') {
        const rule = TRANSITIONS[action];
        return reply.code(403).view('access/problem.njk', {
          pageTitle: 'You do not have permission to do this',
          paragraphs: [
            outcome.message,
            `This step is for: ${rule.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(', ')}${user.role === 'data-owner' ? ' (data owners: of a committee with indicators or key actions in their scope)' : ''}.`,
          ],
          link: { href: signOffPath(cycle.committee.slug, cycle.periodKey), text: 'Back to sign-off' },
        });
      }
      const [status, events, hasScope, completeness, facts] = await Promise.all([
        app.entry.status(cycle),
        app.entry.cycleEvents(cycle),
        app.entry.hasScopeIn(cycle, user),
        app.entry.completeness(cycle, user),
        paperFacts(cycle, user),
      ]);
      const base = { committeeSlug: cycle.committee.slug, period: cycle.periodKey, status, role: user.role, hasScope, cycleLabel: cycle.label, events, completeness, dataOwner: user.role === 'data-owner', ...facts };
      if (outcome.kind === 'invalid') {
        return reply.code(400).view('sign-off/sign-off.njk', buildSignOffView({ ...base, failed: { action, errors: outcome.errors, reason } }));
      }
      return reply.code(409).view('sign-off/sign-off.njk', buildSignOffView({ ...base, problem: outcome.message }));
    });
  };

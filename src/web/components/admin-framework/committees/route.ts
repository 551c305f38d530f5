/**
 * /admin/framework/committees: committees (names by plan year, terms of reference) and their
 * priorities (key outcome, corporate plan outcome). Saved through the importer.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../../app.ts';
import type { CommitteeInput, PriorityInput } from '../../../../services/frameworkAdminService.ts';
import { notFound } from '../../../errors.ts';
import { fields, noticeFrom, type Body } from '../shared.ts';
import { buildCommitteeFormView, buildCommitteeListView, buildPriorityFormView, COMMITTEE_FIELDS, EMPTY_COMMITTEE, PRIORITY_FIELDS, priorityToInput } from './viewModel.ts';
import { ROUTES, committeeAdminPath } from '../../../urls.ts';

const readCommittee = (body: Body): CommitteeInput => fields(body, COMMITTEE_FIELDS);
const readPriority = (body: Body): PriorityInput => fields(body, PRIORITY_FIELDS);
const EMPTY_PRIORITY: PriorityInput = { priority: '', outcome: '', corporate_outcome: '', reason: '' };

export const committeeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const repo = app.framework;
    const find = async (slug: string) => (await repo.committees()).find((c) => c.slug === slug) ?? null;
    const findPriority = async (slug: string, id: string) => {
      const committee = await find(slug);
      const priority = committee?.priorities.find((p) => String(p.id) === id) ?? null;
      return { committee, priority };
    };
    const priorityForm = async (reply: FastifyReply, args: Omit<Parameters<typeof buildPriorityFormView>[0], 'corporateOutcomes'>, code = 200) =>
      reply.code(code).view('admin-framework/committees/priority.njk', buildPriorityFormView({ ...args, corporateOutcomes: await repo.corporateOutcomes() }));

    server.get(ROUTES.adminCommittees, async (request, reply) =>
      reply.view('admin-framework/committees/list.njk', buildCommitteeListView(await repo.committees(), noticeFrom(request.query))),
    );

    server.get(ROUTES.adminCommitteeNew, async (_request, reply) =>
      reply.view('admin-framework/committees/form.njk', buildCommitteeFormView({ mode: 'add', values: EMPTY_COMMITTEE })),
    );

    server.post<{ Body: Body }>(ROUTES.adminCommittees, async (request, reply) => {
      const values = readCommittee(request.body);
      const outcome = await app.framework.addCommittee(values, { label: request.user!.email });
      if (!outcome.ok) return reply.code(400).view('admin-framework/committees/form.njk', buildCommitteeFormView({ mode: 'add', values, errors: outcome.errors }));
      return reply.redirect(outcome.slug ? `${committeeAdminPath(outcome.slug)}?saved=1` : `${ROUTES.adminCommittees}?saved=1`, 303);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminCommittee, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const values = { ...EMPTY_COMMITTEE, terms_of_reference: committee.termsOfReference ?? '' };
      return reply.view('admin-framework/committees/form.njk', buildCommitteeFormView({ mode: 'change', values, committee, notice: noticeFrom(request.query) }));
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminCommittee, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const values = readCommittee(request.body);
      const outcome = await app.framework.changeCommittee(committee, values, { label: request.user!.email });
      if (!outcome.ok) {
        return reply.code(400).view('admin-framework/committees/form.njk', buildCommitteeFormView({ mode: 'change', values, committee, errors: outcome.errors }));
      }
      return reply.redirect(`${committeeAdminPath(committee.slug)}?saved=${outcome.changed ? 1 : 0}`, 303);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminPriorityNew, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      return priorityForm(reply, { committee, priority: null, values: EMPTY_PRIORITY });
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminPriorities, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const values = readPriority(request.body);
      const outcome = await app.framework.savePriority(committee, null, values, { label: request.user!.email });
      if (!outcome.ok) return priorityForm(reply, { committee, priority: null, values, errors: outcome.errors }, 400);
      return reply.redirect(`${committeeAdminPath(committee.slug)}?saved=1`, 303);
    });

    server.get<{ Params: { slug: string; id: string } }>(ROUTES.adminPriority, async (request, reply) => {
      const { committee, priority } = await findPriority(request.params.slug, request.params.id);
      if (!committee || !priority) return notFound(reply);
      return priorityForm(reply, { committee, priority, values: priorityToInput(priority) });
    });

    server.post<{ Params: { slug: string; id: string }; Body: Body }>(ROUTES.adminPriority, async (request, reply) => {
      const { committee, priority } = await findPriority(request.params.slug, request.params.id);
      if (!committee || !priority) return notFound(reply);
      const values = { ...readPriority(request.body), priority: priority.name };
      const outcome = await app.framework.savePriority(committee, priority, values, { label: request.user!.email });
      if (!outcome.ok) return priorityForm(reply, { committee, priority, values, errors: outcome.errors }, 400);
      return reply.redirect(`${committeeAdminPath(committee.slug)}?saved=${outcome.changed ? 1 : 0}`, 303);
    });
  };

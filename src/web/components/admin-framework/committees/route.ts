/**
 * /admin/framework/committees: committees (names by plan year, terms of reference over time) and their
 * priorities (key outcome, corporate plan outcome), saved through the importer; and who the committee's
 * papers are from ("Report of", the officer contact: PaperDetailsService).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../../app.ts';
import type { AdminCommittee, CommitteeInput, PriorityInput, TermsInput } from '../../../../services/frameworkAdminService.ts';
import { detailsVersion } from '../../../../services/paperDetailsService.ts';
import { notFound } from '../../../errors.ts';
import { fields, noticeFrom, type Body } from '../shared.ts';
import { buildPaperFormView, paperFormValues, readPaperForm, type PaperFormValues } from '../../paper-details/viewModel.ts';
import {
  buildCommitteeFormView,
  buildCommitteeListView,
  buildPriorityFormView,
  buildTermsFormView,
  COMMITTEE_FIELDS,
  currentName,
  EMPTY_COMMITTEE,
  PRIORITY_FIELDS,
  priorityToInput,
  RENAME_FIELDS,
  TERMS_FIELDS,
  termsInputFor,
} from './viewModel.ts';
import { ROUTES, committeeAdminPath, committeePaperAdminPath } from '../../../urls.ts';

const readCommittee = (body: Body): CommitteeInput => fields(body, COMMITTEE_FIELDS);
const readRename = (body: Body): CommitteeInput => ({ ...fields(body, RENAME_FIELDS), terms_of_reference: '' });
const readTerms = (body: Body): TermsInput => fields(body, TERMS_FIELDS);
const readPriority = (body: Body): PriorityInput => fields(body, PRIORITY_FIELDS);
const EMPTY_PRIORITY: PriorityInput = { priority: '', outcome: '', corporate_outcome: '', reason: '' };

export const committeeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const find = async (slug: string) => (await app.framework.committees()).find((c) => c.slug === slug) ?? null;
    const findPriority = async (slug: string, id: string) => {
      const committee = await find(slug);
      const priority = committee?.priorities.find((p) => String(p.id) === id) ?? null;
      return { committee, priority };
    };
    const priorityForm = async (reply: FastifyReply, args: Omit<Parameters<typeof buildPriorityFormView>[0], 'corporateOutcomes'>, code = 200) =>
      reply.code(code).view('admin-framework/committees/priority.njk', buildPriorityFormView({ ...args, corporateOutcomes: await app.framework.corporateOutcomes() }));

    server.get(ROUTES.adminCommittees, async (request, reply) =>
      reply.view('admin-framework/committees/list.njk', buildCommitteeListView(await app.framework.committees(), noticeFrom(request.query))),
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

    const committeePage = async (reply: FastifyReply, committee: AdminCommittee, extra: { values?: CommitteeInput; errors?: Record<string, string>; notice?: string | null } = {}, code = 200) =>
      reply.code(code).view(
        'admin-framework/committees/form.njk',
        buildCommitteeFormView({ mode: 'change', values: extra.values ?? EMPTY_COMMITTEE, committee, paper: await app.paperDetails.committeeDetails(committee.id), errors: extra.errors, notice: extra.notice ?? null }),
      );

    server.get<{ Params: { slug: string } }>(ROUTES.adminCommittee, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      return committeePage(reply, committee, { notice: noticeFrom(request.query) });
    });

    // A rename: a new name from a plan year.
    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminCommittee, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const values = readRename(request.body);
      const outcome = await app.framework.changeCommittee(committee, values, { label: request.user!.email });
      if (!outcome.ok) return committeePage(reply, committee, { values, errors: outcome.errors }, 400);
      return reply.redirect(`${committeeAdminPath(committee.slug)}?saved=${outcome.changed ? 1 : 0}`, 303);
    });

    // Terms of reference from a plan year: added, or the text from that year changed.
    server.get<{ Params: { slug: string }; Querystring: { from?: string } }>(ROUTES.adminCommitteeTerms, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const from = typeof request.query.from === 'string' ? request.query.from : undefined;
      return reply.view('admin-framework/committees/terms.njk', buildTermsFormView({ committee, values: termsInputFor(committee, from) }));
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminCommitteeTerms, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const values = readTerms(request.body);
      const outcome = await app.framework.saveTerms(committee, values, { label: request.user!.email });
      if (!outcome.ok) return reply.code(400).view('admin-framework/committees/terms.njk', buildTermsFormView({ committee, values, errors: outcome.errors }));
      return reply.redirect(`${committeeAdminPath(committee.slug)}?saved=${outcome.changed ? 1 : 0}#terms-of-reference`, 303);
    });

    // Who the committee's papers are from, by default.
    const paperPage = async (reply: FastifyReply, committee: AdminCommittee, values: PaperFormValues | null, extra: { errors?: Record<string, string>; conflict?: Parameters<typeof buildPaperFormView>[0]['conflict'] } = {}, code = 200) => {
      const stored = await app.paperDetails.committeeDetails(committee.id);
      return reply.code(code).view(
        'paper-details/form.njk',
        buildPaperFormView({
          scope: 'committee',
          label: currentName(committee),
          action: committeePaperAdminPath(committee.slug),
          backHref: committeeAdminPath(committee.slug),
          backText: `Back to ${currentName(committee)}`,
          values: values ?? paperFormValues(stored, detailsVersion(stored)),
          ...extra,
        }),
      );
    };

    server.get<{ Params: { slug: string } }>(ROUTES.adminCommitteePaper, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      return paperPage(reply, committee, null);
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminCommitteePaper, async (request, reply) => {
      const committee = await find(request.params.slug);
      if (!committee) return notFound(reply);
      const values = readPaperForm(request.body);
      const outcome = await app.paperDetails.saveCommittee({ id: committee.id, name: currentName(committee) }, values, values.version, values.reason, request.user!);
      switch (outcome.kind) {
        case 'saved':
          return reply.redirect(`${committeeAdminPath(committee.slug)}?saved=${outcome.changed ? 1 : 0}#papers`, 303);
        case 'invalid':
          return paperPage(reply, committee, values, { errors: outcome.errors }, 400);
        case 'conflict':
          return paperPage(reply, committee, { ...values, version: outcome.version }, { conflict: outcome.current }, 409);
        case 'locked':
        case 'forbidden':
          return paperPage(reply, committee, values, { errors: { report_of: outcome.message } }, 403);
      }
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

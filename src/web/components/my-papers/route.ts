/**
 * Report authors' pages (issue 11, deliver 8; ADR 0020): /my-papers lists the papers naming the signed-in
 * officer as a contact; /my-papers/:paper is the draft form of one — its sections and recommendations. The
 * service decides who may (an officer's account linked to a person named on the paper, while the paper is
 * a draft): anyone else is told the paper is not found. Councillors are not report authors.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { NOT_VISIBLE, REPORT_AUTHOR_ROLES } from '../../../domain/access.ts';
import { CommitteeBusinessError, NotAllowedError } from '../../../services/committeeBusinessService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { myPaperPath, ROUTES } from '../../urls.ts';
import { buildDraftFormView, buildMyPapersView, draftValues, type DraftValues } from './viewModel.ts';
import { type Body, text, idOf } from '../shared/forms.ts';

export const myPapersRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...REPORT_AUTHOR_ROLES));

    server.get(ROUTES.myPapers, async (request, reply) => {
      const papers = await app.agendas.papersOfAuthor(request.user);
      const linked = (await app.agendas.isLinkedOfficer(request.user!.id));
      reply.header('cache-control', 'private, no-store');
      return reply.view('my-papers/list.njk', buildMyPapersView(papers, linked));
    });

    server.get<{ Params: { paper: string }; Querystring: { done?: unknown } }>(ROUTES.myPaper, async (request, reply) => {
      const id = idOf(request.params.paper);
      const form = id === null ? NOT_VISIBLE : await app.agendas.authorForm(id, request.user);
      if (form === NOT_VISIBLE) return notFound(reply);
      reply.header('cache-control', 'private, no-store');
      return reply.view('my-papers/form.njk', buildDraftFormView(form, draftValues(form.paper), {}, request.query.done === 'saved' ? 'The draft is saved. The change is recorded in the audit log.' : null));
    });

    server.post<{ Params: { paper: string }; Body: Body }>(ROUTES.myPaper, async (request, reply) => {
      const id = idOf(request.params.paper);
      const form = id === null ? NOT_VISIBLE : await app.agendas.authorForm(id, request.user);
      if (form === NOT_VISIBLE) return notFound(reply);
      const values: DraftValues = {
        sections: Object.fromEntries(form.headings.map((h) => [h.field, text(request.body, `section-${h.field}`)])),
        recommendations: text(request.body, 'recommendations'),
        reason: text(request.body, 'reason'),
      };
      try {
        await app.agendas.saveDraftSections(form.paper.id, values, request.user);
        return reply.redirect(`${myPaperPath(form.paper.id)}?done=saved`, 303);
      } catch (error) {
        if (error instanceof NotAllowedError) return notFound(reply);
        if (!(error instanceof CommitteeBusinessError)) throw error;
        return reply.code(400).view('my-papers/form.njk', buildDraftFormView(form, values, error.errors));
      }
    });
  };

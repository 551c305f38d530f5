/**
 * Agenda and paper pages (ADR 0020). Public: /meetings/:id/papers/:paper — a paper as its viewer may see it
 * (the service decides: drafts are not found, exempt content is the Schedule 12A placeholder unless the
 * viewer is entitled, and an entitled view is audited). Staff (governance officers and administrators,
 * here and in the service): /admin/meetings/:id/agenda (build, reorder, mark exempt or to follow,
 * publish), the paper form with its clearance, and — administrators — the user account of a person.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES, NOT_VISIBLE, type SessionUser } from '../../../domain/access.ts';
import type { DateParts } from '../../../domain/dateParts.ts';
import { ENCLOSURE_ROWS, type PaperInput } from '../../../services/agendaService.ts';
import { CommitteeBusinessError, NotAllowedError, type FieldErrors } from '../../../services/committeeBusinessService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { agendaAdminPath, paperAdminPath, personAdminPath, ROUTES } from '../../urls.ts';
import { buildPerformanceNotice } from '../agenda-pack/viewModel.ts';
import { buildAccountLinkView, buildAgendaView, buildPaperFormView, buildPaperPageView, paperValues, type PaperValues } from './viewModel.ts';

type Body = Record<string, unknown> | undefined;

const text = (body: Body, key: string): string => {
  const v = body?.[key];
  return typeof v === 'string' ? v : '';
};

const idOf = (t: string) => (/^\d{1,9}$/.test(t) ? Number(t) : null);

const actor = (user: SessionUser | null) => ({ email: user!.email, role: user!.role });

function forbidden(reply: FastifyReply, error: NotAllowedError): FastifyReply {
  return reply.code(403).view('access/problem.njk', { pageTitle: 'You do not have permission to use this page', paragraphs: [error.message], link: { href: '/', text: 'Go to the home page' } });
}

async function attempt(reply: FastifyReply, work: () => Promise<FastifyReply>, again: (errors: FieldErrors) => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CommitteeBusinessError) {
      reply.code(400);
      return again(error.errors);
    }
    if (error instanceof NotAllowedError) return forbidden(reply, error);
    throw error;
  }
}

/** The paper form's fields as posted (every field present, blanks for missing ones). */
function paperForm(body: Body, fields: readonly string[]): PaperValues {
  const rows = Math.max(ENCLOSURE_ROWS, ...Object.keys(body ?? {}).map((k) => Number(/^enclosure(\d{1,2})Title$/.exec(k)?.[1] ?? 0)));
  return {
    title: text(body, 'title'),
    reportOf: text(body, 'reportOf'),
    wards: text(body, 'wards'),
    status: text(body, 'status'),
    exemptParagraph: text(body, 'exemptParagraph'),
    urgent: text(body, 'urgent'),
    key: text(body, 'key'),
    contacts: [text(body, 'contact1'), text(body, 'contact2'), text(body, 'contact3')],
    enclosures: Array.from({ length: Math.min(rows, 20) }, (_, i) => ({ title: text(body, `enclosure${i + 1}Title`), paragraph: text(body, `enclosure${i + 1}Paragraph`), body: text(body, `enclosure${i + 1}Body`) })),
    sections: Object.fromEntries(fields.map((f) => [f, text(body, `section-${f}`)])),
    recommendations: text(body, 'recommendations'),
    reason: text(body, 'reason'),
  };
}

const dateParts = (body: Body, prefix: string): DateParts => ({ day: text(body, `${prefix}-day`), month: text(body, `${prefix}-month`), year: text(body, `${prefix}-year`) });

export const agendaPublicRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { id: string; paper: string } }>(ROUTES.meetingPaper, async (request, reply) => {
      const meetingId = idOf(request.params.id);
      const paperId = idOf(request.params.paper);
      if (meetingId === null || paperId === null) return notFound(reply);
      const view = await app.agendas.paper(meetingId, paperId, request.user);
      if (view === NOT_VISIBLE) return notFound(reply);
      // Exempt content is for its viewer only: never kept by a browser or a shared cache.
      if (request.user) reply.header('cache-control', 'private, no-store');
      // The performance report on the agenda: the published version it carries, and any published since (ADR 0028).
      const performance = buildPerformanceNotice(await app.agendaPacks.performanceOfPaper(paperId), view.meeting.committee.slug);
      return reply.view('agendas/paper.njk', { ...buildPaperPageView(view), performance });
    });
  };

export const agendaStaffRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));

    const agendaPage = async (reply: FastifyReply, meetingId: number, user: SessionUser | null, errors: FieldErrors = {}, title = '', notice: string | null = null) => {
      const staff = await app.agendas.staffAgenda(meetingId, actor(user));
      if (!staff) return notFound(reply);
      return reply.view('agendas/agenda.njk', buildAgendaView(staff, errors, { title }, notice));
    };

    server.get<{ Params: { id: string }; Querystring: { done?: unknown } }>(ROUTES.adminAgenda, async (request, reply) => {
      const id = idOf(request.params.id);
      if (id === null) return notFound(reply);
      const notice = request.query.done === 'published' ? 'The agenda is published. The change is recorded in the audit log.' : null;
      return agendaPage(reply, id, request.user, {}, '', notice);
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminAgenda, async (request, reply) => {
      const id = idOf(request.params.id);
      if (id === null || !(await app.meetings.meeting(id))) return notFound(reply);
      const body = request.body;
      const who = actor(request.user);
      const item = idOf(text(body, 'item')) ?? 0;
      const title = text(body, 'title');
      return attempt(
        reply,
        async () => {
          const step = text(body, 'action');
          if (step === 'start') await app.agendas.startAgenda(id, who, { fromProgramme: text(body, 'programme') === 'yes' });
          else if (step === 'add') await app.agendas.addReport(id, { title, toFollow: text(body, 'toFollow') === 'yes', standing: text(body, 'standing') === 'yes' }, who);
          else if (step === 'up' || step === 'down') await app.agendas.moveItem(id, item, step, who);
          else if (step === 'exempt' || step === 'public') await app.agendas.setPart(id, item, step, who);
          else if (step === 'follow' || step === 'unfollow') await app.agendas.setToFollow(id, item, step === 'follow', who);
          else if (step === 'remove') await app.agendas.removeItem(id, item, who);
          else if (step === 'publish') await app.agendas.publishAgenda(id, who);
          else if (step === 'publish-paper') await app.agendas.publishToFollow(id, item, who);
          else throw new CommitteeBusinessError({ action: 'Choose what to do with the agenda' });
          return reply.redirect(`${agendaAdminPath(id)}${step === 'publish' ? '?done=published' : ''}`, 303);
        },
        (errors) => agendaPage(reply, id, request.user, errors, title),
      );
    });

    server.get<{ Params: { id: string; item: string } }>(ROUTES.adminPaper, async (request, reply) => {
      const id = idOf(request.params.id);
      const item = idOf(request.params.item);
      const form = id === null || item === null ? null : await app.agendas.paperForm(id, item, actor(request.user));
      if (!form) return notFound(reply);
      return reply.view('agendas/paper-form.njk', buildPaperFormView(form, paperValues(form.paper, form.item.title, form.officers)));
    });

    server.post<{ Params: { id: string; item: string }; Body: Body }>(ROUTES.adminPaper, async (request, reply) => {
      const id = idOf(request.params.id);
      const item = idOf(request.params.item);
      const form = id === null || item === null ? null : await app.agendas.paperForm(id, item, actor(request.user));
      if (!form) return notFound(reply);
      const values = paperForm(request.body, form.headings.map((h) => h.field));
      return attempt(
        reply,
        async () => {
          await app.agendas.savePaper(form.meeting.id, form.item.id, values satisfies PaperInput, actor(request.user));
          return reply.redirect(agendaAdminPath(form.meeting.id), 303);
        },
        async (errors) => reply.view('agendas/paper-form.njk', buildPaperFormView(form, values, errors)),
      );
    });

    server.post<{ Params: { id: string; item: string }; Body: Body }>(ROUTES.adminClearance, async (request, reply) => {
      const id = idOf(request.params.id);
      const item = idOf(request.params.item);
      const form = id === null || item === null ? null : await app.agendas.paperForm(id, item, actor(request.user));
      if (!form) return notFound(reply);
      const values = { role: text(request.body, 'role'), name: text(request.body, 'clearanceName'), date: dateParts(request.body, 'clearanceDate') };
      return attempt(
        reply,
        async () => {
          await app.agendas.recordClearance(form.meeting.id, form.item.id, values, actor(request.user));
          return reply.redirect(paperAdminPath(form.meeting.id, form.item.id), 303);
        },
        async (errors) => reply.view('agendas/paper-form.njk', buildPaperFormView(form, paperValues(form.paper, form.item.title, form.officers), {}, { values, errors })),
      );
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminPersonAccount, async (request, reply) => {
      const person = await app.committeeBusiness.personBySlug(request.params.slug);
      if (!person) return notFound(reply);
      try {
        return reply.view('agendas/account.njk', buildAccountLinkView(person, await app.agendas.accountLinks(actor(request.user))));
      } catch (error) {
        if (error instanceof NotAllowedError) return forbidden(reply, error);
        throw error;
      }
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminPersonAccount, async (request, reply) => {
      const person = await app.committeeBusiness.personBySlug(request.params.slug);
      if (!person) return notFound(reply);
      const raw = text(request.body, 'user');
      const userId = raw === '' ? null : (idOf(raw) ?? -1);
      return attempt(
        reply,
        async () => {
          await app.agendas.setAccountOfPerson(person.slug, userId, actor(request.user));
          return reply.redirect(personAdminPath(person.slug), 303);
        },
        async (errors) => reply.view('agendas/account.njk', buildAccountLinkView(person, await app.agendas.accountLinks(actor(request.user)), errors)),
      );
    });
  };

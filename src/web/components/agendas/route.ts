/**
 * Agenda and paper pages (ADR 0020). Public: /meetings/:id/papers/:paper — a paper as its viewer may see it
 * (the service decides: drafts are not found, exempt content is the Schedule 12A placeholder unless the
 * viewer is entitled, and an entitled view is audited). Staff (governance officers and administrators,
 * here and in the service): /admin/meetings/:id/agenda (build, reorder, mark exempt or to follow,
 * publish), the paper form with its clearance, and — administrators — the user account of a person.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES, NOT_VISIBLE, type SessionUser } from '../../../domain/access.ts';
import type { DateParts } from '../../../domain/dateParts.ts';
import { ENCLOSURE_ROWS, type PaperInput } from '../../../services/agendaService.ts';
import { MAX_PAPER_FILE_BYTES, type UploadedFile } from '../../../services/paperFiles.ts';
import { CommitteeBusinessError, NotAllowedError, type FieldErrors } from '../../../services/committeeBusinessService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { assertAcceptableText, notFound } from '../../errors.ts';
import { agendaAdminPath, paperAdminPath, personAdminPath, ROUTES } from '../../urls.ts';
import { buildPerformanceNotice } from '../agenda-pack/viewModel.ts';
import { buildAccountLinkView, buildAgendaView, buildPaperFormView, buildPaperPageView, buildRestrictedFileView, paperValues, type PaperValues } from './viewModel.ts';
import { type Body, text, idOf, actor, forbidden, attempt } from '../shared/forms.ts';

/** Most enclosure rows a form may post (the form shows four and one more than the paper has). */
const MAX_ENCLOSURE_ROWS = 20;

/**
 * The paper form posted as multipart (it carries files: ADR 0027): its fields, and each file chosen — a
 * file input left empty is no file; one over the size limit, or whose upload broke off, is kept as that
 * problem for the service to name on its field. Throws when the form itself is not acceptable.
 */
async function readMultipart(request: FastifyRequest): Promise<{ body: Record<string, string>; files: Record<string, UploadedFile> }> {
  const body: Record<string, string> = {};
  const files: Record<string, UploadedFile> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!part.filename) {
        await part.toBuffer();
        continue;
      }
      assertAcceptableText(part.filename);
      // Over the limit the file is cut off (not thrown: the rest of the form is still read) and named.
      const bytes = await part.toBuffer();
      files[part.fieldname] = part.file.truncated ? { problem: 'too-large' } : { filename: part.filename, bytes };
    } else if (typeof part.value === 'string') {
      assertAcceptableText(part.fieldname);
      assertAcceptableText(part.value);
      body[part.fieldname] = part.value;
    }
  }
  return { body, files };
}

/** The paper form's fields as posted (every field present, blanks for missing ones). */
function paperForm(body: Body, fields: readonly string[]): PaperValues {
  const rows = Math.max(ENCLOSURE_ROWS, ...Object.keys(body ?? {}).map((k) => Number(/^enclosure(\d{1,2})Title$/.exec(k)?.[1] ?? 0)));
  const n = Math.min(rows, MAX_ENCLOSURE_ROWS);
  return {
    title: text(body, 'title'),
    reportOf: text(body, 'reportOf'),
    wards: text(body, 'wards'),
    status: text(body, 'status'),
    exemptParagraph: text(body, 'exemptParagraph'),
    urgent: text(body, 'urgent'),
    key: text(body, 'key'),
    contacts: [text(body, 'contact1'), text(body, 'contact2'), text(body, 'contact3')],
    enclosures: Array.from({ length: n }, (_, i) => ({
      title: text(body, `enclosure${i + 1}Title`),
      paragraph: text(body, `enclosure${i + 1}Paragraph`),
      body: text(body, `enclosure${i + 1}Body`),
      removeFile: text(body, `enclosure${i + 1}RemoveFile`),
    })),
    removeBodyFile: text(body, 'removeBodyFile'),
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

    // A paper's uploaded file, or an enclosure's: the bytes only to those who may see them (the service
    // decides); anyone else gets the Schedule 12A placeholder page.
    const sendFile = async (request: FastifyRequest<{ Params: { id: string; paper: string; n?: string } }>, reply: FastifyReply) => {
      const meetingId = idOf(request.params.id);
      const paperId = idOf(request.params.paper);
      const n = request.params.n === undefined ? 'paper' : idOf(request.params.n);
      if (meetingId === null || paperId === null || n === null || n === 0) return notFound(reply);
      const result = await app.agendas.paperFile(meetingId, paperId, n, request.user);
      if (result === NOT_VISIBLE) return notFound(reply);
      if (request.user || result.restricted || result.exempt) reply.header('cache-control', 'no-store');
      if (result.restricted) return reply.view('agendas/restricted-file.njk', buildRestrictedFileView(result, meetingId, paperId));
      return reply
        .header('content-type', result.mediaType)
        .header('content-disposition', `${result.file.kind === 'pdf' ? 'inline' : 'attachment'}; filename="${result.downloadName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(result.bytes);
    };
    server.get<{ Params: { id: string; paper: string } }>(ROUTES.meetingPaperFile, sendFile);
    server.get<{ Params: { id: string; paper: string; n: string } }>(ROUTES.meetingPaperEnclosureFile, sendFile);
  };

export const agendaStaffRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    // The paper form carries files (ADR 0027): one for the body and one per enclosure row, each within the
    // workbook's size limit.
    await server.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: MAX_PAPER_FILE_BYTES, files: MAX_ENCLOSURE_ROWS + 1, fields: 200, parts: 221 } });
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
      let posted: Body = request.body;
      let files: Record<string, UploadedFile> = {};
      if (request.isMultipart()) {
        try {
          ({ body: posted, files } = await readMultipart(request));
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (!code.startsWith('FST_')) throw error;
          reply.code(400);
          const values = paperValues(form.paper, form.item.title, form.officers);
          return reply.view('agendas/paper-form.njk', buildPaperFormView(form, values, { bodyFile: 'The form could not be uploaded: it has too many files or fields. Try again' }));
        }
      }
      const values = paperForm(posted, form.headings.map((h) => h.field));
      const input: PaperInput = {
        ...values,
        bodyFile: files.bodyFile ?? null,
        enclosures: values.enclosures.map((e, i) => ({ ...e, file: files[`enclosure${i + 1}File`] ?? null })),
      };
      const uploaded = Object.keys(files).length > 0;
      return attempt(
        reply,
        async () => {
          await app.agendas.savePaper(form.meeting.id, form.item.id, input, actor(request.user));
          return reply.redirect(agendaAdminPath(form.meeting.id), 303);
        },
        async (errors) => reply.view('agendas/paper-form.njk', buildPaperFormView(form, values, errors, undefined, null, uploaded)),
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

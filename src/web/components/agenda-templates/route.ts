/**
 * Template pages (ADR 0020), for governance officers and administrators (here and in the service):
 * /admin/committees/:slug/agenda-template — a committee's standard agenda items, their order and
 * "(If any)"; /admin/paper-sections — the council's sections of report papers and their numbering. Each
 * form is all or nothing, with every error at once, and each change is audited by the service.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES } from '../../../domain/access.ts';
import { MAX_TEMPLATE_ROWS, type SectionRowInput, type TemplateRowInput } from '../../../services/agendaService.ts';
import { CommitteeBusinessError, NotAllowedError } from '../../../services/committeeBusinessService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { agendaTemplateAdminPath, paperSectionsAdminPath, ROUTES } from '../../urls.ts';
import { buildAgendaTemplateView, buildSectionTemplateView, sectionRows, templateRows } from './viewModel.ts';
import { type Body, text, actor, forbidden } from '../shared/forms.ts';

/** How many rows the form posted (every row's fields are numbered from 1). */
function rowCount(body: Body, prefix: string): number {
  const numbers = Object.keys(body ?? {}).map((k) => Number(new RegExp(`^${prefix}(\\d{1,2})[A-Z]`).exec(k)?.[1] ?? 0));
  return Math.min(MAX_TEMPLATE_ROWS, Math.max(0, ...numbers));
}

const itemRows = (body: Body): TemplateRowInput[] =>
  Array.from({ length: rowCount(body, 'item') }, (_, i) => ({ kind: text(body, `item${i + 1}Kind`), title: text(body, `item${i + 1}Title`), ifAny: text(body, `item${i + 1}IfAny`), order: text(body, `item${i + 1}Order`) }));

const sectionInputs = (body: Body): SectionRowInput[] =>
  Array.from({ length: rowCount(body, 'section') }, (_, i) => ({
    key: text(body, `section${i + 1}Key`),
    title: text(body, `section${i + 1}Title`),
    numbered: text(body, `section${i + 1}Numbered`),
    subsections: text(body, `section${i + 1}Subsections`),
    order: text(body, `section${i + 1}Order`),
  }));

const SAVED = 'The template is saved. The change is recorded in the audit log.';

export const agendaTemplateRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));

    server.get<{ Params: { slug: string }; Querystring: { done?: unknown } }>(ROUTES.adminAgendaTemplate, async (request, reply) => {
      const form = await app.agendas.agendaTemplateForm(request.params.slug, actor(request.user));
      if (!form) return notFound(reply);
      return reply.view('agenda-templates/agenda-template.njk', buildAgendaTemplateView({ ...form, rows: templateRows(form.items), reason: '', notice: request.query.done === 'saved' ? SAVED : null }));
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminAgendaTemplate, async (request, reply) => {
      const who = actor(request.user);
      const form = await app.agendas.agendaTemplateForm(request.params.slug, who);
      if (!form) return notFound(reply);
      const rows = itemRows(request.body);
      const reason = text(request.body, 'reason');
      try {
        await app.agendas.changeAgendaTemplate(form.slug, rows, reason, who);
        return reply.redirect(`${agendaTemplateAdminPath(form.slug)}?done=saved`, 303);
      } catch (error) {
        if (error instanceof NotAllowedError) return forbidden(reply, error);
        if (!(error instanceof CommitteeBusinessError)) throw error;
        return reply.code(400).view('agenda-templates/agenda-template.njk', buildAgendaTemplateView({ ...form, rows: rows.length ? rows : templateRows([]), reason, errors: error.errors }));
      }
    });

    server.get<{ Querystring: { done?: unknown } }>(ROUTES.adminPaperSections, async (request, reply) => {
      const form = await app.agendas.sectionTemplateForm(actor(request.user));
      return reply.view('agenda-templates/section-template.njk', buildSectionTemplateView({ ...form, rows: sectionRows(form.sections), reason: '', notice: request.query.done === 'saved' ? SAVED : null }));
    });

    server.post<{ Body: Body }>(ROUTES.adminPaperSections, async (request, reply) => {
      const who = actor(request.user);
      const form = await app.agendas.sectionTemplateForm(who);
      const rows = sectionInputs(request.body);
      const reason = text(request.body, 'reason');
      try {
        await app.agendas.changeSectionTemplate(rows, reason, who);
        return reply.redirect(`${paperSectionsAdminPath()}?done=saved`, 303);
      } catch (error) {
        if (error instanceof NotAllowedError) return forbidden(reply, error);
        if (!(error instanceof CommitteeBusinessError)) throw error;
        return reply.code(400).view('agenda-templates/section-template.njk', buildSectionTemplateView({ ...form, rows: rows.length ? rows : sectionRows([]), reason, errors: error.errors }));
      }
    });
  };

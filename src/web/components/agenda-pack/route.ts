/**
 * The agenda pack on the web (ADR 0028). Public: /meetings/:id/agenda-pack — the pack's index (items, page
 * ranges, a link to each paper) — /meetings/:id/agenda-pack.pdf, the pack itself, and
 * /meetings/:id/agenda-pack/supplementary.pdf, the papers published after the agenda: the viewer's view of
 * each paper, so exempt information is the Schedule 12A placeholder unless the viewer is entitled (decided
 * and audited in the services; no signed-in response is cached, by the server's hook).
 * Staff (governance officers and administrators, here and in the service):
 * /admin/meetings/:id/agenda/performance-report places the committee's performance report of a published
 * quarter on a draft agenda.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES, NOT_VISIBLE, type SessionUser } from '../../../domain/access.ts';
import { renderPackPdf, type RenderedPack } from '../../../reports/pack.ts';
import type { AgendaPack } from '../../../services/agendaPackService.ts';
import { CommitteeBusinessError, NotAllowedError, type FieldErrors } from '../../../services/committeeBusinessService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { agendaAdminPath, ROUTES } from '../../urls.ts';
import { buildPackIndexView, buildPlacementView, type PlacementValues } from './viewModel.ts';
import { type Body, text, idOf } from '../shared/forms.ts';

/** Packs rendered, by their content: the same pack (the public's, until a paper changes) is laid out once. */
const RENDERED_LIMIT = 16;

export const agendaPackRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const rendered = new Map<string, Promise<RenderedPack>>();
    const render = (pack: AgendaPack): Promise<RenderedPack> => {
      const key = createHash('sha256').update(JSON.stringify({ cover: pack.cover, parts: pack.document.parts })).digest('base64');
      let found = rendered.get(key);
      if (!found) {
        if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value!);
        found = renderPackPdf(pack.document, app.pdf.renderCombined);
        found.catch(() => rendered.delete(key));
        rendered.set(key, found);
      }
      return found;
    };

    const packOf = async (request: { params: { id: string }; user: SessionUser | null }, supplementary = false) => {
      const id = idOf(request.params.id);
      const pack = id === null ? NOT_VISIBLE : await app.agendaPacks.pack(id, request.user, { supplementary });
      // A signed-in viewer's pack may hold exempt information: the server's hook keeps every signed-in response out of caches.
      return pack === NOT_VISIBLE ? null : pack;
    };

    server.get<{ Params: { id: string } }>(ROUTES.meetingPack, async (request, reply) => {
      const pack = await packOf(request);
      if (!pack) return notFound(reply);
      const { layout, pdf } = await render(pack);
      return reply.view('agenda-pack/index.njk', buildPackIndexView(pack, { layout, bytes: pdf.length }));
    });

    const sendPdf = async (reply: FastifyReply, pack: AgendaPack, kind: string) => {
      const { pdf } = await render(pack);
      const name = `${kind}-${pack.meeting.committee.slug}-${pack.meeting.date}${pack.full ? '-exempt' : ''}.pdf`;
      return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${name}"`).send(pdf);
    };

    server.get<{ Params: { id: string } }>(ROUTES.meetingPackPdf, async (request, reply) => {
      const pack = await packOf(request);
      return pack ? sendPdf(reply, pack, 'agenda-pack') : notFound(reply);
    });

    // The supplementary pack: the papers published after the agenda (they were to follow).
    server.get<{ Params: { id: string } }>(ROUTES.meetingSupplementaryPackPdf, async (request, reply) => {
      const pack = await packOf(request, true);
      return pack ? sendPdf(reply, pack, 'supplementary-pack') : notFound(reply);
    });
  };

export const agendaPackStaffRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));
    const who = (user: SessionUser | null) => ({ email: user!.email, role: user!.role });

    const formPage = async (reply: FastifyReply, meetingId: number, user: SessionUser | null, values: PlacementValues, errors: FieldErrors = {}) => {
      const form = await app.agendaPacks.placement(meetingId, who(user));
      if (!form) return notFound(reply);
      return reply.view('agenda-pack/place.njk', buildPlacementView(form, values, errors));
    };

    server.get<{ Params: { id: string } }>(ROUTES.adminPerformanceReport, async (request, reply) => {
      const id = idOf(request.params.id);
      if (id === null) return notFound(reply);
      return formPage(reply, id, request.user, { period: '', contact: '', reportOf: '', summary: '', recommendations: '' });
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminPerformanceReport, async (request, reply) => {
      const id = idOf(request.params.id);
      if (id === null) return notFound(reply);
      const body = request.body;
      const values: PlacementValues = { period: text(body, 'period'), contact: text(body, 'contact'), reportOf: text(body, 'reportOf'), summary: text(body, 'summary'), recommendations: text(body, 'recommendations') };
      try {
        await app.agendaPacks.placePerformanceReport(id, values, who(request.user));
        return reply.redirect(agendaAdminPath(id), 303);
      } catch (error) {
        if (error instanceof CommitteeBusinessError) {
          reply.code(400);
          return formPage(reply, id, request.user, values, error.errors);
        }
        if (error instanceof NotAllowedError) {
          return reply.code(403).view('access/problem.njk', { pageTitle: 'You do not have permission to use this page', paragraphs: [error.message], link: { href: '/', text: 'Go to the home page' } });
        }
        throw error;
      }
    });
  };

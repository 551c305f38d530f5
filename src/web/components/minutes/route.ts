/**
 * Minutes pages (ADR 0026). Public: /meetings/:id/minutes and its files (PDF, Word, HTML through the
 * registered `minutes` document kind) — the minutes as their reader may see them (the service decides:
 * unpublished minutes are not found, exempt items are the Schedule 12A placeholder unless the reader is
 * entitled). Staff (governance officers and administrators, here and in the service): the overview
 * (publish as draft, record agreement), attendance, declarations and each item's minutes.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES, NOT_VISIBLE, type SessionUser } from '../../../domain/access.ts';
import { renderReport, type ReportFormat } from '../../../reports/render.ts';
import { CommitteeBusinessError, NotAllowedError } from '../../../services/committeeBusinessService.ts';
import type { ItemInput } from '../../../services/outcomesService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { minutesAdminPath, ROUTES } from '../../urls.ts';
import { attendanceValues, buildAttendanceView, buildDeclarationsView, buildItemView, buildMinutesAdminView, buildMinutesPageView, declarationValues, itemValues, type AttendanceValues, type DeclarationValues } from './viewModel.ts';
import { type Body, text, idOf, actor, forbidden, attempt } from '../shared/forms.ts';

const FILE = /^minutes\.(pdf|docx|html)$/;

export const minutesPublicRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Params: { id: string } }>(ROUTES.meetingMinutes, async (request, reply) => {
      const id = idOf(request.params.id);
      if (id === null) return notFound(reply);
      const model = await app.outcomes.minutesModel(id, request.user);
      if (model === NOT_VISIBLE) return notFound(reply);
      if (request.user) reply.header('cache-control', 'private, no-store');
      return reply.view('minutes/minutes.njk', buildMinutesPageView(id, model));
    });

    server.get<{ Params: { id: string; file: string } }>(ROUTES.meetingMinutesFile, async (request, reply) => {
      const id = idOf(request.params.id);
      const m = FILE.exec(request.params.file);
      if (id === null || !m) return notFound(reply);
      const model = await app.outcomes.minutesModel(id, request.user);
      if (model === NOT_VISIBLE) return notFound(reply);
      const format = m[1] as ReportFormat;
      const rendered = await renderReport('minutes', model, {}, format, { pdf: app.pdf.render });
      return reply
        .type(rendered.contentType)
        .header('Content-Disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="minutes-${model.date}.${rendered.extension}"`)
        .header('Cache-Control', request.user ? 'no-store' : 'no-cache')
        .send(rendered.body);
    });
  };

export const minutesStaffRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));

    const staff = async (reply: FastifyReply, idText: string, user: SessionUser | null) => {
      const id = idOf(idText);
      if (id === null) return null;
      try {
        return await app.outcomes.staffMinutes(id, actor(user));
      } catch (error) {
        if (error instanceof NotAllowedError) {
          forbidden(reply, error);
          return null;
        }
        throw error;
      }
    };

    server.get<{ Params: { id: string }; Querystring: { done?: unknown } }>(ROUTES.adminMinutes, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      if (!s) return notFound(reply);
      const done = request.query.done;
      const notice = done === 'published' ? 'The draft minutes are published.' : done === 'agreed' ? 'The minutes are recorded as agreed and are now locked.' : done === 'saved' ? 'Saved.' : null;
      return reply.view('minutes/admin.njk', buildMinutesAdminView(s, {}, notice && `${notice} The change is recorded in the audit log.`));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminMinutes, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      if (!s) return notFound(reply);
      const step = text(request.body, 'action');
      return attempt(
        reply,
        async () => {
          if (step === 'publish') await app.outcomes.publishDraft(s.meeting.id, actor(request.user));
          else if (step === 'agree') await app.outcomes.agree(s.meeting.id, { meeting: text(request.body, 'agreedAt') }, actor(request.user));
          else throw new CommitteeBusinessError({ publish: 'Choose what to do with the minutes' });
          return reply.redirect(`${minutesAdminPath(s.meeting.id)}?done=${step === 'publish' ? 'published' : 'agreed'}`, 303);
        },
        async (errors) => reply.view('minutes/admin.njk', buildMinutesAdminView((await app.outcomes.staffMinutes(s.meeting.id, actor(request.user)))!, errors)),
      );
    });

    server.get<{ Params: { id: string } }>(ROUTES.adminAttendance, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      if (!s) return notFound(reply);
      return reply.view('minutes/attendance.njk', buildAttendanceView(s, attendanceValues(s)));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminAttendance, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      if (!s) return notFound(reply);
      const body = request.body;
      const others = Object.keys(body ?? {}).filter((k) => /^other\d{1,2}$/.test(k)).sort((a, b) => Number(a.slice(5)) - Number(b.slice(5))).map((k) => text(body, k));
      const values: AttendanceValues = {
        status: Object.fromEntries(s.seats.map((x) => [x.person.slug, text(body, `status-${x.person.slug}`)])),
        inPlaceOf: Object.fromEntries(s.seats.map((x) => [x.person.slug, text(body, `inPlaceOf-${x.person.slug}`)])),
        others: others.length ? others : attendanceValues(s).others,
        finishedAt: text(body, 'finishedAt'),
        reason: text(body, 'reason'),
      };
      return attempt(
        reply,
        async () => {
          await app.outcomes.recordAttendance(s.meeting.id, { rows: s.seats.map((x) => ({ person: x.person.slug, status: values.status[x.person.slug]!, inPlaceOf: values.inPlaceOf[x.person.slug]! })), others: values.others, finishedAt: values.finishedAt, reason: values.reason }, actor(request.user));
          return reply.redirect(`${minutesAdminPath(s.meeting.id)}?done=saved`, 303);
        },
        async (errors) => reply.view('minutes/attendance.njk', buildAttendanceView(s, values, errors)),
      );
    });

    server.get<{ Params: { id: string } }>(ROUTES.adminDeclarations, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      if (!s) return notFound(reply);
      return reply.view('minutes/declarations.njk', buildDeclarationsView(s, declarationValues(s)));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminDeclarations, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      if (!s) return notFound(reply);
      const body = request.body;
      const count = Math.min(50, Math.max(0, ...Object.keys(body ?? {}).map((k) => Number(/^declaration(\d{1,2})Person$/.exec(k)?.[1] ?? 0))));
      const values: DeclarationValues = {
        rows: Array.from({ length: count }, (_, i) => ({ person: text(body, `declaration${i + 1}Person`), item: text(body, `declaration${i + 1}Item`), type: text(body, `declaration${i + 1}Type`), detail: text(body, `declaration${i + 1}Detail`), withdrew: text(body, `declaration${i + 1}Withdrew`) })),
        reason: text(body, 'reason'),
      };
      return attempt(
        reply,
        async () => {
          await app.outcomes.recordDeclarations(s.meeting.id, values, actor(request.user));
          return reply.redirect(`${minutesAdminPath(s.meeting.id)}?done=saved`, 303);
        },
        async (errors) => reply.view('minutes/declarations.njk', buildDeclarationsView(s, values.rows.length ? values : declarationValues(s), errors)),
      );
    });

    server.get<{ Params: { id: string; item: string } }>(ROUTES.adminItemMinutes, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      const itemId = idOf(request.params.item);
      if (!s || itemId === null || !s.lines.some((l) => l.line.item!.id === itemId)) return notFound(reply);
      return reply.view('minutes/item.njk', buildItemView(s, itemId, itemValues(s, itemId)));
    });

    server.post<{ Params: { id: string; item: string }; Body: Body }>(ROUTES.adminItemMinutes, async (request, reply) => {
      const s = await staff(reply, request.params.id, request.user);
      if (reply.sent) return reply;
      const itemId = idOf(request.params.item);
      if (!s || itemId === null || !s.lines.some((l) => l.line.item!.id === itemId)) return notFound(reply);
      const body = request.body;
      const rows = (re: RegExp) => Math.min(20, Math.max(0, ...Object.keys(body ?? {}).map((k) => Number(re.exec(k)?.[1] ?? 0))));
      const voterSlugs = s.summary.voters.map((id) => s.people.find((p) => p.id === id)!.slug);
      const values: ItemInput = {
        discussion: text(body, 'discussion'),
        resolutions: text(body, 'resolutions'),
        resolvedUnanimously: text(body, 'resolvedUnanimously'),
        noBusiness: text(body, 'noBusiness'),
        motions: Array.from({ length: rows(/^motion(\d{1,2})Text$/) }, (_, i) => {
          const p = `motion${i + 1}`;
          return {
            text: text(body, `${p}Text`),
            mover: text(body, `${p}Mover`),
            seconder: text(body, `${p}Seconder`),
            amendments: text(body, `${p}Amendments`),
            for: text(body, `${p}For`),
            against: text(body, `${p}Against`),
            abstain: text(body, `${p}Abstain`),
            casting: text(body, `${p}Casting`),
            named: Object.fromEntries(voterSlugs.map((slug) => [slug, text(body, `${p}Vote-${slug}`)])),
          };
        }),
        actions: Array.from({ length: rows(/^action(\d{1,2})Text$/) }, (_, i) => ({ text: text(body, `action${i + 1}Text`), owner: text(body, `action${i + 1}Owner`), target: text(body, `action${i + 1}Target`), reportBack: text(body, `action${i + 1}ReportBack`) })),
        reason: text(body, 'reason'),
      };
      return attempt(
        reply,
        async () => {
          await app.outcomes.recordItem(s.meeting.id, itemId, values, actor(request.user));
          return reply.redirect(`${minutesAdminPath(s.meeting.id)}?done=saved`, 303);
        },
        async (errors) => {
          const shown = itemValues(s, itemId);
          return reply.view('minutes/item.njk', buildItemView(s, itemId, { ...values, motions: values.motions.length ? values.motions : shown.motions, actions: values.actions.length ? values.actions : shown.actions }, errors));
        },
      );
    });
  };

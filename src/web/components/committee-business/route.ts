/**
 * Public committee business pages (ADR 0018): /committees, /committees/:slug/members (?on=YYYY-MM-DD),
 * /councillors/:slug, /meetings (?month=YYYY-MM) and /meetings/:id. Everyone may read them: people,
 * memberships and meetings are public facts. No JavaScript is needed.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { canManageCommitteeBusiness } from '../../../domain/access.ts';
import { notFound } from '../../errors.ts';
import { acceptQueryValues } from '../../publicCache.ts';
import { minutesPath, ROUTES } from '../../urls.ts';
import { buildPublicAgendaView } from '../agendas/viewModel.ts';
import { buildCalendarView, buildCommitteesView, buildCommitteeView, buildCouncillorView, buildMeetingView, readDate, readMonth } from './viewModel.ts';

export const committeeBusinessRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get(ROUTES.committees, async (request, reply) => {
      const today = app.committeeBusiness.today();
      return reply.view('committee-business/committees.njk', buildCommitteesView(await app.committeeBusiness.membershipsOn(today), today, canManageCommitteeBusiness(request.user)));
    });

    server.get<{ Params: { slug: string }; Querystring: { on?: unknown } }>(ROUTES.committeeMembers, async (request, reply) => {
      const today = app.committeeBusiness.today();
      const asked = typeof request.query.on === 'string' && request.query.on.trim() ? request.query.on.trim() : null;
      const on = asked ? readDate(asked) : today;
      const error = asked && !on ? 'Enter the date as year, month and day, like 2018-11-21' : null;
      const committee = await app.committeeBusiness.committeeMembership(request.params.slug, on ?? today);
      if (!committee) return notFound(reply);
      const meetings = await app.meetings.ofCommittee(committee.committee.id);
      const view = buildCommitteeView(committee, meetings, { today, asked, error, manage: canManageCommitteeBusiness(request.user) });
      return reply.code(error ? 400 : 200).view('committee-business/committee.njk', view);
    });

    server.get<{ Params: { slug: string } }>(ROUTES.councillor, async (request, reply) => {
      const found = await app.committeeBusiness.personMemberships(request.params.slug);
      if (!found || found.person.kind !== 'councillor') return notFound(reply);
      return reply.view('committee-business/councillor.njk', buildCouncillorView(found, await app.meetings.ofPerson(found.person)));
    });

    server.get<{ Querystring: { month?: unknown } }>(ROUTES.meetings, async (request, reply) => {
      const asked = typeof request.query.month === 'string' && request.query.month.trim() ? request.query.month.trim() : null;
      const month = readMonth(asked) ?? app.committeeBusiness.today().slice(0, 7);
      const error = asked && !readMonth(asked) ? 'Enter the month as year and month, like 2018-11' : null;
      const [meetings, months] = await Promise.all([app.meetings.month(month), app.meetings.months()]);
      const view = buildCalendarView(month, meetings, months, { asked, error, manage: canManageCommitteeBusiness(request.user) });
      return reply.code(error ? 400 : 200).view('committee-business/calendar.njk', view);
    });

    server.get<{ Params: { id: string } }>(ROUTES.meeting, async (request, reply) => {
      const id = /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : null;
      const meeting = id === null ? null : await app.meetings.meeting(id);
      if (!meeting) return notFound(reply);
      // Cached for the public under the data version (src/web/publicCache.ts): the page reads no query.
      acceptQueryValues(request, {});
      // The published order of business only (titles and numbers: never a paper's content).
      const agenda = buildPublicAgendaView(meeting.id, await app.agendas.publicAgenda(meeting.id, meeting.committeeName));
      // Governance officers and administrators see what `townhall check` finds in the meeting's papers (never the public: findings may quote exempt text).
      const manage = canManageCommitteeBusiness(request.user);
      const findings = manage ? (await app.businessChecks.meetingFindings(meeting.id)).map((f) => ({ kind: f.kind, message: f.message, quote: f.quote })) : null;
      // Minutes: a link once published (staff: once any are recorded); their content is on their own page.
      const minutesHref = (await app.outcomes.minutesVisible(meeting.id, request.user)) ? minutesPath(meeting.id) : null;
      return reply.view('committee-business/meeting.njk', { ...buildMeetingView(meeting, manage), agenda, findings, minutesHref });
    });
  };

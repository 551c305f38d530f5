/**
 * Committee business staff pages (ADR 0018): /admin/people, /admin/committees (cover facts and dated
 * memberships) and /admin/meetings (one meeting, a cycle from a pattern with a preview, changes and
 * statuses). Governance officers and administrators only — here (requireRole) and in the services,
 * which also validate (every error at once) and audit every change.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES } from '../../../domain/access.ts';
import { EMPTY_PARTS } from '../../../domain/dateParts.ts';
import { CommitteeBusinessError, type FieldErrors } from '../../../services/committeeBusinessService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { committeeMembersAdminPath, meetingPath, personAccountAdminPath, ROUTES } from '../../urls.ts';
import {
  buildCommitteeAdminView,
  buildCommitteeListView,
  buildCycleFormView,
  buildCyclePreviewView,
  buildEndMembershipView,
  buildMeetingFormView,
  buildMeetingListView,
  buildMembershipFormView,
  buildPeopleView,
  buildPersonFormView,
  buildStatusFormView,
  EMPTY_MEMBERSHIP,
  meetingValues,
  personValues,
  type CycleValues,
  type DetailsValues,
  type MeetingValues,
  type PersonValues,
} from './viewModel.ts';
import { type Body, text, list, parts, idOf, actor, attempt } from '../shared/forms.ts';

export const adminCommitteeBusinessRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));

    // People

    server.get<{ Querystring: { added?: string; changed?: string } }>(ROUTES.adminPeople, async (request, reply) => {
      const people = await app.committeeBusiness.people();
      const slug = request.query.added ?? request.query.changed;
      const who = people.find((p) => p.slug === slug);
      const notice = who ? `${who.name} has been ${request.query.added ? 'added' : 'changed'}. The change is recorded in the audit log.` : null;
      return reply.view('admin-committee-business/people.njk', buildPeopleView(people, notice));
    });

    const personForm = (body: Body): PersonValues => ({
      name: text(body, 'name'),
      kind: text(body, 'kind'),
      party: text(body, 'party'),
      ward: text(body, 'ward'),
      jobTitle: text(body, 'jobTitle'),
      email: text(body, 'email'),
      phone: text(body, 'phone'),
      reason: text(body, 'reason'),
    });

    server.get(ROUTES.adminPersonNew, async (_request, reply) =>
      reply.view('admin-committee-business/person.njk', buildPersonFormView('add', personForm(undefined))),
    );

    server.post<{ Body: Body }>(ROUTES.adminPeople, async (request, reply) => {
      const values = personForm(request.body);
      return attempt(
        reply,
        async () => {
          const person = await app.committeeBusiness.addPerson(values, actor(request.user));
          return reply.redirect(`${ROUTES.adminPeople}?added=${encodeURIComponent(person.slug)}`, 303);
        },
        (errors) => reply.view('admin-committee-business/person.njk', buildPersonFormView('add', values, errors)),
      );
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminPerson, async (request, reply) => {
      const person = await app.committeeBusiness.personBySlug(request.params.slug);
      if (!person) return notFound(reply);
      // Administrators link a user account to the person (ADR 0020): it decides who may read exempt papers.
      const accountHref = request.user?.role === 'administrator' ? personAccountAdminPath(person.slug) : null;
      return reply.view('admin-committee-business/person.njk', { ...buildPersonFormView('change', personValues(person), {}, person), accountHref });
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminPerson, async (request, reply) => {
      const person = await app.committeeBusiness.personBySlug(request.params.slug);
      if (!person) return notFound(reply);
      const values = personForm(request.body);
      return attempt(
        reply,
        async () => {
          const changed = await app.committeeBusiness.changePerson(person.slug, values, actor(request.user));
          return reply.redirect(`${ROUTES.adminPeople}?changed=${encodeURIComponent(changed.slug)}`, 303);
        },
        (errors) => reply.view('admin-committee-business/person.njk', buildPersonFormView('change', values, errors, person)),
      );
    });

    // Committees: cover facts and memberships

    server.get(ROUTES.adminCommitteeBusiness, async (_request, reply) => {
      const today = app.committeeBusiness.today();
      const committees = await app.committeeBusiness.membershipsOn(today);
      return reply.view(
        'admin-committee-business/committees.njk',
        buildCommitteeListView(committees.map((c) => ({ ...c, members: c.membership.voting + c.membership.substitutes.length })), null),
      );
    });

    const committeePage = async (reply: FastifyReply, slug: string, values: DetailsValues | null, errors: FieldErrors, notice: string | null) => {
      const today = app.committeeBusiness.today();
      const c = await app.committeeBusiness.committeeMembership(slug, today);
      if (!c) return notFound(reply);
      const officers = (await app.committeeBusiness.people()).filter((p) => p.kind === 'officer');
      const shown = values ?? { quorum: c.details.quorum ? String(c.details.quorum) : '', shortName: c.details.shortName ?? '', governanceContact: c.governanceContact?.slug ?? '', reason: '' };
      return reply.view('admin-committee-business/committee.njk', buildCommitteeAdminView(c, officers, shown, errors, notice, today));
    };

    server.get<{ Params: { slug: string }; Querystring: { saved?: string; added?: string; ended?: string } }>(ROUTES.adminCommitteeMembers, async (request, reply) => {
      const q = request.query;
      const notice = q.saved ? 'The committee’s details have been saved.' : q.added ? 'The membership has been added.' : q.ended ? 'The membership has been ended.' : null;
      return committeePage(reply, request.params.slug, null, {}, notice ? `${notice} The change is recorded in the audit log.` : null);
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminCommitteeMembers, async (request, reply) => {
      const values = { quorum: text(request.body, 'quorum'), shortName: text(request.body, 'shortName'), governanceContact: text(request.body, 'governanceContact'), reason: text(request.body, 'reason') };
      if (!(await app.organisation.committeeBySlug(request.params.slug))) return notFound(reply);
      try {
        await app.committeeBusiness.changeCommitteeDetails(request.params.slug, values, actor(request.user));
        return reply.redirect(`${committeeMembersAdminPath(request.params.slug)}?saved=1`, 303);
      } catch (error) {
        if (!(error instanceof CommitteeBusinessError)) throw error;
        reply.code(400);
        return committeePage(reply, request.params.slug, values, error.errors, null);
      }
    });

    const membershipForm = async (reply: FastifyReply, slug: string, values = EMPTY_MEMBERSHIP, errors: FieldErrors = {}) => {
      const committees = await app.committeeBusiness.committees();
      const c = committees.find((x) => x.committee.slug === slug);
      if (!c) return notFound(reply);
      const councillors = (await app.committeeBusiness.people()).filter((p) => p.kind === 'councillor');
      return reply.view('admin-committee-business/membership.njk', buildMembershipFormView(c, councillors, values, errors));
    };

    server.get<{ Params: { slug: string } }>(ROUTES.adminMembershipNew, async (request, reply) => membershipForm(reply, request.params.slug));

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminMemberships, async (request, reply) => {
      const slug = request.params.slug;
      if (!(await app.organisation.committeeBySlug(slug))) return notFound(reply);
      const values = { person: text(request.body, 'person'), role: text(request.body, 'role'), from: parts(request.body, 'from'), to: parts(request.body, 'to'), reason: text(request.body, 'reason') };
      try {
        await app.committeeBusiness.addMembership(slug, values, actor(request.user));
        return reply.redirect(`${committeeMembersAdminPath(slug)}?added=1`, 303);
      } catch (error) {
        if (!(error instanceof CommitteeBusinessError)) throw error;
        reply.code(400);
        return membershipForm(reply, slug, values, error.errors);
      }
    });

    server.get<{ Params: { slug: string; id: string } }>(ROUTES.adminMembershipEnd, async (request, reply) => {
      const id = idOf(request.params.id);
      const m = id === null ? null : await app.committeeBusiness.membership(request.params.slug, id);
      if (!m) return notFound(reply);
      const name = (await app.committeeBusiness.committees()).find((c) => c.committee.id === m.committeeId)!.name;
      return reply.view('admin-committee-business/end-membership.njk', buildEndMembershipView({ name, slug: m.committee.slug }, m, { to: EMPTY_PARTS, reason: '' }));
    });

    server.post<{ Params: { slug: string; id: string }; Body: Body }>(ROUTES.adminMembershipEnd, async (request, reply) => {
      const id = idOf(request.params.id);
      const m = id === null ? null : await app.committeeBusiness.membership(request.params.slug, id);
      if (!m) return notFound(reply);
      const values = { to: parts(request.body, 'to'), reason: text(request.body, 'reason') };
      const name = (await app.committeeBusiness.committees()).find((c) => c.committee.id === m.committeeId)!.name;
      return attempt(
        reply,
        async () => {
          await app.committeeBusiness.endMembership(m.committee.slug, m.id, values, actor(request.user));
          return reply.redirect(`${committeeMembersAdminPath(m.committee.slug)}?ended=1`, 303);
        },
        (errors) => reply.view('admin-committee-business/end-membership.njk', buildEndMembershipView({ name, slug: m.committee.slug }, m, values, errors)),
      );
    });

    // Meetings

    server.get<{ Querystring: { added?: string } }>(ROUTES.adminMeetings, async (request, reply) => {
      const all = await app.meetings.meetings();
      const today = app.meetings.today();
      const added = Number(request.query.added);
      const notice = added > 0 ? `${added} ${added === 1 ? 'meeting has' : 'meetings have'} been arranged. The change is recorded in the audit log.` : null;
      return reply.view(
        'admin-committee-business/meetings.njk',
        buildMeetingListView({ upcoming: all.filter((m) => m.date >= today), past: all.filter((m) => m.date < today).reverse() }, notice),
      );
    });

    const meetingForm = (body: Body): MeetingValues => ({ committee: text(body, 'committee'), date: parts(body, 'date'), startTime: text(body, 'startTime'), venue: text(body, 'venue'), reason: text(body, 'reason') });

    server.get(ROUTES.adminMeetingNew, async (_request, reply) => {
      const [committees, venues] = await Promise.all([app.committeeBusiness.committees(), app.meetings.venues()]);
      return reply.view('admin-committee-business/meeting.njk', buildMeetingFormView('add', committees, venues, meetingForm(undefined)));
    });

    server.post<{ Body: Body }>(ROUTES.adminMeetings, async (request, reply) => {
      const values = meetingForm(request.body);
      const [committees, venues] = await Promise.all([app.committeeBusiness.committees(), app.meetings.venues()]);
      return attempt(
        reply,
        async () => {
          const meeting = await app.meetings.addMeeting(values, actor(request.user));
          return reply.redirect(`${meetingPath(meeting.id)}`, 303);
        },
        (errors) => reply.view('admin-committee-business/meeting.njk', buildMeetingFormView('add', committees, venues, values, errors)),
      );
    });

    const cycleForm = (body: Body): CycleValues => ({
      committee: text(body, 'committee'),
      from: parts(body, 'from'),
      to: parts(body, 'to'),
      weekday: text(body, 'weekday'),
      week: text(body, 'week'),
      pattern: text(body, 'pattern'),
      months: list(body, 'months'),
      perYear: text(body, 'perYear'),
      startTime: text(body, 'startTime'),
      venue: text(body, 'venue'),
      reason: text(body, 'reason'),
    });

    server.get(ROUTES.adminMeetingCycle, async (_request, reply) => {
      const committees = await app.committeeBusiness.committees();
      return reply.view('admin-committee-business/cycle.njk', buildCycleFormView(committees, { ...cycleForm(undefined), pattern: 'listed' }));
    });

    server.post<{ Body: Body }>(ROUTES.adminMeetingCycle, async (request, reply) => {
      const values = cycleForm(request.body);
      const committees = await app.committeeBusiness.committees();
      const confirm = text(request.body, 'step') === 'confirm';
      let preview;
      try {
        preview = await app.meetings.previewCycle(values);
      } catch (error) {
        if (!(error instanceof CommitteeBusinessError)) throw error;
        return reply.code(400).view('admin-committee-business/cycle.njk', buildCycleFormView(committees, values, error.errors));
      }
      if (!confirm) return reply.view('admin-committee-business/cycle-preview.njk', buildCyclePreviewView(preview, values, null));
      const chosen = list(request.body, 'dates');
      return attempt(
        reply,
        async () => {
          const made = await app.meetings.addCycle(values, chosen, actor(request.user));
          return reply.redirect(`${ROUTES.adminMeetings}?added=${made.length}`, 303);
        },
        (errors) => reply.view('admin-committee-business/cycle-preview.njk', buildCyclePreviewView(preview, values, chosen, errors)),
      );
    });

    server.get<{ Params: { id: string } }>(ROUTES.adminMeeting, async (request, reply) => {
      const id = idOf(request.params.id);
      const meeting = id === null ? null : await app.meetings.meeting(id);
      if (!meeting) return notFound(reply);
      const [committees, venues] = await Promise.all([app.committeeBusiness.committees(), app.meetings.venues()]);
      return reply.view('admin-committee-business/meeting.njk', buildMeetingFormView('change', committees, venues, meetingValues(meeting), {}, meeting));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminMeeting, async (request, reply) => {
      const id = idOf(request.params.id);
      const meeting = id === null ? null : await app.meetings.meeting(id);
      if (!meeting) return notFound(reply);
      const values = { ...meetingForm(request.body), committee: meeting.committee.slug };
      const [committees, venues] = await Promise.all([app.committeeBusiness.committees(), app.meetings.venues()]);
      return attempt(
        reply,
        async () => {
          await app.meetings.changeMeeting(meeting.id, values, actor(request.user));
          return reply.redirect(meetingPath(meeting.id), 303);
        },
        (errors) => reply.view('admin-committee-business/meeting.njk', buildMeetingFormView('change', committees, venues, values, errors, meeting)),
      );
    });

    server.get<{ Params: { id: string } }>(ROUTES.adminMeetingStatus, async (request, reply) => {
      const id = idOf(request.params.id);
      const meeting = id === null ? null : await app.meetings.meeting(id);
      if (!meeting) return notFound(reply);
      return reply.view('admin-committee-business/status.njk', buildStatusFormView(meeting, { to: '', reason: '' }));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminMeetingStatus, async (request, reply) => {
      const id = idOf(request.params.id);
      const meeting = id === null ? null : await app.meetings.meeting(id);
      if (!meeting) return notFound(reply);
      const values = { to: text(request.body, 'to'), reason: text(request.body, 'reason') };
      return attempt(
        reply,
        async () => {
          await app.meetings.moveMeeting(meeting.id, values, actor(request.user));
          return reply.redirect(meetingPath(meeting.id), 303);
        },
        (errors) => reply.view('admin-committee-business/status.njk', buildStatusFormView(meeting, values, errors)),
      );
    });
  };


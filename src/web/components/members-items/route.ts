/**
 * Members' items pages (ADR 0025). Councillors: /members-items (their items and statuses, the meetings
 * open to them), /members-items/new (submit, every error at once), /members-items/:item (their item; the
 * confirmation). Governance officers and administrators: /admin/members-items (every item, those waiting
 * first) and /admin/members-items/:item (record the check). The service decides who sees what.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { App } from '../../../app.ts';
import { COMMITTEE_BUSINESS_ROLES, NOT_VISIBLE, type SessionUser } from '../../../domain/access.ts';
import { MEMBERSHIP_ROLE_LABELS } from '../../../domain/membership.ts';
import { MEMBERS_ITEM_STATUS_LABELS } from '../../../domain/membersItems.ts';
import { formatDate, formatLongDate } from '../../../domain/workingDays.ts';
import { CommitteeBusinessError, NotAllowedError, type FieldErrors } from '../../../services/committeeBusinessService.ts';
import type { MembersItemView } from '../../../services/membersItemService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { errorView } from '../admin-committee-business/viewModel.ts';
import { type Body, text, idOf, forbidden } from '../shared/forms.ts';

const who = (user: SessionUser | null) => ({ id: user!.id, email: user!.email, role: user!.role });

export const MEMBERS_ITEM_ROUTES = {
  mine: '/members-items',
  submit: '/members-items/new',
  item: '/members-items/:item',
  check: '/admin/members-items',
  checkItem: '/admin/members-items/:item',
} as const;

const itemPath = (id: number) => `/members-items/${id}`;
const checkPath = (id: number) => `/admin/members-items/${id}`;
const when = (d: Date | null) => (d ? formatDate(d.toISOString().slice(0, 10)) : '');

function row(i: MembersItemView, href: string) {
  return {
    href,
    title: i.title,
    member: `Councillor ${i.member.name}`,
    meeting: `${i.meeting.committeeName}, ${formatLongDate(i.meeting.date)}`,
    status: i.statusLabel,
    tag: i.status === 'accepted' ? 'govuk-tag--green' : i.status === 'not-accepted' ? 'govuk-tag--red' : 'govuk-tag--yellow',
    submitted: when(i.submittedAt),
  };
}

function itemView(i: MembersItemView) {
  return {
    ...row(i, ''),
    request: i.request,
    lineNumber: i.lineNumber,
    paperHref: i.paperId !== null ? `/meetings/${i.meetingId}/papers/${i.paperId}` : null,
    checkedBy: i.checkedBy,
    checkedAt: when(i.checkedAt),
    checkReason: i.checkReason,
    submittedBy: i.submittedBy,
    checked: i.status !== 'submitted',
  };
}

export const membersItemRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.register(async (councillor) => {
      councillor.addHook('preHandler', requireRole('councillor'));

      councillor.get(MEMBERS_ITEM_ROUTES.mine, async (request, reply) => {
        const person = await app.membersItems.personOf(request.user!);
        const [items, open] = person ? await Promise.all([app.membersItems.itemsOf(person), app.membersItems.openMeetings(person)]) : [[], []];
        return reply.view('members-items/mine.njk', {
          pageTitle: 'Your members’ items',
          linked: person !== null,
          items: items.map((i) => row(i, itemPath(i.id))),
          open: open.map((o) => ({ text: `${o.meeting.committeeName}, ${formatLongDate(o.meeting.date)}`, seat: MEMBERSHIP_ROLE_LABELS[o.seat], closes: o.closes ? formatLongDate(o.closes) : 'when the agenda is published', submitted: o.submitted })),
          submitHref: MEMBERS_ITEM_ROUTES.submit,
        });
      });

      const form = async (reply: FastifyReply, user: SessionUser, values = { meeting: '', title: '', request: '' }, errors: FieldErrors = {}) => {
        const person = await app.membersItems.personOf(user);
        const open = person ? await app.membersItems.openMeetings(person) : [];
        return reply.view('members-items/submit.njk', {
          pageTitle: 'Submit a member’s item',
          linked: person !== null,
          values,
          meetings: [
            { value: '', text: 'Select a meeting' },
            ...open.filter((o) => !o.submitted).map((o) => ({ value: String(o.meeting.id), text: `${o.meeting.committeeName}, ${formatLongDate(o.meeting.date)} (items close ${o.closes ? formatLongDate(o.closes) : 'when the agenda is published'})`, selected: String(o.meeting.id) === values.meeting })),
          ],
          backHref: MEMBERS_ITEM_ROUTES.mine,
          ...errorView(errors),
        });
      };

      councillor.get(MEMBERS_ITEM_ROUTES.submit, async (request, reply) => form(reply, request.user!));

      councillor.post<{ Body: Body }>(MEMBERS_ITEM_ROUTES.submit, async (request, reply) => {
        const values = { meeting: text(request.body, 'meeting'), title: text(request.body, 'title'), request: text(request.body, 'request') };
        try {
          const id = await app.membersItems.submit(values, who(request.user));
          return reply.redirect(`${itemPath(id)}?done=submitted`, 303);
        } catch (error) {
          if (error instanceof CommitteeBusinessError) {
            reply.code(400);
            return form(reply, request.user!, values, error.errors);
          }
          if (error instanceof NotAllowedError) return forbidden(reply, error);
          throw error;
        }
      });

      councillor.get<{ Params: { item: string }; Querystring: { done?: unknown } }>(MEMBERS_ITEM_ROUTES.item, async (request, reply) => {
        const id = idOf(request.params.item);
        const view = id === null ? NOT_VISIBLE : await app.membersItems.item(id, who(request.user));
        if (view === NOT_VISIBLE) return notFound(reply);
        return reply.view('members-items/item.njk', { pageTitle: view.title, item: itemView(view), submitted: request.query.done === 'submitted', backHref: MEMBERS_ITEM_ROUTES.mine, staff: false });
      });
    });

    server.register(async (staff) => {
      staff.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));

      staff.get(MEMBERS_ITEM_ROUTES.check, async (request, reply) => {
        const items = await app.membersItems.forCheck(who(request.user));
        return reply.view('members-items/check-list.njk', { pageTitle: 'Members’ items', items: items.map((i) => row(i, checkPath(i.id))), statuses: MEMBERS_ITEM_STATUS_LABELS });
      });

      const checkPage = async (reply: FastifyReply, user: SessionUser, id: number | null, values = { decision: '', reason: '' }, errors: FieldErrors = {}, notice: string | null = null) => {
        const view = id === null ? NOT_VISIBLE : await app.membersItems.item(id, who(user));
        if (view === NOT_VISIBLE) return notFound(reply);
        return reply.view('members-items/item.njk', {
          pageTitle: view.title,
          item: itemView(view),
          staff: true,
          action: checkPath(view.id),
          values,
          notice,
          agendaHref: `/admin/meetings/${view.meetingId}/agenda`,
          decisions: [
            { value: 'accepted', text: 'Accepted: relevant to the committee’s terms of reference', checked: values.decision === 'accepted' },
            { value: 'not-accepted', text: 'Not accepted', checked: values.decision === 'not-accepted' },
          ],
          backHref: MEMBERS_ITEM_ROUTES.check,
          ...errorView(errors, { decision: '#decision' }),
        });
      };

      staff.get<{ Params: { item: string }; Querystring: { done?: unknown } }>(MEMBERS_ITEM_ROUTES.checkItem, async (request, reply) =>
        checkPage(reply, request.user!, idOf(request.params.item), undefined, {}, request.query.done === 'checked' ? 'The check is recorded in the audit log.' : null),
      );

      staff.post<{ Params: { item: string }; Body: Body }>(MEMBERS_ITEM_ROUTES.checkItem, async (request, reply) => {
        const id = idOf(request.params.item);
        if (id === null) return notFound(reply);
        const values = { decision: text(request.body, 'decision'), reason: text(request.body, 'reason') };
        try {
          await app.membersItems.check(id, values, who(request.user));
          return reply.redirect(`${checkPath(id)}?done=checked`, 303);
        } catch (error) {
          if (error instanceof CommitteeBusinessError) {
            reply.code(400);
            return checkPage(reply, request.user!, id, values, error.errors);
          }
          if (error instanceof NotAllowedError) return forbidden(reply, error);
          throw error;
        }
      });
    });
  };

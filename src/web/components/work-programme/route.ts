/**
 * Forward work programme pages (ADR 0022). Public: /committees/:slug/work-programme (?from=YYYY-MM-DD:
 * the programme as it stood from a date) and its documents /committees/:slug/work-programme/
 * work-programme.{pdf,docx,html}. Staff (governance officers and administrators — here by requireRole
 * and again in WorkProgrammeService, which validates every field at once and audits every change):
 * /admin/committees/:slug/work-programme with its entries (add, change, take off) and the rules of the
 * standing items (add, end). No JavaScript is needed.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { canManageCommitteeBusiness, COMMITTEE_BUSINESS_ROLES } from '../../../domain/access.ts';
import { isUpcoming } from '../../../domain/meetings.ts';
import { currentCommitteeName } from '../../../domain/organisation.ts';
import { isIsoDate } from '../../../domain/workingDays.ts';
import { renderReport, type ReportFormat } from '../../../reports/render.ts';
import { requireRole } from '../../auth/plugin.ts';
import { notFound } from '../../errors.ts';
import { ROUTES, standingRulesAdminPath, workProgrammeAdminPath } from '../../urls.ts';
import {
  buildEndRuleView,
  buildEntryFormView,
  buildProgrammeView,
  buildRemoveView,
  buildRuleFormView,
  buildRulesView,
  EMPTY_ENTRY,
  EMPTY_RULE,
  entryValues,
  ruleEndValues,
  type EntryValues,
  type RuleValues,
} from './viewModel.ts';
import { type Body, text, parts, idOf, actor, attempt } from '../shared/forms.ts';

/** ?from= as typed: the date, or the message for a date that is not one. */
function readFrom(query: { from?: unknown }): { asked: string | null; from: string | undefined; error: string | null } {
  const asked = typeof query.from === 'string' && query.from.trim() ? query.from.trim() : null;
  if (!asked) return { asked: null, from: undefined, error: null };
  return isIsoDate(asked) ? { asked, from: asked, error: null } : { asked, from: undefined, error: 'Enter the date as year, month and day, like 2018-11-21' };
}

const FILE = /^work-programme\.(pdf|docx|html)$/;

export const workProgrammeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const pastMeetings = async (committeeId: number) => (await app.meetings.ofCommittee(committeeId)).past.filter((m) => m.status !== 'cancelled').reverse();

    server.get<{ Params: { slug: string }; Querystring: { from?: unknown } }>(ROUTES.workProgramme, async (request, reply) => {
      const { asked, from, error } = readFrom(request.query);
      const view = await app.workProgramme.programme(request.params.slug, from);
      if (!view) return notFound(reply);
      const page = buildProgrammeView(view, { today: app.workProgramme.today(), asked, error, pastMeetings: await pastMeetings(view.committee.id), manage: canManageCommitteeBusiness(request.user) });
      return reply.code(error ? 400 : 200).view('work-programme/programme.njk', page);
    });

    server.get<{ Params: { slug: string; file: string }; Querystring: { from?: unknown } }>(ROUTES.workProgrammeFile, async (request, reply) => {
      const m = FILE.exec(request.params.file);
      if (!m) return notFound(reply);
      const format = m[1] as ReportFormat;
      const { from, error } = readFrom(request.query);
      if (error) return notFound(reply);
      const view = await app.workProgramme.programme(request.params.slug, from);
      if (!view) return notFound(reply);
      const rendered = await renderReport('work-programme', view, {}, format, { pdf: app.pdf.render });
      return reply
        .type(rendered.contentType)
        .header('Content-Disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${view.committee.slug}-work-programme-${view.programme.from}.${rendered.extension}"`)
        .header('Cache-Control', 'no-store')
        .send(rendered.body);
    });

    server.register(adminWorkProgrammeRoutes(app));
  };

const adminWorkProgrammeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole(...COMMITTEE_BUSINESS_ROLES));

    const committeeOf = async (slug: string) => {
      const committee = await app.organisation.committeeBySlug(slug);
      return committee ? { committee, name: currentCommitteeName(committee) } : null;
    };

    server.get<{ Params: { slug: string }; Querystring: { from?: unknown; done?: unknown } }>(ROUTES.adminWorkProgramme, async (request, reply) => {
      const { asked, from, error } = readFrom(request.query);
      const view = await app.workProgramme.programme(request.params.slug, from);
      if (!view) return notFound(reply);
      const past = (await app.meetings.ofCommittee(view.committee.id)).past.filter((m) => m.status !== 'cancelled').reverse();
      const page = buildProgrammeView(view, { today: app.workProgramme.today(), asked, error, pastMeetings: past, manage: true, staff: true });
      const done: Record<string, string> = { added: 'The report has been added.', changed: 'The report has been changed.', removed: 'The report has been taken off the programme.' };
      const notice = typeof request.query.done === 'string' && done[request.query.done] ? `${done[request.query.done]} The change is recorded in the audit log.` : null;
      return reply.code(error ? 400 : 200).view('work-programme/admin-programme.njk', { ...page, notice });
    });

    const entryForm = (body: Body): EntryValues => ({
      title: text(body, 'title'),
      overview: text(body, 'overview'),
      reportOf: text(body, 'reportOf'),
      contributors: text(body, 'contributors'),
      issueType: text(body, 'issueType'),
      target: text(body, 'target'),
      meeting: text(body, 'meeting'),
      laterMonth: text(body, 'laterMonth'),
      laterYear: text(body, 'laterYear'),
      reason: text(body, 'reason'),
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminWorkProgrammeNew, async (request, reply) => {
      const c = await committeeOf(request.params.slug);
      if (!c) return notFound(reply);
      const meetings = await app.workProgramme.targetMeetings(c.committee.id);
      return reply.view('work-programme/entry.njk', buildEntryFormView({ mode: 'add', slug: c.committee.slug, committee: c.name, meetings, values: EMPTY_ENTRY }));
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminWorkProgramme, async (request, reply) => {
      const c = await committeeOf(request.params.slug);
      if (!c) return notFound(reply);
      const values = entryForm(request.body);
      return attempt(
        reply,
        async () => {
          await app.workProgramme.addEntry(c.committee.slug, values, actor(request.user));
          return reply.redirect(`${workProgrammeAdminPath(c.committee.slug)}?done=added`, 303);
        },
        async (errors) => {
          const meetings = await app.workProgramme.targetMeetings(c.committee.id);
          return reply.view('work-programme/entry.njk', buildEntryFormView({ mode: 'add', slug: c.committee.slug, committee: c.name, meetings, values, errors }));
        },
      );
    });

    /** The entry of the URL, when it is one of the committee's. */
    const entryOf = async (slug: string, id: string) => {
      const entryId = idOf(id);
      const entry = entryId === null ? null : await app.workProgramme.entry(entryId);
      return entry && entry.committee.slug === slug ? entry : null;
    };

    server.get<{ Params: { slug: string; entry: string } }>(ROUTES.adminWorkProgrammeEntry, async (request, reply) => {
      const entry = await entryOf(request.params.slug, request.params.entry);
      if (!entry) return notFound(reply);
      const c = (await committeeOf(entry.committee.slug))!;
      if (!entry.editable) return reply.redirect(workProgrammeAdminPath(entry.committee.slug), 303);
      const meetings = await app.workProgramme.targetMeetings(entry.committeeId);
      return reply.view('work-programme/entry.njk', buildEntryFormView({ mode: 'change', slug: entry.committee.slug, committee: c.name, meetings, values: entryValues(entry), entryId: entry.id }));
    });

    server.post<{ Params: { slug: string; entry: string }; Body: Body }>(ROUTES.adminWorkProgrammeEntry, async (request, reply) => {
      const entry = await entryOf(request.params.slug, request.params.entry);
      if (!entry) return notFound(reply);
      const c = (await committeeOf(entry.committee.slug))!;
      const values = entryForm(request.body);
      return attempt(
        reply,
        async () => {
          await app.workProgramme.changeEntry(entry.id, values, actor(request.user));
          return reply.redirect(`${workProgrammeAdminPath(entry.committee.slug)}?done=changed`, 303);
        },
        async (errors) => {
          const meetings = (await app.workProgramme.targetMeetings(entry.committeeId)).filter((m) => isUpcoming(m.status));
          return reply.view('work-programme/entry.njk', buildEntryFormView({ mode: 'change', slug: entry.committee.slug, committee: c.name, meetings, values, errors, entryId: entry.id }));
        },
      );
    });

    server.get<{ Params: { slug: string; entry: string } }>(ROUTES.adminWorkProgrammeRemove, async (request, reply) => {
      const entry = await entryOf(request.params.slug, request.params.entry);
      if (!entry) return notFound(reply);
      const c = (await committeeOf(entry.committee.slug))!;
      return reply.view('work-programme/remove.njk', buildRemoveView(entry.committee.slug, c.name, entry, ''));
    });

    server.post<{ Params: { slug: string; entry: string }; Body: Body }>(ROUTES.adminWorkProgrammeRemove, async (request, reply) => {
      const entry = await entryOf(request.params.slug, request.params.entry);
      if (!entry) return notFound(reply);
      const c = (await committeeOf(entry.committee.slug))!;
      const reason = text(request.body, 'reason');
      return attempt(
        reply,
        async () => {
          await app.workProgramme.removeEntry(entry.id, { reason }, actor(request.user));
          return reply.redirect(`${workProgrammeAdminPath(entry.committee.slug)}?done=removed`, 303);
        },
        (errors) => reply.view('work-programme/remove.njk', buildRemoveView(entry.committee.slug, c.name, entry, reason, errors)),
      );
    });

    // Standing items

    server.get<{ Params: { slug: string }; Querystring: { done?: unknown } }>(ROUTES.adminStandingRules, async (request, reply) => {
      const c = await committeeOf(request.params.slug);
      if (!c) return notFound(reply);
      const notice = request.query.done === 'added' ? 'The standing item has been added.' : request.query.done === 'ended' ? 'The standing item has been ended.' : null;
      const rules = await app.workProgramme.rules(c.committee.id);
      return reply.view('work-programme/rules.njk', buildRulesView(c.committee.slug, c.name, rules, notice && `${notice} The change is recorded in the audit log.`, app.workProgramme.today()));
    });

    const ruleForm = (body: Body): RuleValues => ({
      kind: text(body, 'kind'),
      title: text(body, 'title'),
      overview: text(body, 'overview'),
      reportOf: text(body, 'reportOf'),
      contributors: text(body, 'contributors'),
      issueType: text(body, 'issueType'),
      lagDays: text(body, 'lagDays'),
      from: parts(body, 'from'),
      to: parts(body, 'to'),
      reason: text(body, 'reason'),
    });

    server.get<{ Params: { slug: string } }>(ROUTES.adminStandingRuleNew, async (request, reply) => {
      const c = await committeeOf(request.params.slug);
      if (!c) return notFound(reply);
      return reply.view('work-programme/rule.njk', buildRuleFormView(c.committee.slug, c.name, EMPTY_RULE));
    });

    server.post<{ Params: { slug: string }; Body: Body }>(ROUTES.adminStandingRules, async (request, reply) => {
      const c = await committeeOf(request.params.slug);
      if (!c) return notFound(reply);
      const values = ruleForm(request.body);
      return attempt(
        reply,
        async () => {
          await app.workProgramme.addRule(c.committee.slug, values, actor(request.user));
          return reply.redirect(`${standingRulesAdminPath(c.committee.slug)}?done=added`, 303);
        },
        (errors) => reply.view('work-programme/rule.njk', buildRuleFormView(c.committee.slug, c.name, values, errors)),
      );
    });

    const ruleOf = async (slug: string, id: string) => {
      const ruleId = idOf(id);
      const committee = await app.organisation.committeeBySlug(slug);
      const rule = ruleId === null || !committee ? null : await app.workProgramme.rule(ruleId);
      return rule && committee && rule.committeeId === committee.id ? rule : null;
    };

    server.get<{ Params: { slug: string; rule: string } }>(ROUTES.adminStandingRuleEnd, async (request, reply) => {
      const rule = await ruleOf(request.params.slug, request.params.rule);
      if (!rule) return notFound(reply);
      const c = (await committeeOf(request.params.slug))!;
      return reply.view('work-programme/end-rule.njk', buildEndRuleView(c.committee.slug, c.name, rule, ruleEndValues(rule)));
    });

    server.post<{ Params: { slug: string; rule: string }; Body: Body }>(ROUTES.adminStandingRuleEnd, async (request, reply) => {
      const rule = await ruleOf(request.params.slug, request.params.rule);
      if (!rule) return notFound(reply);
      const c = (await committeeOf(request.params.slug))!;
      const values = { to: parts(request.body, 'to'), reason: text(request.body, 'reason') };
      return attempt(
        reply,
        async () => {
          await app.workProgramme.endRule(rule.id, values, actor(request.user));
          return reply.redirect(`${standingRulesAdminPath(c.committee.slug)}?done=ended`, 303);
        },
        (errors) => reply.view('work-programme/end-rule.njk', buildEndRuleView(c.committee.slug, c.name, rule, values, errors)),
      );
    });
  };

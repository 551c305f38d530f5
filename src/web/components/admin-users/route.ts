/**
 * /admin/users: list users, add a user, change role / data-owner scope / status, reset a password.
 * Administrators only. Every change goes through AccountService, which audits it.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../app.ts';
import { AccountError, checkPassword, parseScopeList, type FieldErrors } from '../../../services/accountService.ts';
import { requireRole } from '../../auth/plugin.ts';
import { buildPasswordView, buildUserFormView, buildUserListView, type UserFormValues } from './viewModel.ts';
import { ROUTES } from '../../urls.ts';

type Body = Record<string, unknown>;

function text(body: Body | undefined, key: string): string {
  const v = body?.[key];
  return typeof v === 'string' ? v : '';
}

function formValues(body: Body | undefined): UserFormValues {
  return {
    name: text(body, 'name'),
    email: text(body, 'email'),
    role: text(body, 'role'),
    refs: text(body, 'refs'),
    services: text(body, 'services'),
    active: text(body, 'active') !== 'false',
    reason: text(body, 'reason'),
  };
}

function scopeErrors(values: UserFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const refs = parseScopeList(values.refs);
  const services = parseScopeList(values.services);
  if (refs.length > 500 || refs.some((r) => r.length > 100)) errors.refs = 'Enter at most 500 indicator refs of 100 characters or fewer';
  if (services.length > 200 || services.some((s) => s.length > 200)) errors.services = 'Enter at most 200 services of 200 characters or fewer';
  return errors;
}

function userId(request: FastifyRequest<{ Params: { id: string } }>): number | null {
  return /^\d{1,9}$/.test(request.params.id) ? Number(request.params.id) : null;
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).view('access/problem.njk', {
    pageTitle: 'Page not found',
    paragraphs: ['There is no such user.'],
    link: { href: ROUTES.adminUsers, text: 'Back to users' },
  });
}

export const adminUserRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole('administrator'));
    server.addHook('onSend', async (_request, reply, payload) => {
      reply.header('Cache-Control', 'no-store');
      return payload;
    });

    server.get<{ Querystring: { added?: string; changed?: string; password?: string } }>(ROUTES.adminUsers, async (request, reply) => {
      const users = await app.accounts.listUsers();
      const noticeId = Number(request.query.added ?? request.query.changed ?? request.query.password);
      const subject = users.find((u) => u.id === noticeId);
      const notice = !subject
        ? null
        : request.query.added
          ? `${subject.name} has been added.`
          : request.query.changed
            ? `${subject.name} has been changed.`
            : `The password of ${subject.name} has been reset.`;
      return reply.view('admin-users/list.njk', buildUserListView(users, request.user!.id, notice));
    });

    server.get(ROUTES.adminUserNew, async (_request, reply) => reply.view('admin-users/form.njk', buildUserFormView('add', {})));

    server.post<{ Body: Body }>(ROUTES.adminUsers, async (request, reply) => {
      const values = formValues(request.body);
      const password = text(request.body, 'password');
      const extra = scopeErrors(values);
      try {
        if (Object.keys(extra).length) throw new AccountError(extra);
        const user = await app.accounts.createUser(
          {
            email: values.email,
            name: values.name,
            role: values.role,
            password,
            scope: { refs: parseScopeList(values.refs), services: parseScopeList(values.services) },
          },
          request.user!.email,
          values.reason.trim() || null,
        );
        return reply.redirect(`${ROUTES.adminUsers}?added=${user.id}`, 303);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return reply.code(400).view('admin-users/form.njk', buildUserFormView('add', values, { ...error.errors, ...extra }));
      }
    });

    server.get<{ Params: { id: string } }>(ROUTES.adminUser, async (request, reply) => {
      const id = userId(request);
      const user = id === null ? null : await app.accounts.getUser(id);
      if (!user) return notFound(reply);
      return reply.view(
        'admin-users/form.njk',
        buildUserFormView(
          'change',
          { name: user.name, role: user.role, refs: user.scope.refs.join('\n'), services: user.scope.services.join('\n'), active: user.active },
          {},
          user,
        ),
      );
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminUser, async (request, reply) => {
      const id = userId(request);
      const user = id === null ? null : await app.accounts.getUser(id);
      if (!user) return notFound(reply);
      const values = formValues(request.body);
      const extra = scopeErrors(values);
      try {
        if (Object.keys(extra).length) throw new AccountError(extra);
        await app.accounts.updateUser(
          user.id,
          {
            name: values.name,
            role: values.role,
            active: values.active,
            scope: { refs: parseScopeList(values.refs), services: parseScopeList(values.services) },
          },
          { id: request.user!.id, label: request.user!.email },
          values.reason,
        );
        return reply.redirect(`${ROUTES.adminUsers}?changed=${user.id}`, 303);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return reply.code(400).view('admin-users/form.njk', buildUserFormView('change', values, { ...error.errors, ...extra }, user));
      }
    });

    server.get<{ Params: { id: string } }>(ROUTES.adminUserPassword, async (request, reply) => {
      const id = userId(request);
      const user = id === null ? null : await app.accounts.getUser(id);
      if (!user) return notFound(reply);
      return reply.view('admin-users/password.njk', buildPasswordView(user));
    });

    server.post<{ Params: { id: string }; Body: Body }>(ROUTES.adminUserPassword, async (request, reply) => {
      const id = userId(request);
      const user = id === null ? null : await app.accounts.getUser(id);
      if (!user) return notFound(reply);
      const password = text(request.body, 'password');
      const confirm = text(request.body, 'confirm');
      const reason = text(request.body, 'reason');
      const errors: FieldErrors = { ...checkPassword(password) };
      if (!errors.password && password !== confirm) errors.confirm = 'The passwords do not match';
      if (!reason.trim()) errors.reason = 'Enter the reason for the reset';
      if (Object.keys(errors).length) return reply.code(400).view('admin-users/password.njk', buildPasswordView(user, reason, errors));
      const own = user.id === request.user!.id;
      await app.accounts.setPassword(user.id, password, request.user!.email, reason.trim(), own ? request.sessionToken : null);
      return reply.redirect(`${ROUTES.adminUsers}?password=${user.id}`, 303);
    });
  };

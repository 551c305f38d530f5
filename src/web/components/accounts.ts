/** The accounts pages: sign in and out, user administration, the audit log (docs/accounts.md). */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../app.ts';
import { adminAuditRoutes } from './admin-audit/route.ts';
import { adminUserRoutes } from './admin-users/route.ts';
import { signInRoutes } from './sign-in/route.ts';

export const accountRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    await server.register(signInRoutes(app));
    await server.register(adminUserRoutes(app));
    await server.register(adminAuditRoutes(app));
  };

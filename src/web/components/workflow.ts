/**
 * Running a quarter (docs/running-a-quarter.md): data entry of results and key actions, sign-off of a
 * committee's period, and spreadsheet upload with a preview.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../app.ts';
import { actionEntryRoutes } from './action-entry/route.ts';
import { dataEntryRoutes } from './data-entry/route.ts';
import { comparatorGroupRoutes } from './comparators-groups/route.ts';
import { comparatorImportRoutes } from './comparators-import/route.ts';
import { importUploadRoutes } from './import-upload/route.ts';
import { resultEntryRoutes } from './result-entry/route.ts';
import { signOffRoutes } from './sign-off/route.ts';

export const workflowRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    await server.register(dataEntryRoutes(app));
    await server.register(resultEntryRoutes(app));
    await server.register(actionEntryRoutes(app));
    await server.register(signOffRoutes(app));
    await server.register(importUploadRoutes(app));
    await server.register(comparatorImportRoutes(app));
    await server.register(comparatorGroupRoutes(app));
  };

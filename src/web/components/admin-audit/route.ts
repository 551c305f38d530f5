/**
 * /admin/audit (the append-only audit log, newest first, filtered, paginated) and /admin/audit.csv
 * (the same filter, every matching row). Administrators and performance officers.
 */
import type { FastifyPluginAsync } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import type { App } from '../../../app.ts';
import { requireRole } from '../../auth/plugin.ts';
import { CSV_HEADER, PAGE_SIZE, auditCsvRow, buildAuditView, parseAuditQuery, type AuditQuery } from './viewModel.ts';
import { ROUTES } from '../../urls.ts';

const CSV_BATCH = 5000;

export const adminAuditRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.addHook('preHandler', requireRole('administrator', 'performance-officer'));

    server.get<{ Querystring: AuditQuery }>(ROUTES.adminAudit, async (request, reply) => {
      const { filter, page } = parseAuditQuery(request.query);
      const [total, entities] = await Promise.all([app.audit.count(filter), app.audit.entities()]);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const current = Math.min(page, pages);
      const rows = await app.audit.list(filter, PAGE_SIZE, (current - 1) * PAGE_SIZE);
      reply.header('Cache-Control', 'no-store');
      return reply.view('admin-audit/audit.njk', buildAuditView({ filter, page: current, total, rows, entities }));
    });

    server.get<{ Querystring: AuditQuery }>(ROUTES.adminAuditCsv, async (request, reply) => {
      const { filter } = parseAuditQuery(request.query);
      const parts = ['\ufeff', stringify([CSV_HEADER])];
      for (let offset = 0; ; offset += CSV_BATCH) {
        const rows = await app.audit.list(filter, CSV_BATCH, offset);
        if (rows.length) parts.push(stringify(rows.map(auditCsvRow)));
        if (rows.length < CSV_BATCH) break;
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', 'attachment; filename="townhall-audit-log.csv"')
        .send(parts.join(''));
    });
  };

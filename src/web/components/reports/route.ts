/**
 * Report endpoints: the performance report model as JSON or markdown, and the blank import template.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { renderPerformanceMarkdown } from '../../../reports/markdown.ts';
import { ReportError } from '../../../services/performanceReport.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import { writeBlankTemplate } from '../../../workbook/write.ts';
import { ROUTES } from '../../urls.ts';

export const reportRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get<{ Querystring: Record<'committee' | 'period' | 'format', string | string[] | undefined> }>(ROUTES.performanceReport, async (request, reply) => {
      // A parameter given twice arrives as a list: it names no one committee or period.
      const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
      const committee = one(request.query.committee);
      const period = one(request.query.period);
      const format = one(request.query.format) ?? 'json';
      if (!committee || !period) return reply.code(400).send({ error: 'committee and period are required' });
      try {
        // The public sees published cycles only; an unpublished one answers as if it did not exist.
        const report = await app.performance.performanceReport({ committee, period }, audienceOf(request.user));
        if (report === NOT_VISIBLE) return reply.code(404).send({ error: 'No published report for that committee and period' });
        if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(renderPerformanceMarkdown(report));
        return report;
      } catch (error) {
        if (error instanceof ReportError) return reply.code(404).send({ error: error.message });
        throw error;
      }
    });

    // The blank import workbook (docs/import-template.md), for anyone to fill in.
    server.get(ROUTES.importTemplate, async (_request, reply) => {
      const dir = await mkdtemp(join(tmpdir(), 'townhall-template-'));
      try {
        const path = join(dir, 'townhall-import-template.xlsx');
        await writeBlankTemplate(path, 'xlsx');
        const body = await readFile(path);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('Content-Disposition', 'attachment; filename="townhall-import-template.xlsx"')
          .send(body);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  };

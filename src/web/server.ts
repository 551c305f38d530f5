/**
 * The web server. For now a status page and the report endpoints; the full web application
 * (issue 3) grows here. Output is escaped; only GET routes exist, so there is no state to protect yet.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { App } from '../app.ts';
import { formatFinancialYear } from '../domain/periods.ts';
import { renderPerformanceMarkdown } from '../reports/markdown.ts';
import { ReportError } from '../services/performanceReport.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function buildServer(app: App, options: { logger?: boolean | object } = {}): FastifyInstance {
  const server = Fastify({ logger: options.logger ?? false });

  server.addHook('onSend', async (_request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    return payload;
  });

  server.get('/health', async () => ({ status: 'ok', database: app.handle.engine }));

  server.get('/', async (_request, reply) => {
    const db = app.handle.db;
    const [council, committees, years, indicators, results] = await Promise.all([
      db.selectFrom('council').select('name').executeTakeFirst(),
      db
        .selectFrom('committee_name as n')
        .innerJoin('committee as c', 'c.id', 'n.committee_id')
        .select(['c.slug', 'n.name', 'n.from_year'])
        .orderBy('c.id')
        .orderBy('n.from_year', (ob) => ob.asc().nullsFirst())
        .execute(),
      db.selectFrom('plan_year').select('start_year').orderBy('start_year').execute(),
      db.selectFrom('indicator').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      db.selectFrom('result').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const latest = years.at(-1)?.start_year;
    const items = committees
      .map((c) => {
        const from = c.from_year === null ? '' : ` (from ${formatFinancialYear(c.from_year)})`;
        const links = years
          .map((y) => {
            const period = formatFinancialYear(y.start_year);
            const q = `committee=${encodeURIComponent(c.slug)}&period=${encodeURIComponent(period)}`;
            return `<a href="/reports/performance?${escapeHtml(q)}&amp;format=md">${escapeHtml(period)}</a>`;
          })
          .join(' · ');
        return `<li>${escapeHtml(c.name)}${escapeHtml(from)}: annual reports ${links}</li>`;
      })
      .join('\n');
    reply.type('text/html; charset=utf-8');
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Townhall</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: Arial, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.5">
<main>
<h1>Townhall</h1>
<p>${escapeHtml(council?.name ?? 'No council loaded')} — ${Number(indicators.n)} indicators, ${Number(results.n)} results, plan years ${
      years.length ? `${escapeHtml(formatFinancialYear(years[0]!.start_year))} to ${escapeHtml(formatFinancialYear(latest!))}` : 'none'
    }. Database: ${escapeHtml(app.handle.engine)}.</p>
<h2>Committees</h2>
<ul>${items}</ul>
<p>Any period: <code>/reports/performance?committee=…&amp;period=Q2 2018/19&amp;format=json|md</code>.</p>
</main></body></html>`;
  });

  server.get<{ Querystring: { committee?: string; period?: string; format?: string } }>('/reports/performance', async (request, reply) => {
    const { committee, period, format = 'json' } = request.query;
    if (!committee || !period) return reply.code(400).send({ error: 'committee and period are required' });
    try {
      const report = await app.reports.performanceReport({ committee, period });
      if (format === 'md') return reply.type('text/markdown; charset=utf-8').send(renderPerformanceMarkdown(report));
      return report;
    } catch (error) {
      if (error instanceof ReportError) return reply.code(404).send({ error: error.message });
      throw error;
    }
  });

  return server;
}

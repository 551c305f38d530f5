import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { formatPeriod, periodFromKey } from '../../../domain/periods.ts';
import { ReportRepository } from '../../../repositories/reportRepository.ts';
import { ReportError, type PerformanceReport } from '../../../services/performanceReport.ts';
import { audienceOf } from '../../visibility.ts';
import { buildHomeView } from './viewModel.ts';

export const homeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    const repo = new ReportRepository(app.handle.db);
    server.get('/', async (request, reply) => {
      const audience = audienceOf(request.user);
      const [council, committees] = await Promise.all([repo.councilName(), repo.listCommittees()]);
      const withPeriods = await Promise.all(
        committees.map(async (c) => ({ slug: c.slug, names: c.names, periods: await app.publication.visiblePeriods(c.id, audience) })),
      );
      // Staff: what is outstanding in each committee's latest period.
      let currentReports: PerformanceReport[] | null = null;
      if (audience.includeUnpublished) {
        currentReports = [];
        for (const c of withPeriods) {
          const latest = c.periods[c.periods.length - 1];
          if (!latest) continue;
          try {
            currentReports.push(await app.reports.performanceReport({ committee: c.slug, period: formatPeriod(periodFromKey(latest.key)) }));
          } catch (error) {
            if (!(error instanceof ReportError)) throw error;
          }
        }
      }
      return reply.view('home/home.njk', buildHomeView({ council, staff: audience.includeUnpublished, committees: withPeriods, currentReports }));
    });
  };

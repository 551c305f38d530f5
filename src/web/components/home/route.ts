import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { buildHomeView } from './viewModel.ts';

export const homeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get('/', async (_request, reply) => {
      const db = app.handle.db;
      const [council, committees, names, years, indicators, results] = await Promise.all([
        db.selectFrom('council').select('name').executeTakeFirst(),
        db.selectFrom('committee').select(['id', 'slug']).orderBy('id').execute(),
        db.selectFrom('committee_name').select(['committee_id', 'name', 'from_year']).orderBy('from_year', (ob) => ob.asc().nullsFirst()).execute(),
        db.selectFrom('plan_year').select('start_year').orderBy('start_year').execute(),
        db.selectFrom('indicator').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('result').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const view = buildHomeView({
        council: council?.name ?? null,
        committees: committees.map((c) => ({
          slug: c.slug,
          names: names.filter((n) => n.committee_id === c.id).map((n) => ({ name: n.name, fromYear: n.from_year })),
        })),
        planYears: years.map((y) => y.start_year),
        indicatorCount: Number(indicators.n),
        resultCount: Number(results.n),
      });
      return reply.view('home/home.njk', view);
    });
  };

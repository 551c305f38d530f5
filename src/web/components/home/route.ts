import type { FastifyPluginAsync } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf } from '../../../domain/access.ts';
import { buildHomeView } from './viewModel.ts';

export const homeRoutes =
  (app: App): FastifyPluginAsync =>
  async (server) => {
    server.get('/', async (request, reply) => reply.view('home/home.njk', buildHomeView(await app.performance.home(audienceOf(request.user)))));
  };

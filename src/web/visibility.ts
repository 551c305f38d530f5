/**
 * Publication visibility for web requests: residents and anonymous visitors (request.user null) see
 * only published cycles; staff see every cycle. Pages answer 404 for a cycle the viewer may not see,
 * exactly as for one that does not exist.
 */
import type { FastifyReply } from 'fastify';
export { audienceOf } from '../domain/access.ts';

/** The GOV.UK "Page not found" page. */
export function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).view('not-found/not-found.njk', { pageTitle: 'Page not found' });
}

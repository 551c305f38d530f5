/**
 * One request hook resolves the committee and period of a public committee page
 * (/committees/:slug/:period…) once, for the visitor: `request.cycle` is the cycle the visitor may see,
 * and anything else — an unknown committee, a period not written as a URL period, a cycle the visitor
 * may not see, a published version (`?version=N`) it does not have — answers the GOV.UK "Page not found"
 * before the route runs. Whether the visitor may see
 * it is the service's decision (app.performance.cycle), not the route's.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../../../app.ts';
import { audienceOf, NOT_VISIBLE } from '../../../domain/access.ts';
import type { VisibleCycle } from '../../../services/committeePerformance.ts';
import { periodKeyFromSlug } from '../../urls.ts';
import { notFound } from '../../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The committee and period of the URL, as the visitor may see them (routes with :slug and :period). */
    cycle: VisibleCycle | null;
  }
}

/** Adds the hook to a plugin: every route of it with `:slug` and `:period` gets `request.cycle`, or a 404. */
export function resolveCommitteeCycle(server: FastifyInstance, app: App): void {
  server.decorateRequest('cycle', null);
  server.addHook('preHandler', async (request, reply) => {
    const { slug, period } = (request.params ?? {}) as { slug?: string; period?: string };
    if (slug === undefined || period === undefined) return;
    const key = periodKeyFromSlug(period);
    // `?version=N`: a published version of the period (an earlier one stays readable); anything else is not a page.
    const asked = (request.query as Record<string, unknown> | undefined)?.version;
    const version = asked === undefined ? undefined : versionOf(asked);
    if (version === null) return notFound(reply);
    const found = key ? await app.performance.cycle(slug, key, audienceOf(request.user), version) : NOT_VISIBLE;
    if (found === NOT_VISIBLE) return notFound(reply);
    request.cycle = found;
  });
}

/** A version number as a URL gives it ('2'), or null when it is not one. */
export function versionOf(text: unknown): number | null {
  return typeof text === 'string' && /^[1-9]\d{0,5}$/.test(text) ? Number(text) : null;
}

/** The cycle the hook resolved (routes under resolveCommitteeCycle with :slug and :period only). */
export function cycleOf(request: FastifyRequest): VisibleCycle {
  if (!request.cycle) throw new Error(`No committee cycle was resolved for ${request.routeOptions.url}`);
  return request.cycle;
}

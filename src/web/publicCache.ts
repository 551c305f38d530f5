/**
 * Public pages are the same for every anonymous visitor until the data change: keep each rendered
 * page under the data version it was built at (src/services/dataVersion.ts) and serve it again while
 * the version stands (on the embedded database the version is known without a query: ADR 0007). Signed-in users are never served from here (their pages show unpublished data
 * and their own controls). The one per-response value, the CSP nonce, is swapped on the way out.
 */
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.ts';

const CAPACITY = 500;

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheVersion: string | null;
  }
}

/** Routes whose anonymous GET responses depend only on the URL and the stored data. */
export function registerPublicPageCache(server: FastifyInstance, app: App, routes: string[]): void {
  const cacheable = new Set(routes);
  /** A page kept as the pieces between its nonces, joined with each response's own nonce. */
  const pages = new Map<string, { version: string; pieces: string[]; contentType: string }>();
  server.decorateRequest('publicCacheVersion', null);

  server.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.user !== null || !cacheable.has(request.routeOptions.url ?? '')) return;
    const version = await app.dataVersion.current();
    request.publicCacheVersion = version;
    const hit = pages.get(request.url);
    if (!hit || hit.version !== version) return;
    pages.delete(request.url);
    pages.set(request.url, hit);
    return reply.type(hit.contentType).header('X-Townhall-Cache', 'hit').send(hit.pieces.join(reply.cspNonce));
  });

  server.addHook('onSend', async (request, reply, payload) => {
    const version = request.publicCacheVersion;
    if (version === null || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('X-Townhall-Cache')) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (!contentType.startsWith('text/html') || !reply.cspNonce) return payload;
    pages.set(request.url, { version, pieces: payload.split(reply.cspNonce), contentType });
    while (pages.size > CAPACITY) pages.delete(pages.keys().next().value!);
    return payload;
  });
}

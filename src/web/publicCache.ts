/**
 * Public pages are the same for every anonymous visitor until the data change: keep each rendered
 * page under the data version it was built at (src/services/dataVersion.ts) and serve it again while
 * the version stands (on the embedded database the version is known without a query: ADR 0007).
 * Signed-in users are never served from here (their pages show unpublished data and their own
 * controls). A page is the same bytes for everyone (the CSP allows the one inline script by its hash),
 * so it is kept as a Buffer, with gzip and Brotli forms made once for the browsers that accept them.
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.ts';

const CAPACITY = 500;

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheVersion: string | null;
  }
}

export type ContentEncoding = 'br' | 'gzip' | 'identity';

interface CachedPage {
  version: string;
  contentType: string;
  bodies: Record<ContentEncoding, Buffer>;
}

/** The encoding to send for an `Accept-Encoding` header (RFC 9110 §12.5.3): Brotli, then gzip, else none. */
export function preferredEncoding(header: string | undefined): ContentEncoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const item of header.split(',')) {
    const [name, ...params] = item.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name) q.set(name, weight ? Number(weight[1]) : 1);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

function compressed(body: Buffer): Record<ContentEncoding, Buffer> {
  return {
    identity: body,
    gzip: gzipSync(body, { level: 6 }),
    br: brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  };
}

/** Routes whose anonymous GET responses depend only on the URL and the stored data. */
export function registerPublicPageCache(server: FastifyInstance, app: App, routes: string[]): void {
  const cacheable = new Set(routes);
  const pages = new Map<string, CachedPage>();
  server.decorateRequest('publicCacheVersion', null);

  server.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.user !== null || !cacheable.has(request.routeOptions.url ?? '')) return;
    const version = await app.dataVersion.current();
    request.publicCacheVersion = version;
    const hit = pages.get(request.url);
    if (!hit || hit.version !== version) return;
    pages.delete(request.url);
    pages.set(request.url, hit);
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    reply.header('X-Townhall-Cache', 'hit').header('Vary', 'Accept-Encoding').type(hit.contentType);
    if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
    return reply.send(hit.bodies[encoding]);
  });

  server.addHook('onSend', async (request, reply, payload) => {
    const version = request.publicCacheVersion;
    if (version === null || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('X-Townhall-Cache')) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (!contentType.startsWith('text/html')) return payload;
    const page = { version, contentType, bodies: compressed(Buffer.from(payload)) };
    pages.set(request.url, page);
    while (pages.size > CAPACITY) pages.delete(pages.keys().next().value!);
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    reply.header('Vary', 'Accept-Encoding');
    if (encoding === 'identity') return payload;
    reply.header('Content-Encoding', encoding);
    return page.bodies[encoding];
  });
}

/**
 * Public pages are the same for every anonymous visitor until the data change: keep each rendered
 * page under the data version it was built at (src/services/dataVersion.ts) and serve it again while
 * the version stands (on the embedded database the version is known without a query: ADR 0007).
 * Signed-in users are never served from here (their pages show unpublished data and their own
 * controls). A page is the same bytes for everyone (the CSP allows the one inline script by its hash),
 * so it is kept as a Buffer, with gzip and Brotli forms made once for the browsers that accept them.
 *
 * A page is kept under its route, its (decoded) path parameters and only the query parameters it reads,
 * in the order it declares them: `?x=1` and `?x=2` are the same page, so no visitor can make the cache
 * miss (and rebuild the page) by adding a query string, nor make it keep new pages. A parameter's value
 * counts only when the page accepts it (`acceptQueryValues`, called by the route as it renders): an
 * invalid filter the page ignores is the page without it. Until the page has rendered once at the
 * current data version its accepted values are not known and the raw value is used for the lookup only.
 * Both the pages and the accepted values are least-recently-used lists of CAPACITY entries.
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../app.ts';

const CAPACITY = 500;

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheVersion: string | null;
    /** The values of each query parameter the page accepts, as the route said while rendering it. */
    publicCacheAccepted: Record<string, readonly string[]> | null;
  }
}

/** A cached route's pattern → the query parameters its page reads (in a canonical order); every other one is ignored. */
export type CachedRoutes = Record<string, readonly string[]>;

/**
 * Called by a cached route as it renders: the values each query parameter may take on this page (the
 * others are ignored by the page, so the cache treats them as absent).
 */
export function acceptQueryValues(request: FastifyRequest, accepted: Record<string, readonly string[]>): void {
  request.publicCacheAccepted = accepted;
}

/** A least-recently-used map of at most `capacity` entries. */
class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The page a request asks for: the route and its decoded path parameters, whatever the encoding or query. */
function pageOf(request: FastifyRequest, council: string | undefined): string {
  return JSON.stringify([council ?? null, request.routeOptions.url, request.params ?? {}]);
}

/**
 * The cache key: the page and, in the declared order, each parameter it reads with a single value —
 * only a value the page accepts, when that is known.
 */
export function cacheKey(page: string, query: unknown, reads: readonly string[], accepted: Record<string, readonly string[]> | null): string {
  const given = (query ?? {}) as Record<string, unknown>;
  const kept: string[] = [];
  for (const name of reads) {
    const value = given[name];
    if (typeof value !== 'string' || value === '') continue;
    if (accepted && !(accepted[name] ?? []).includes(value)) continue;
    kept.push(`${name}=${encodeURIComponent(value)}`);
  }
  return `${page}?${kept.join('&')}`;
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

/** Routes whose anonymous GET responses depend only on the route, its parameters, the query parameters named and the stored data. */
export function registerPublicPageCache(server: FastifyInstance, app: App, routes: CachedRoutes): void {
  const reads = new Map(Object.entries(routes));
  const pages = new Lru<CachedPage>(CAPACITY);
  /** Per page (route and parameters): the query values it accepts, at the data version it rendered at. */
  const acceptedBy = new Lru<{ version: string; accepted: Record<string, readonly string[]> }>(CAPACITY);
  server.decorateRequest('publicCacheVersion', null);
  server.decorateRequest('publicCacheAccepted', null);

  // A page is kept per council: one installation's councils share this cache, never its pages (ADR 0030).
  const pageKey = (request: FastifyRequest) => pageOf(request, app.council()?.slug);
  const keyOf = (request: FastifyRequest, accepted: Record<string, readonly string[]> | null) =>
    cacheKey(pageKey(request), request.query, reads.get(request.routeOptions.url ?? '') ?? [], accepted);

  server.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'GET' || request.user !== null || !reads.has(request.routeOptions.url ?? '')) return;
    const version = await app.dataVersion.current();
    request.publicCacheVersion = version;
    const known = acceptedBy.get(pageKey(request));
    const hit = pages.get(keyOf(request, known?.version === version ? known.accepted : null));
    if (!hit || hit.version !== version) return;
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    reply.header('X-Townhall-Cache', 'hit').header('Vary', 'Accept-Encoding').type(hit.contentType);
    if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
    return reply.send(hit.bodies[encoding]);
  });

  server.addHook('onSend', async (request, reply, payload) => {
    const version = request.publicCacheVersion;
    if (version === null || reply.statusCode !== 200 || typeof payload !== 'string' || reply.getHeader('X-Townhall-Cache')) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    if (!contentType.startsWith('text/html') || /no-store/i.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const accepted = request.publicCacheAccepted;
    if (accepted) acceptedBy.set(pageKey(request), { version, accepted });
    const page = { version, contentType, bodies: compressed(Buffer.from(payload)) };
    pages.set(keyOf(request, accepted), page);
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    reply.header('Vary', 'Accept-Encoding');
    if (encoding === 'identity') return payload;
    reply.header('Content-Encoding', encoding);
    return page.bodies[encoding];
  });

}

/**
 * Anonymous pages served again while the data stand still: never after a change, never to staff;
 * the same bytes for everyone, compressed for browsers that ask.
 */
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { signInAs } from '../support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../support/db.ts';
import { DataVersionWatcher } from '../../src/services/dataVersion.ts';
import { DataVersionRepository } from '../../src/repositories/dataVersion.ts';

const DASHBOARD = '/committees/community-leadership-committee/2018-19-q2';

describe.each(engines())('public page cache on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.app.imports.importFile(DEMO_WORKBOOK);
    await t.app.publication.publishAllWithData('test', 'published papers');
    server = buildServer(t.app);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  it('serves the same page again, with the same headers', async () => {
    const first = await server.inject(DASHBOARD);
    const second = await server.inject(DASHBOARD);
    expect(first.headers['x-townhall-cache']).toBeUndefined();
    expect(second.headers['x-townhall-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    for (const name of ['content-type', 'content-security-policy', 'x-frame-options', 'vary']) expect(second.headers[name]).toBe(first.headers[name]);
    expect(second.headers['vary']).toBe('Accept-Encoding');
    expect(second.headers['content-encoding']).toBeUndefined();
  });

  it('sends the page compressed to browsers that accept it, on a miss and on a hit alike', async () => {
    const plain = (await server.inject(DASHBOARD)).body;
    await t.handle.db.updateTable('council').set({ name: 'London Borough of Barnet' }).execute(); // a new data version: the next request misses
    for (const expected of ['miss', 'hit']) {
      const br = await server.inject({ url: DASHBOARD, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['x-townhall-cache']).toBe(expected === 'hit' ? 'hit' : undefined);
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain);
      expect(Number(br.headers['content-length'])).toBe(br.rawPayload.length);
      const gzip = await server.inject({ url: DASHBOARD, headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain);
    }
  });

  it('rebuilds after a publication, and never shows a draft made meanwhile', async () => {
    await server.inject(DASHBOARD);
    const committee = (await t.handle.db.selectFrom('committee').select('id').executeTakeFirstOrThrow()).id;
    await t.app.publication.setStatus(committee, '2018-Q2', 'approved', 'test', 'reopened for correction');
    await t.handle.db.updateTable('result').set({ value: 712 }).where('period', '=', '2018-Q2').where('value', '=', 711).execute();
    // Reopened and changed: the public still see the version published.
    const during = await server.inject(DASHBOARD);
    expect(during.statusCode).toBe(200);
    expect(during.body).toContain('711');
    expect(during.body).not.toContain('712');
    await t.app.publication.setStatus(committee, '2018-Q2', 'published', 'test', 'corrected');
    const after = await server.inject(DASHBOARD);
    expect(after.headers['x-townhall-cache']).toBeUndefined();
    expect(after.body).toContain('712');
    expect(after.body).toContain('(version 2 of 2)');
  });

  it('ignores query parameters the page does not read: ?x=1 and ?x=2 are the one cached page', async () => {
    const plain = await server.inject(DASHBOARD);
    const x1 = await server.inject(`${DASHBOARD}?x=1`);
    const x2 = await server.inject(`${DASHBOARD}?x=2&utm_source=mail&rating=G&rating=R`);
    for (const res of [x1, x2]) {
      expect(res.headers['x-townhall-cache']).toBe('hit');
      expect(res.body).toBe(plain.body);
    }
    // Encoded the other way, the same page is the same entry.
    expect((await server.inject(DASHBOARD.replace('community', '%63ommunity'))).headers['x-townhall-cache']).toBe('hit');
  });

  it('keys the dashboard on the filters it reads, in one order, and treats a value it does not accept as absent', async () => {
    const plain = await server.inject(DASHBOARD);
    const sorted = await server.inject(`${DASHBOARD}?sort=ref&order=desc`);
    expect(sorted.body).not.toBe(plain.body);
    const reordered = await server.inject(`${DASHBOARD}?order=desc&x=9&sort=ref`);
    expect(reordered.headers['x-townhall-cache']).toBe('hit');
    expect(reordered.body).toBe(sorted.body);
    for (const junk of ['rating=junk1', 'rating=junk2&type=nope', 'priority=%3Cscript%3E&sort=nothing']) {
      const res = await server.inject(`${DASHBOARD}?${junk}`);
      expect([junk, res.headers['x-townhall-cache']]).toEqual([junk, 'hit']);
      expect(res.body).toBe(plain.body);
    }
  });

  it('cannot be made to grow or to drop pages by unknown parameters', async () => {
    await server.inject(DASHBOARD);
    await server.inject(`${DASHBOARD}?sort=title`);
    for (let n = 0; n < 600; n++) await server.inject(`${DASHBOARD}?x=${n}&rating=bad${n}`);
    // More than the cache holds (500) have been asked for: had each been an entry, these would be gone.
    expect((await server.inject(DASHBOARD)).headers['x-townhall-cache']).toBe('hit');
    expect((await server.inject(`${DASHBOARD}?sort=title`)).headers['x-townhall-cache']).toBe('hit');
  });

  it('never serves staff from the cache', async () => {
    await server.inject(DASHBOARD);
    const officer = await signInAs(t.app, 'performance-officer');
    const res = await server.inject({ url: DASHBOARD, headers: { cookie: officer.cookie } });
    expect(res.headers['x-townhall-cache']).toBeUndefined();
    expect(res.body).toContain('Signed in as');
  });
});

describe.each(engines())('data version watcher on %s', (engine) => {
  it('answers the calls made on one turn of the event loop with one read, sent after all of them', async () => {
    const t = await createTestDatabase(engine);
    const executor = t.handle.db.getExecutor();
    const executeQuery = executor.executeQuery.bind(executor);
    let reads = 0;
    (executor as { executeQuery: typeof executeQuery }).executeQuery = ((...args: Parameters<typeof executeQuery>) => {
      if (/data_version/.test(args[0].sql)) reads += 1;
      return executeQuery(...args);
    }) as typeof executeQuery;
    try {
      const watcher = new DataVersionWatcher(new DataVersionRepository(t.handle));
      const first = await Promise.all(Array.from({ length: 20 }, () => watcher.current()));
      expect(new Set(first).size).toBe(1);
      expect(reads).toBe(1);
      // A call made once a read is on its way waits for a read of its own: it sees a change made meanwhile.
      const earlier = watcher.current();
      await new Promise((resolve) => setImmediate(resolve));
      await t.handle.db.updateTable('council').set({ name: 'Changed meanwhile' }).execute();
      const later = await watcher.current();
      expect(Number(later)).toBeGreaterThan(Number(first[0]));
      expect(Number(later)).toBeGreaterThanOrEqual(Number(await earlier));
      await watcher.stop();
    } finally {
      (executor as { executeQuery: typeof executeQuery }).executeQuery = executeQuery;
      await t.dispose();
    }
  });

  it('knows of a change as soon as the writing statement has returned', async () => {
    const t = await createTestDatabase(engine);
    try {
      const first = await t.app.dataVersion.current();
      expect(await t.app.dataVersion.current()).toBe(first);
      await t.handle.db.insertInto('council').values({ id: 1, name: 'Notified Borough' }).execute();
      expect(Number(await t.app.dataVersion.current())).toBeGreaterThan(Number(first));
      await t.handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('council').set({ name: 'Renamed Borough' }).execute();
      });
      expect(Number(await t.app.dataVersion.current())).toBeGreaterThan(Number(first) + 1);
    } finally {
      await t.dispose();
    }
  });
});

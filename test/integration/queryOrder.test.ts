/**
 * The embedded database's one connection serves the oldest work first and lets the event loop turn
 * between statements (src/db/queryOrder.ts, src/db/connection.ts; issue 9, deliver 5). Before, the
 * statements of concurrent requests were served first come, first served and settled within one turn of
 * the event loop: 200 pages in progress all finished together, after every one of their statements, with
 * nothing else — a new request, a response, /health — handled meanwhile.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

describe('work on the embedded database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('pglite');
  });
  afterAll(async () => t?.dispose());

  /** `n` pieces of work begun together, each `statements` statements one after another; the log of what happened, in order. */
  const burst = async (n: number, statements: number, log: string[]) => {
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.app.inArrivalOrder(async () => {
          for (let k = 1; k <= statements; k++) {
            await sql`select ${i}::int as work, ${k}::int as statement`.execute(t.handle.db);
            log.push(`${i}.${k}`);
          }
        }),
      ),
    );
  };

  it('serves the oldest work’s statements first: the first piece of work finishes before the others get past their first statement', async () => {
    const log: string[] = [];
    await burst(20, 5, log);
    expect(log.slice(0, 5)).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5']);
    // Each piece of work finishes before any later one has its second statement served.
    for (let i = 0; i < 19; i++) expect(log.indexOf(`${i}.5`)).toBeLessThan(log.indexOf(`${i + 1}.2`));
    expect(log).toHaveLength(100);
  });

  it('lets the event loop turn between statements, so other work (I/O, timers) is not held until the last', async () => {
    const log: string[] = [];
    const running = burst(20, 5, log);
    setImmediate(() => log.push('turn'));
    await running;
    expect(log.indexOf('turn')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('turn')).toBeLessThan(5);
  });

  it('still runs a transaction’s statements together, whatever waits meanwhile', async () => {
    const log: string[] = [];
    const inside = t.app.inArrivalOrder(() =>
      t.handle.db.transaction().execute(async (trx) => {
        for (let k = 1; k <= 5; k++) {
          await sql`select ${k}::int`.execute(trx);
          log.push(`trx.${k}`);
        }
      }),
    );
    const others = burst(5, 2, log);
    await Promise.all([inside, others]);
    const first = log.indexOf('trx.1');
    expect(log.slice(first, first + 5)).toEqual(['trx.1', 'trx.2', 'trx.3', 'trx.4', 'trx.5']);
  });
});

/**
 * /admin/audit and /admin/audit.csv against a real database: newest first, filters, pagination,
 * and CSV cells neutralised against formula injection.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../../repositories/auditRepository.ts';
import { signInAs, type SignedIn } from '../../../../test/support/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../../../../test/support/db.ts';
import { buildServer } from '../../server.ts';

describe.each(engines())('audit log pages on %s', (engine) => {
  let t: TestDatabase;
  let server: ReturnType<typeof buildServer>;
  let officer: SignedIn;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    server = buildServer(t.app);
    officer = await signInAs(t.app, 'performance-officer', { email: 'officer@council.gov.uk' });
    await recordAudit(
      t.handle.db,
      Array.from({ length: 120 }, (_, i) => ({
        actor: i % 2 ? 'importer@council.gov.uk' : 'cli:someone',
        action: 'import:change',
        entity: 'result',
        entityKey: `CG/S${i}`,
        before: { value: i },
        after: { value: i + 1 },
        reason: `change ${i}`,
      })),
    );
    await recordAudit(t.handle.db, [
      { actor: '=cmd|\' /C calc\'!A0', action: 'import:add', entity: 'result', entityKey: '@SUM(1+1)', before: null, after: { value: '+1' }, reason: '-2+3' },
    ]);
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  const get = (url: string) => server.inject({ url, headers: { cookie: officer.cookie } });

  it('lists entries newest first, 50 a page, with before → after and the reason', async () => {
    const res = await get('/admin/audit');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Showing 1 to 50 of 122 entries, newest first.');
    const first = res.body.indexOf('@SUM(1+1)');
    const second = res.body.indexOf('CG/S119');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(res.body).toContain('value: 119 → 120');
    expect(res.body).toContain('govuk-pagination');
    const page3 = await get('/admin/audit?page=3');
    expect(page3.body).toContain('Showing 101 to 122 of 122 entries');
    expect(page3.body).toContain('user:add'); // the officer's own account, oldest
    const beyond = await get('/admin/audit?page=99');
    expect(beyond.body).toContain('Showing 101 to 122 of 122 entries');
  });

  it('filters by entity and by actor', async () => {
    const users = await get('/admin/audit?entity=app_user');
    expect(users.body).toContain('Showing 1 to 1 of 1 entries');
    expect(users.body).toContain('officer@council.gov.uk');
    const importer = await get('/admin/audit?entity=result&actor=IMPORTER');
    expect(importer.body).toContain('of 60 entries');
    const like = await get('/admin/audit?actor=%25');
    expect(like.body).toContain('No entries match.');
  });

  it('exports the filtered log as CSV with formula-like cells neutralised', async () => {
    const res = await get('/admin/audit.csv?entity=result');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('attachment');
    const rows = parse(res.body.replace(/^\ufeff/, '')) as string[][];
    expect(rows[0]).toEqual(['id', 'at', 'actor', 'action', 'entity', 'entity_key', 'before', 'after', 'reason']);
    expect(rows).toHaveLength(122);
    const evil = rows[1]!;
    expect(evil[2]).toBe("'=cmd|' /C calc'!A0");
    expect(evil[5]).toBe("'@SUM(1+1)");
    expect(evil[7]).toBe('{"value":"+1"}');
    expect(evil[8]).toBe("'-2+3");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

/**
 * The demo council as it loads on first start — imported, every period with data published — with a
 * server that lets test staff in (x-test-staff): the setup of the tests that read the published demo.
 */
import { DEMO_WORKBOOK } from '../../src/app.ts';
import { buildServer } from '../../src/web/server.ts';
import { createTestDatabase, type Engine, type TestDatabase } from './db.ts';
import { allowTestStaff } from './staff.ts';

export interface PublishedDemo {
  t: TestDatabase;
  server: ReturnType<typeof buildServer>;
  /** The id of the committee `slug`. */
  committeeId: number;
  close(): Promise<void>;
}

export async function publishedDemo(engine: Engine, slug: string): Promise<PublishedDemo> {
  const t = await createTestDatabase(engine);
  const outcome = await t.app.imports.importFile(DEMO_WORKBOOK);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  await t.app.publication.publishAllWithData('demo', 'test');
  const committeeId = (await t.handle.db.selectFrom('committee').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const server = buildServer(t.app);
  allowTestStaff(server);
  return {
    t,
    server,
    committeeId,
    close: async () => {
      await server.close();
      await t.dispose();
    },
  };
}

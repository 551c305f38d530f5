/**
 * The councils this installation hosts and the host names each answers on (src/db/installation, ADR 0030).
 * Over the installation's own schema: a council's repositories never see these tables.
 */
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/transaction.ts';

export interface CouncilSiteRecord {
  slug: string;
  name: string;
  /** null: the installation's own schema. */
  schema: string | null;
  hostnames: string[];
}

export class InstallationRepository {
  constructor(private readonly db: Db) {}

  async councils(): Promise<CouncilSiteRecord[]> {
    const [councils, hosts] = await Promise.all([
      this.db.selectFrom('installation_council').select(['slug', 'name', 'schema_name']).orderBy('created_at').orderBy('slug').execute(),
      this.db.selectFrom('installation_council_host').select(['hostname', 'council_slug']).orderBy('hostname').execute(),
    ]);
    return councils.map((c) => ({
      slug: c.slug,
      name: c.name,
      schema: c.schema_name,
      hostnames: hosts.filter((h) => h.council_slug === c.slug).map((h) => h.hostname),
    }));
  }

  /** Adds a council, or (`replaceHosts`) changes a council's name and host names; all or nothing. */
  async save(council: CouncilSiteRecord, mode: 'add' | 'update'): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      if (mode === 'add') {
        await trx.insertInto('installation_council').values({ slug: council.slug, name: council.name, schema_name: council.schema }).execute();
      } else {
        await trx.updateTable('installation_council').set({ name: council.name }).where('slug', '=', council.slug).execute();
        await trx.deleteFrom('installation_council_host').where('council_slug', '=', council.slug).execute();
      }
      if (council.hostnames.length) {
        await trx
          .insertInto('installation_council_host')
          .values(council.hostnames.map((hostname) => ({ hostname, council_slug: council.slug })))
          .execute();
      }
    });
  }
}

/**
 * Composition root: one place that opens the database, runs migrations and wires repositories into
 * services. The CLI, the web server, tests and benchmarks all start here.
 */
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { connect, type DatabaseHandle } from './db/connection.ts';
import { migrate } from './db/migrate.ts';
import { PublicationRepository } from './repositories/publicationRepository.ts';
import { ReportRepository } from './repositories/reportRepository.ts';
import { AccountService } from './services/accountService.ts';
import { CheckService } from './services/checkService.ts';
import { EntryService } from './services/entryService.ts';
import { ExportService } from './services/exportService.ts';
import { FrameworkAdminService } from './services/frameworkAdminService.ts';
import { PdfWorkerPool } from './documents/pdfWorkerPool.ts';
import { DataVersionWatcher } from './services/dataVersion.ts';
import { ImportService } from './services/importService.ts';
import { OpenDataService } from './services/openDataService.ts';
import { ReportService } from './services/performanceReport.ts';
import { PublicationService } from './services/publicationService.ts';
import { UploadImportService } from './services/uploadImportService.ts';

export const DEMO_WORKBOOK = fileURLToPath(new URL('../demo/barnet/', import.meta.url));

export interface App {
  handle: DatabaseHandle;
  imports: ImportService;
  exports: ExportService;
  reports: ReportService;
  checks: CheckService;
  /** Users, roles, sessions and sign-in (docs/accounts.md). */
  accounts: AccountService;
  /** Which (committee, period) cycles are published: the public sees only those. */
  publication: PublicationService;
  /** Published indicator results as CSV/JSON with a Frictionless datapackage.json. */
  openData: OpenDataService;
  /** Data entry (results, key-action updates) and sign-off of a committee's period (docs/running-a-quarter.md). */
  entry: EntryService;
  /** Spreadsheet uploads kept for a preview, then committed exactly as previewed. */
  uploads: UploadImportService;
  /** Framework administration forms: one-row workbooks through the importer (docs/administration.md). */
  framework: FrameworkAdminService;
  /** The data version, told of changes by the database (migration 0006, ADR 0007). */
  dataVersion: DataVersionWatcher;
  /** Report PDFs, made on a worker thread so a long paper never stalls the web server. */
  pdf: PdfWorkerPool;
  close(): Promise<void>;
}

export function createServices(handle: DatabaseHandle): App {
  const reportRepository = new ReportRepository(handle.db);
  const reports = new ReportService(reportRepository);
  const publication = new PublicationService(new PublicationRepository(handle.db), reportRepository);
  const imports = new ImportService(handle.db);
  const dataVersion = new DataVersionWatcher(handle);
  const pdf = new PdfWorkerPool();
  return {
    handle,
    imports,
    exports: new ExportService(handle.db),
    reports,
    checks: new CheckService(handle.db, reportRepository, reports),
    accounts: new AccountService(handle.db),
    publication,
    openData: new OpenDataService(reportRepository, reports, publication),
    entry: new EntryService(handle.db, reportRepository),
    uploads: new UploadImportService(handle.db, imports),
    framework: new FrameworkAdminService(handle.db, imports),
    dataVersion,
    pdf,
    close: async () => {
      await pdf.close();
      await dataVersion.stop();
      await handle.close();
    },
  };
}

export async function openApp(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>): Promise<App> {
  const handle = await connect({ databaseUrl: config.DATABASE_URL ?? null, dataDir: config.DATA_DIR });
  await migrate(handle);
  return createServices(handle);
}

/** Loads the demo council on first start (an empty database); returns whether it did. */
export async function loadDemoIfEmpty(app: App): Promise<boolean> {
  const any = await app.handle.db.selectFrom('indicator').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const outcome = await app.imports.importFile(DEMO_WORKBOOK, { actor: 'demo', reason: 'Demo council loaded on first start' });
  if (!outcome.ok) {
    throw new Error(`The demo workbook does not import:\n${outcome.errors.map((e) => JSON.stringify(e)).join('\n')}`);
  }
  // The demo's results come from published committee papers: publish every period that has data.
  await app.publication.publishAllWithData('demo', 'Demo council: every period comes from a published committee paper');
  return true;
}

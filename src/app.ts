/**
 * Composition root: one place that opens the database, runs migrations and composes
 * `createRepositories(handle)` → `createServices(repositories)` → the app the web server
 * (src/web/server.ts) and the CLI (src/cli/main.ts) run on. Tests and benchmarks start here too.
 * The app exposes services only: nothing outside src/repositories and src/db sees the database.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { connect, type DatabaseHandle } from './db/connection.ts';
import type { LockPurpose } from './db/dataDirLock.ts';
import { migrateOn, pendingMigrations, START_LOCK } from './db/migrate.ts';
import { inArrivalOrder } from './db/queryOrder.ts';
import { PdfWorkerPool } from './documents/pdfWorkerPool.ts';
import { createRepositories } from './repositories/index.ts';
import { createServices, type Services } from './services/index.ts';
import { WorkbookWorkerPool, type WorkbookWorkerOptions } from './services/workbookWorkerPool.ts';
import { loadAgendaDemo, type AgendaDemo } from './services/agendaDemo.ts';
import { loadMinutesDemo, type MinutesDemo } from './services/minutesDemo.ts';
import { loadCommitteeBusinessDemo, type CommitteeBusinessDemo } from './services/committeeBusinessDemo.ts';
import { loadWorkProgrammeDemo, type WorkProgrammeDemo } from './services/workProgrammeDemo.ts';

export { DataDirInUseError, type LockPurpose } from './db/dataDirLock.ts';

export const DEMO_WORKBOOK = fileURLToPath(new URL('../demo/barnet/', import.meta.url));

/** The demo's comparator values (CSV files; demo/barnet/SOURCES.md says where each value comes from). */
export const DEMO_COMPARATORS = join(DEMO_WORKBOOK, 'comparators');

/** The demo council's own area: Barnet's ONS GSS code (src/domain/areas/english-local-authorities.json). */
export const DEMO_AREA_CODE = 'E09000003';

/** The demo council's area and comparator values (after its framework is imported). */
export async function loadComparatorsDemo(app: Pick<App, 'comparators'>): Promise<void> {
  const area = await app.comparators.setCouncilArea(DEMO_AREA_CODE, 'demo', 'Demo council: Barnet');
  if (!area.ok) throw new Error(area.message);
  for (const file of (await readdir(DEMO_COMPARATORS)).filter((f) => f.endsWith('.csv')).sort()) {
    const outcome = await app.comparators.importCsv(join(DEMO_COMPARATORS, file), { actor: 'demo', reason: 'Demo council: comparator values (demo/barnet/SOURCES.md)' });
    if (!outcome.ok) throw new Error(`The demo's comparator values do not import:\n${outcome.errors.map((e) => JSON.stringify(e)).join('\n')}`);
  }
}

export interface App extends Services {
  /** Which database engine the app runs on, for /health and the start-up log. */
  engine: DatabaseHandle['engine'];
  /** Report PDFs, made on a worker thread so a long paper never stalls the web server. */
  pdf: PdfWorkerPool;
  /** Uploaded workbooks, read and previewed in worker processes so a large file never stalls the web server (ADR 0006). */
  workbooks: WorkbookWorkerPool;
  /**
   * Runs `work` (the handling of one request) so that its database statements are served before those of
   * work begun after it, on the embedded database's one connection (src/db/queryOrder.ts): under load,
   * pages finish in the order they came instead of all together.
   */
  inArrivalOrder<T>(work: () => T): T;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** The upload workers' bounds (WORKBOOK_WORKER_DEFAULTS when not given). */
  workbooks?: WorkbookWorkerOptions;
}

/** The app over an open (and migrated) database. Closing the app closes the database. */
export function composeApp(handle: DatabaseHandle, options: ComposeOptions = {}): App {
  const workbooks = new WorkbookWorkerPool(options.workbooks);
  const services = createServices(createRepositories(handle), { uploadReader: workbooks });
  const pdf = new PdfWorkerPool();
  return {
    ...services,
    engine: handle.engine,
    pdf,
    workbooks,
    inArrivalOrder,
    close: async () => {
      await pdf.close();
      await workbooks.close();
      await services.dataVersion.stop();
      await handle.close();
    },
  };
}

export interface OpenOptions {
  /**
   * Runs once the database is migrated, still under the start lock (src/db/migrate.ts): servers started
   * together on a new database take turns, so the first loads the demo and the others find it loaded.
   */
  onStart?: (app: App) => Promise<void>;
  /** Who opens an embedded data directory: named to anyone refused it meanwhile (DataDirInUseError). */
  purpose?: LockPurpose;
  /** A short-lived command: an embedded database is started with fewer shared buffers, quicker to set up (ADR 0014). */
  shortLived?: boolean;
}

/**
 * Opens the database and brings its schema up to date under the start lock. An embedded data directory
 * is locked for this process until `close` (DataDirInUseError when another process has it).
 */
export async function openApp(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>, options: OpenOptions = {}): Promise<App> {
  const handle = await connect({
    databaseUrl: config.DATABASE_URL ?? null,
    dataDir: config.DATA_DIR,
    ...(options.purpose ? { purpose: options.purpose } : {}),
    ...(options.shortLived ? { sharedBuffers: SHORT_LIVED_SHARED_BUFFERS } : {}),
  });
  const opened: { app?: App } = {};
  try {
    // A command on a current schema skips the start lock (ADR 0014): nothing to migrate or seed.
    if (!options.onStart && !(await pendingMigrations(handle)).length) {
      opened.app = composeApp(handle);
      await opened.app.publication.recordUnversioned();
      return opened.app;
    }
    await handle.exclusively(START_LOCK, async (session) => {
      await migrateOn(session);
      opened.app = composeApp(handle);
      // A database from before published versions were kept: keep one of every published period now.
      await opened.app.publication.recordUnversioned();
      await options.onStart?.(opened.app);
    });
  } catch (error) {
    // Closed once the lock is released (closing waits for every connection, the lock's included).
    await (opened.app ?? handle).close().catch(() => undefined);
    throw error;
  }
  return opened.app!;
}

/** Enough for a command's reads and the demo's import; the server keeps PGlite's 128MB. */
const SHORT_LIVED_SHARED_BUFFERS = '16MB';

/** Loads the demo council on first start (an empty database); returns whether it did. */
export async function loadDemoIfEmpty(app: App): Promise<boolean> {
  if (await app.organisation.hasFramework()) return false;
  const outcome = await app.imports.importFile(DEMO_WORKBOOK, { actor: 'demo', reason: 'Demo council loaded on first start' });
  if (!outcome.ok) {
    throw new Error(`The demo workbook does not import:\n${outcome.errors.map((e) => JSON.stringify(e)).join('\n')}`);
  }
  // The demo's results come from published committee papers: publish every period that has data.
  await app.publication.publishAllWithData('demo', 'Demo council: every period comes from a published committee paper');
  // Committee business (people, memberships, meetings): a data file in the packs' shape, loaded through its services.
  const business = JSON.parse(await readFile(join(DEMO_WORKBOOK, 'committee-business.json'), 'utf8')) as CommitteeBusinessDemo;
  // Forward work programmes (ADR 0022): loaded while the meetings are still scheduled, then every meeting takes its steps.
  const programmes = JSON.parse(await readFile(join(DEMO_WORKBOOK, 'work-programme.json'), 'utf8')) as WorkProgrammeDemo;
  let programmeSteps: () => Promise<void> = async () => {};
  await loadCommitteeBusinessDemo(business, app.committeeBusiness, app.meetings, async () => {
    programmeSteps = await loadWorkProgrammeDemo(programmes, app.meetings, app.workProgramme);
  });
  await programmeSteps();
  // Agendas and papers of 21 June 2017 and 21 November 2018 (ADR 0020).
  const agendas = JSON.parse(await readFile(join(DEMO_WORKBOOK, 'agendas.json'), 'utf8')) as AgendaDemo;
  await loadAgendaDemo(agendas, business.committee, app.committeeBusiness, app.meetings, app.agendas, app.agendaPacks, app.membersItems);
  // The minutes of 8 March 2017 and 12 June 2018, entered through the outcomes service, published and agreed (ADR 0026).
  const minutes = JSON.parse(await readFile(join(DEMO_WORKBOOK, 'minutes.json'), 'utf8')) as MinutesDemo;
  await loadMinutesDemo(minutes, business.committee, app.committeeBusiness, app.meetings, app.agendas, app.outcomes);
  await loadComparatorsDemo(app);
  return true;
}

export interface StartLog {
  info(message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * What a server does to its database before serving (`npm start`, run as `openApp`'s onStart, under the
 * start lock): with DEMO, the demo council and one account per role on a fresh database.
 */
export async function prepareOnStart(app: App, config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DEMO' | 'DEMO_PASSWORD'>, log: StartLog): Promise<void> {
  log.info({ database: app.engine, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR }, 'database ready');
  if (!config.DEMO) return;
  if (await loadDemoIfEmpty(app)) log.info('demo council loaded');
  // One account per role on a fresh demo (docs/accounts.md); the password is printed only this once.
  const demo = await app.accounts.ensureDemoAccounts(config.DEMO_PASSWORD ?? null);
  if (demo) {
    log.warn(
      { accounts: demo.users.map((u) => u.email), ...(demo.generated ? { password: demo.password } : {}) },
      demo.generated ? 'demo accounts created; their password is shown only this once' : 'demo accounts created with DEMO_PASSWORD',
    );
  }
}

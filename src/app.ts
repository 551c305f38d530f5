/**
 * Composition root: one place that opens the database, runs migrations and composes
 * `createRepositories(handle)` → `createServices(repositories)` → the app the web server
 * (src/web/server.ts) and the CLI (src/cli/main.ts) run on. Tests and benchmarks start here too.
 * The app exposes services only: nothing outside src/repositories and src/db sees the database.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { connect, type DatabaseHandle } from './db/connection.ts';
import type { LockPurpose } from './db/dataDirLock.ts';
import { migrateCouncils, migrateCouncilSchema, migrateOn, pendingMigrations, START_LOCK } from './db/migrate.ts';
import { InstallationRepository } from './repositories/installationRepository.ts';
import { InstallationService, type CouncilSite } from './services/installationService.ts';
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
  /** The councils this installation hosts and the host names of their sites (ADR 0030). */
  installation: InstallationService;
  /** The council whose services this app's properties are: the request's (`inCouncil`), else the main council. */
  council(): CouncilSite | null;
  /** The services of a council (composed once, over its own schema). */
  servicesOf(council: CouncilSite): Promise<Services>;
  /** Runs `work` with every service property of this app being `council`'s (a web request's council, ADR 0030). */
  inCouncil<T>(council: CouncilSite, services: Services, work: () => T): T;
  /**
   * This app for one council: its service properties are that council's, whatever the context (the command
   * line's `--council`). Closing it closes the installation.
   */
  forCouncil(slug: string): Promise<App>;
  /**
   * This app as web routes must use it: a service property read outside a request's council (say, kept
   * when a route is registered) throws, so no page can be served another council's services.
   */
  perRequest(): App;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** The upload workers' bounds (WORKBOOK_WORKER_DEFAULTS when not given). */
  workbooks?: WorkbookWorkerOptions;
}

/** The schema of a council other than the installation's own: named after the installation's schema and the council. */
export function councilSchema(installationSchema: string, slug: string): string {
  return `${installationSchema === 'public' ? '' : `${installationSchema}_`}council_${slug.replace(/-/g, '_')}`;
}

/**
 * The app over an open (and migrated) database. Closing the app closes the database.
 *
 * One installation hosts one or more councils (ADR 0030): the council first installed in the handle's own
 * schema, every other in a schema of its own, each with its own repositories and services (and their
 * caches). The app's service properties are those of the council in context — a web request's, set by
 * `inCouncil` — and the main council's otherwise (the command line, tests, the demo loader).
 */
export function composeApp(handle: DatabaseHandle, options: ComposeOptions = {}): App {
  const workbooks = new WorkbookWorkerPool(options.workbooks);
  const pdf = new PdfWorkerPool();
  const mainServices = createServices(createRepositories(handle), { uploadReader: workbooks });
  const composed = new Map<string, Promise<Services>>();
  const servicesOf = (council: CouncilSite): Promise<Services> => {
    if (council.schema === null) return Promise.resolve(mainServices);
    let services = composed.get(council.schema);
    if (!services) {
      const schema = council.schema;
      services = handle.forSchema(schema).then((councilHandle) => createServices(createRepositories(councilHandle), { uploadReader: workbooks }));
      composed.set(schema, services);
      services.catch(() => composed.delete(schema));
    }
    return services;
  };
  const installation = new InstallationService({
    repo: new InstallationRepository(handle.db),
    schemaFor: (slug) => councilSchema(handle.schema, slug),
    prepareSchema: (schema) => migrateCouncilSchema(handle, schema),
    audit: async (council, entries) => (await servicesOf(council)).audit.record(entries),
  });
  const context = new AsyncLocalStorage<{ council: CouncilSite; services: Services }>();
  const close = async () => {
    await pdf.close();
    await workbooks.close();
    const all = [mainServices, ...(await Promise.allSettled(composed.values())).flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))];
    await Promise.all(all.map((s) => s.dataVersion.stop()));
    await handle.close();
  };
  const infrastructure = (services: () => Services, council: () => CouncilSite | null): App => {
    const app = {
      engine: handle.engine,
      pdf,
      workbooks,
      inArrivalOrder,
      installation,
      council,
      servicesOf,
      inCouncil: <T>(site: CouncilSite, services: Services, work: () => T): T => context.run({ council: site, services }, work),
      forCouncil: async (slug: string) => {
        const site = await installation.council(slug);
        if (!site) throw new UnknownCouncilError(slug, (await installation.councils()).map((c) => c.slug));
        const services = await servicesOf(site);
        return infrastructure(
          () => services,
          () => site,
        );
      },
      perRequest(this: App) {
        // The main council's services are read from the app this is called on, so that a copy of the app
        // with a service replaced (`{ ...app, uploads }`, as tests do) serves that service.
        return infrastructure(
          () => {
            const current = context.getStore();
            if (!current) throw new Error('A council service was used outside a request: resolve it per request (ADR 0030)');
            return current.services === mainServices ? this : current.services;
          },
          () => context.getStore()?.council ?? null,
        );
      },
      close,
    } as Omit<App, keyof Services>;
    for (const key of Object.keys(mainServices) as (keyof Services)[]) {
      Object.defineProperty(app, key, { enumerable: true, get: () => services()[key] });
    }
    return app as App;
  };
  return infrastructure(
    () => context.getStore()?.services ?? mainServices,
    () => context.getStore()?.council ?? null,
  );
}

/** `--council` names no council of the installation. */
export class UnknownCouncilError extends Error {
  constructor(slug: string, known: string[]) {
    super(`There is no council "${slug}" in this installation (councils: ${known.join(', ')})`);
  }
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
      await migrateCouncils(handle, session);
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
  // Other areas' values before publishing: the published papers print the positions they give (ADR 0024).
  await loadComparatorsDemo(app);
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

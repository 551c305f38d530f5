/**
 * `npm start`: opens the database (embedded PGlite in DATA_DIR unless DATABASE_URL is set, locked for
 * this process while it runs), applies migrations, loads the demo council into an empty database and
 * serves the web app.
 */
import pino from 'pino';
import { DataDirInUseError, openApp, prepareOnStart } from '../app.ts';
import { ConfigError, describeDatabase, loadConfig } from '../config.ts';
import { buildServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig(); // every variable, checked: a bad value stops start-up here
  const log = pino({ level: config.LOG_LEVEL });
  // Migrations and the demo run under one lock: several servers started at once on a new PostgreSQL
  // database take turns, and only the first loads the demo (ADR 0013).
  const app = await openApp(config, { purpose: { kind: 'server', purpose: 'the Townhall web server' }, onStart: (app) => prepareOnStart(app, config, log) });
  log.info({ database: app.engine }, `using ${describeDatabase(config)}`);
  const server = buildServer(app, { config, logger: { level: config.LOG_LEVEL } });
  const close = async () => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await server.listen({ port: config.PORT, host: config.HOST });
  // The PDF worker is started now, in the background, so the first paper anyone downloads is quick.
  app.pdf.warm().catch((error: unknown) => log.warn({ err: error }, 'the PDF worker could not be warmed up; it starts with the first PDF'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * `npm start`: opens the database (embedded PGlite in DATA_DIR unless DATABASE_URL is set, locked for
 * this process while it runs), applies migrations, loads the demo council into an empty database and
 * serves the web app.
 */
import pino from 'pino';
import { DataDirInUseError, loadDemoIfEmpty, openApp } from '../app.ts';
import { ConfigError, describeDatabase, loadConfig } from '../config.ts';
import { buildServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig(); // every variable, checked: a bad value stops start-up here
  const log = pino({ level: config.LOG_LEVEL });
  const app = await openApp(config, { purpose: { kind: 'server', purpose: 'the Townhall web server' } });
  log.info({ database: app.engine }, `using ${describeDatabase(config)}`);
  if (config.DEMO && (await loadDemoIfEmpty(app))) log.info('demo council loaded');
  if (config.DEMO) {
    // One account per role on a fresh demo (docs/accounts.md); the password is printed only this once.
    const demo = await app.accounts.ensureDemoAccounts(config.DEMO_PASSWORD ?? null);
    if (demo) {
      log.warn(
        { accounts: demo.users.map((u) => u.email), ...(demo.generated ? { password: demo.password } : {}) },
        demo.generated ? 'demo accounts created; their password is shown only this once' : 'demo accounts created with DEMO_PASSWORD',
      );
    }
  }
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

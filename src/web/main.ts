/**
 * `npm start`: opens the database (embedded PGlite in DATA_DIR unless DATABASE_URL is set), applies
 * migrations, loads the demo council into an empty database and serves the web app.
 */
import pino from 'pino';
import { loadDemoIfEmpty, openApp } from '../app.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { buildServer } from './server.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ level: config.LOG_LEVEL });
  const app = await openApp(config);
  log.info({ database: app.handle.engine, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR }, 'database ready');
  if (config.DEMO && (await loadDemoIfEmpty(app))) log.info('demo council loaded');
  const server = buildServer(app, { logger: { level: config.LOG_LEVEL } });
  const close = async () => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await server.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

/**
 * `npm start` ends here: read configuration, open and migrate the database,
 * serve the site and the API, stop gracefully on SIGTERM or SIGINT.
 */
import { ConfigError, loadEnv } from './env.ts';
import { DataDirLockedError } from './db/lock.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

let env;
try {
  env = loadEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
const logger = createLogger(env.LOG_LEVEL);
try {
  const server = await startServer(env, logger);
  const shutdown = (signal: string) => {
    logger.info({ msg: 'shutting down', signal });
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  if (error instanceof DataDirLockedError) {
    logger.fatal({ msg: error.message });
    process.exit(75); // EX_TEMPFAIL
  }
  logger.fatal({ msg: 'could not start', errorName: (error as Error).name, detail: (error as Error).message });
  process.exit(1);
}

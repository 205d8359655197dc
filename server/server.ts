import type { ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { listenApp } from './http/listen.ts';
import { connectionCap } from './http/connection-limits.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { acquireDataDirLock } from './db/lock.ts';
import { readyDatabase } from './db/migrate.ts';
import { submissionSettingsFrom } from './db/submission-settings.ts';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { loadSite } from './static/site.ts';
import { buildSettingsWarnings } from './static/build-settings.ts';
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { publicOnly, resolveKeyring } from './crypto/keys.ts';
import { resolveAuditKey } from './audit/mac-key.ts';
import { resolveStaffSecretKey } from './staff/secret-key.ts';
import { sealStoredTotpSecrets } from './staff/totp-seal.ts';
import { resolveChallengeKey } from './forms/challenge-key.ts';
import { startRateSweep } from './forms/rate-sweep.ts';
import type { PeriodicJob } from './jobs/periodic.ts';
import { openAuditSink, type AuditSink } from './audit/sink.ts';
import { resolve } from 'node:path';
import { smtpMailer } from './outbox/mailer.ts';
import { startOutboxWorker, type OutboxWorker } from './outbox/worker.ts';
import { exclusiveRunner, jobLocks } from './jobs/exclusive.ts';
import { startStaffJobs, type StaffJobs } from './jobs/staff-jobs.ts';
import { startMetricsServer, type MetricsServer } from './metrics/server.ts';

/** A running portal: its address and how to stop it gracefully. */
export interface RunningServer {
  readonly port: number;
  /** The metrics port when METRICS_PORT is set. */
  readonly metricsPort?: number;
  readonly database: DatabaseHandle;
  /** Stops accepting, lets requests in flight finish, closes the database. */
  stop(): Promise<void>;
}

/** Stops accepting, lets requests in flight finish, and cuts what is left after `graceMs`. */
function closeGracefully(server: ServerType, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
      resolve();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Idle keep-alive connections would hold close() open; busy ones finish first.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** Opens the database (taking the data folder's lock for PGlite), migrates, and listens. */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, 'the portal server');
  let database: DatabaseHandle | undefined;
  let staffJobs: StaffJobs | undefined;
  let rateSweep: PeriodicJob<unknown> | undefined;
  let auditSink: AuditSink | undefined;
  let metrics: MetricsServer | undefined;
  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: env.DATABASE_POOL_SIZE });
    // The first log line says which database is in use.
    logger.info({ msg: `database: ${database.description}`, driver: database.driver });
    // Only a login that may migrate does (the owner's, or PGlite's one role); a ROLE=public host on
    // PostgreSQL never does, and no host serves a database older than its code.
    await readyDatabase(database, env.DATABASE_URL, { migrate: env.ROLE !== 'public' || database.driver === 'pglite', settings: submissionSettingsFrom(env) });
    const site = loadSite(env.SITE_DIR);
    // The privacy notice states the retention periods the site was built with.
    for (const message of buildSettingsWarnings(env.SITE_DIR, { spamDays: env.RETENTION_SPAM_DAYS, closedDays: env.RETENTION_CLOSED_DAYS })) {
      logger.warn({ msg: message });
    }
    const resolved = resolveKeyring({
      nodeEnv: env.NODE_ENV,
      keyringPath: env.INTAKE_KEYRING,
      publicKeyPath: env.INTAKE_PUBLIC_KEYRING,
      dataDir: env.DATA_DIR,
      warn: (message) => logger.warn({ msg: message }),
    });
    // The internet-facing role never keeps a private key, even when handed the full keyring.
    const keyring = env.ROLE === 'public' ? publicOnly(resolved) : resolved;
    if (env.ROLE === 'public' && resolved.hasPrivateKeys) {
      logger.warn({ msg: 'ROLE=public was given a keyring with private keys: only its public keys are used; give this host INTAKE_PUBLIC_KEYRING (npm run keys -- public)' });
    }
    if (env.ROLE !== 'public' && !keyring.hasPrivateKeys) {
      logger.warn({ msg: `ROLE=${env.ROLE} has no intake private key: staff cannot open cases; set INTAKE_KEYRING` });
    }
    let outbox: OutboxWorker | undefined;
    // The public host sends no mail and its login reads no outbox: staff hosts run the worker.
    const sendsMail = env.ROLE !== 'public';
    if (sendsMail && env.SMTP_URL) {
      outbox = startOutboxWorker({
        db: database.db,
        mailer: smtpMailer(env.SMTP_URL),
        logger,
        from: env.MAIL_FROM,
        to: env.INTAKE_MAIL_TO,
        intervalMs: env.OUTBOX_INTERVAL_MS,
        leaseMs: 60_000,
        exclusive: exclusiveRunner(jobLocks.outbox, env.DATABASE_URL),
      });
    } else if (sendsMail) {
      logger.warn({ msg: 'SMTP_URL is not set: new-case emails wait in the outbox until it is' });
    }
    // Without RATE_LIMIT_KEY (development) a key per process is enough: one instance counts alone.
    // A KeyObject, made once: an HMAC keyed with raw bytes imports them again on every
    // call (9.5 against 1.4 µs a hash here, and every submission hashes its client).
    const clientKey = createSecretKey(env.RATE_LIMIT_KEY ? Buffer.from(env.RATE_LIMIT_KEY) : randomBytes(32));
    // The public role writes no audit entry and runs no retention: it needs no audit key.
    let auditKey: Buffer | undefined;
    let staffSecretKey: KeyObject | undefined;
    if (env.ROLE !== 'public') {
      auditKey = resolveAuditKey({ nodeEnv: env.NODE_ENV, key: env.AUDIT_MAC_KEY, dataDir: env.DATA_DIR, warn: (message) => logger.warn({ msg: message }) });
      staffSecretKey = resolveStaffSecretKey({ nodeEnv: env.NODE_ENV, key: env.STAFF_SECRET_KEY, dataDir: env.DATA_DIR, warn: (message) => logger.warn({ msg: message }) });
      // The first start with the key seals the TOTP secrets stored before it, before anyone signs in.
      const sealed = await sealStoredTotpSecrets(database.db, staffSecretKey);
      if (sealed > 0) logger.info({ msg: 'sealed stored TOTP secrets with STAFF_SECRET_KEY', sealed });
      if (env.AUDIT_SINK_DIR) auditSink = await openAuditSink(resolve(env.AUDIT_SINK_DIR), logger);
      else if (env.NODE_ENV === 'production') {
        logger.warn({ msg: 'AUDIT_SINK_DIR is not set: entries cut off the end of the audit trail within AUDIT_HEAD_INTERVAL_MS would go unseen' });
      }
      staffJobs = startStaffJobs(env, database, auditKey, logger, auditSink);
    }
    // The sweep deletes rate events and used challenges: staff hosts do it (the public role may
    // delete nothing; submit_case also deletes a few on every call).
    rateSweep = env.ROLE === 'public' ? undefined : startRateSweep(database, env.RATE_LIMIT_WINDOW_SECONDS * 1000, logger);
    const challengeKey = env.ROLE === 'staff' ? undefined : resolveChallengeKey({ nodeEnv: env.NODE_ENV, key: env.CHALLENGE_KEY, dataDir: env.DATA_DIR, warn: (message) => logger.warn({ msg: message }) });
    const app = createApp({ env, database, site, logger, keyring, clientKey, challengeKey, auditKey, staffSecretKey, auditSink, internalPort: env.INTERNAL_PORT, onCaseStored: () => outbox?.poke() });
    const cap = connectionCap({ configured: env.MAX_CONNECTIONS, poolSize: env.DATABASE_POOL_SIZE, listenSockets: env.LISTEN_SOCKETS });
    if (cap.warning) logger.warn({ msg: cap.warning, openFiles: cap.openFiles, maxConnections: cap.maxConnections });
    const { port, servers: publicServers } = await listenApp(app.fetch, { port: env.PORT, host: env.HOST, sockets: env.LISTEN_SOCKETS, maxConnections: cap.maxConnections });
    const servers = [...publicServers];
    logger.info({ msg: `listening on http://${env.HOST}:${port}`, publicOrigin: env.PUBLIC_ORIGIN, sockets: servers.length, maxConnections: cap.maxConnections });
    if (env.INTERNAL_PORT !== undefined) {
      // The same app; only health answers differently here (app.ts). A small cap: monitoring, not visitors.
      const internal = await listenApp(app.fetch, { port: env.INTERNAL_PORT, host: env.INTERNAL_HOST, sockets: 1, maxConnections: 64 });
      servers.push(...internal.servers);
      logger.info({ msg: `internal port on http://${env.INTERNAL_HOST}:${internal.port}` });
    }
    if (env.METRICS_PORT !== undefined) {
      metrics = await startMetricsServer({
        port: env.METRICS_PORT,
        host: env.METRICS_HOST,
        database,
        databaseUrl: env.DATABASE_URL,
        readsOutbox: env.ROLE !== 'public',
        logger,
      });
      logger.info({ msg: `metrics on http://${env.METRICS_HOST}:${metrics.port}/metrics` });
    }
    const metricsServer = metrics;
    const db = database;
    let stopping: Promise<void> | undefined;
    return {
      port,
      ...(metricsServer ? { metricsPort: metricsServer.port } : {}),
      database: db,
      stop: () => {
        stopping ??= (async () => {
          await Promise.all(servers.map((server) => closeGracefully(server, env.SHUTDOWN_GRACE_MS)));
          await metricsServer?.stop();
          await outbox?.stop();
          await rateSweep?.stop();
          await staffJobs?.stop();
          await auditSink?.close();
          await db.close();
          release();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await metrics?.stop().catch(() => {});
    await staffJobs?.stop().catch(() => {});
    await rateSweep?.stop().catch(() => {});
    await auditSink?.close().catch(() => {});
    await database?.close().catch(() => {});
    release();
    throw error;
  }
}

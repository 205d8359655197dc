import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { DatabaseHandle } from './db/client.ts';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import type { AuditSink } from './audit/sink.ts';
import { requestLog } from './middleware/request-log.ts';
import { requestTiming } from './middleware/request-timing.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes, type HealthDetails } from './routes/health.ts';
import { fromTrustedProxy, localPort } from './http/request-address.ts';
import { floodStylesheetRoutes } from './routes/flood-stylesheet.ts';
import { FloodMonitor, floodStatus } from './forms/flood-monitor.ts';
import type { RateLimits } from './forms/rate-limit.ts';
import { formRoutes } from './routes/forms.ts';
import { staffRoutes } from './routes/staff.ts';
import { trustedProxyList } from './http/client-address.ts';
import type { IntakeKeyring } from './crypto/keys.ts';
import type { ServiceCommitments } from './intake/due-date.ts';
import { deployment } from '../src/shared/deployment.ts';
import { errorPage, sendSiteFile, siteRoutes } from './routes/site.ts';
import type { Site } from './static/site.ts';

/** What the app needs from outside: configuration, database, built site, logger. */
export interface AppDeps {
  env: Env;
  database: DatabaseHandle;
  site: Site;
  logger: Logger;
  /** The intake keys: the public part seals new cases. */
  keyring: IntakeKeyring;
  /** The key of the client address hash (RATE_LIMIT_KEY). */
  clientKey: KeyObject;
  /** The key of the flood challenges (CHALLENGE_KEY); a key for this process alone when not given. */
  challengeKey?: KeyObject;
  /** Called after a case commits: wakes the outbox worker. */
  onCaseStored?: () => void;
  /** The clock; tests move it. */
  now?: () => Date;
  /** The service commitments told to senders; config/deployment.json's when absent (tests set their own). */
  commitments?: ServiceCommitments;
  /** The audit trail's MAC key (server/audit/mac-key.ts); required by the staff API, unused by ROLE=public. */
  auditKey?: Buffer;
  /** Where committed audit entries' seq and MAC also go (AUDIT_SINK_DIR), when configured. */
  auditSink?: AuditSink;
  /** The internal port (INTERNAL_PORT) the app is also served on, where a staff host shows health details. */
  internalPort?: number;
  /** The key that seals TOTP secrets (server/staff/secret-key.ts); required by the staff API, never on ROLE=public. */
  staffSecretKey?: KeyObject;
}

/** The submission limits and flood settings from configuration. */
export function rateLimits(env: Env): RateLimits {
  return {
    perNetwork: env.RATE_LIMIT_PER_NETWORK,
    perWideNetwork: env.RATE_LIMIT_PER_WIDE_NETWORK,
    windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000,
    spamPerHour: env.RATE_LIMIT_SPAM_PER_HOUR,
    floodThresholdPerMinute: env.FLOOD_THRESHOLD_PER_MINUTE,
    floodHoldMinutes: env.FLOOD_HOLD_MINUTES,
    proofBits: env.FLOOD_PROOF_BITS,
  };
}

/** The forms' dependencies from the app's. */
function formDeps(deps: AppDeps, flood: FloodMonitor) {
  const { env } = deps;
  return {
    database: deps.database,
    publicOrigin: env.PUBLIC_ORIGIN,
    intakeKey: () => deps.keyring.current,
    proxies: trustedProxyList(env.TRUSTED_PROXIES),
    clientKey: deps.clientKey,
    challengeKey: deps.challengeKey ?? createSecretKey(randomBytes(32)),
    limits: rateLimits(env),
    flood,
    minFillMs: env.FORM_MIN_FILL_SECONDS * 1000,
    cutoff: env.DAILY_CUTOFF,
    targets: { urgent: env.DUE_WORKING_DAYS_URGENT, normal: env.DUE_WORKING_DAYS_NORMAL },
    commitments: deps.commitments ?? deployment.serviceCommitments,
    onStored: deps.onCaseStored ?? (() => {}),
    now: deps.now,
  };
}

/** Flood mode for /api/health: the database's view, and the spam this process answered but did not store. */
function floodReport(deps: AppDeps, monitor: FloodMonitor) {
  const now = deps.now ?? (() => new Date());
  return async () => ({ ...(await floodStatus(deps.database, now())), spamNotStored: monitor.spamNotStoredTotal });
}

/** The staff API's dependencies from the app's. */
function staffDeps(deps: AppDeps) {
  if (!deps.auditKey) throw new Error('the staff API needs the audit key (AUDIT_MAC_KEY)');
  if (!deps.staffSecretKey) throw new Error('the staff API needs the staff secret key (STAFF_SECRET_KEY)');
  return {
    db: deps.database.db,
    publicOrigin: deps.env.PUBLIC_ORIGIN,
    keyring: deps.keyring,
    logger: deps.logger,
    now: deps.now ?? (() => new Date()),
    clientKey: deps.clientKey,
    proxies: trustedProxyList(deps.env.TRUSTED_PROXIES),
    auditKey: deps.auditKey,
    auditSink: deps.auditSink,
    staffSecretKey: deps.staffSecretKey,
    onCaseRestored: deps.onCaseStored,
    flood: () => floodStatus(deps.database, (deps.now ?? (() => new Date()))()),
  };
}

/**
 * Who sees health details: on a staff host (ROLE staff or all), the load
 * balancer itself (a trusted proxy) and callers on the internal port. A
 * public host, and everyone else, gets the status only.
 */
function healthDetails(deps: AppDeps): HealthDetails {
  if (deps.env.ROLE === 'public') return () => false;
  const proxies = trustedProxyList(deps.env.TRUSTED_PROXIES);
  return (c) => (deps.internalPort !== undefined && localPort(c) === deps.internalPort) || fromTrustedProxy(c, proxies);
}

/** The whole JSON API under /api, chained so that `hc<AppType>` knows every route. */
export function apiRoutes(deps: AppDeps) {
  const flood = new FloodMonitor(deps.logger, deps.env.FLOOD_THRESHOLD_PER_MINUTE);
  return new Hono()
    .route('/health', healthRoutes(deps.database, deps.keyring, floodReport(deps, flood), healthDetails(deps)))
    .route('/forms', formRoutes(formDeps(deps, flood)))
    .route('/staff', staffRoutes(staffDeps(deps)));
}

/**
 * The API a process serves, by ROLE: `public` has the forms and no staff
 * route at all; `staff` has the staff API and no forms; `all` has both.
 */
function roleApi(deps: AppDeps): Hono {
  const role = deps.env.ROLE;
  if (role === 'all') return apiRoutes(deps);
  const flood = new FloodMonitor(deps.logger, deps.env.FLOOD_THRESHOLD_PER_MINUTE);
  const api = new Hono().route('/health', healthRoutes(deps.database, deps.keyring, floodReport(deps, flood), healthDetails(deps)));
  return role === 'public' ? api.route('/forms', formRoutes(formDeps(deps, flood))) : api.route('/staff', staffRoutes(staffDeps(deps)));
}

/** The API's type, for the browser's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof apiRoutes>;

/** The whole application: security headers and logging around the API and the site. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestLog(deps.logger));
  app.use(requestTiming());
  app.use(securityHeaders());
  app.route('/api', roleApi(deps));
  app.all('/api/*', (c) => c.json({ error: 'not_found' }, 404));
  if (deps.env.ROLE !== 'staff') {
    app.route('/', floodStylesheetRoutes(() => floodStatus(deps.database, (deps.now ?? (() => new Date()))())));
  }
  app.route('/', siteRoutes(deps.site));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: error.message || 'bad_request' }, error.status);
    }
    // The error's message may quote input; log only its kind.
    deps.logger.error({ msg: 'unhandled error', errorName: error.name, route: routePath(c) });
    if (c.req.path.startsWith('/api/')) return c.json({ error: 'internal_error' }, 500);
    // The built error page in the reader's language, with the 112 line and the quick exit.
    const page = errorPage(deps.site, c.req.path, c.req.header('Accept-Language'), 500);
    return page ? sendSiteFile(c, page.file, 500, page.negotiated) : c.html('<!doctype html><title>Error</title><p>Something went wrong. Please try again.</p>', 500);
  });
  return app;
}

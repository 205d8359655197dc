import type { KeyObject } from 'node:crypto';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { DatabaseHandle } from './db/client.ts';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { formRoutes } from './routes/forms.ts';
import { staffRoutes } from './routes/staff.ts';
import { trustedProxyList } from './http/client-address.ts';
import type { IntakeKeyring } from './crypto/keys.ts';
import { siteRoutes } from './routes/site.ts';
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
  /** Called after a case commits: wakes the outbox worker. */
  onCaseStored?: () => void;
  /** The clock; tests move it. */
  now?: () => Date;
  /** The audit trail's MAC key (server/audit/mac-key.ts); required by the staff API, unused by ROLE=public. */
  auditKey?: Buffer;
  /** The key that seals TOTP secrets (server/staff/secret-key.ts); required by the staff API, never on ROLE=public. */
  staffSecretKey?: KeyObject;
}

/** The forms' dependencies from the app's. */
function formDeps(deps: AppDeps) {
  const { env } = deps;
  return {
    database: deps.database,
    publicOrigin: env.PUBLIC_ORIGIN,
    intakeKey: () => deps.keyring.current,
    proxies: trustedProxyList(env.TRUSTED_PROXIES),
    clientKey: deps.clientKey,
    minFillMs: env.FORM_MIN_FILL_SECONDS * 1000,
    cutoff: env.DAILY_CUTOFF,
    onStored: deps.onCaseStored ?? (() => {}),
    now: deps.now,
  };
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
    staffSecretKey: deps.staffSecretKey,
    onCaseRestored: deps.onCaseStored,
  };
}

/** The whole JSON API under /api, chained so that `hc<AppType>` knows every route. */
export function apiRoutes(deps: AppDeps) {
  return new Hono()
    .route('/health', healthRoutes(deps.database, deps.keyring))
    .route('/forms', formRoutes(formDeps(deps)))
    .route('/staff', staffRoutes(staffDeps(deps)));
}

/**
 * The API a process serves, by ROLE: `public` has the forms and no staff
 * route at all; `staff` has the staff API and no forms; `all` has both.
 */
function roleApi(deps: AppDeps): Hono {
  const role = deps.env.ROLE;
  if (role === 'all') return apiRoutes(deps);
  const api = new Hono().route('/health', healthRoutes(deps.database, deps.keyring, { outbox: role === 'staff' }));
  return role === 'public' ? api.route('/forms', formRoutes(formDeps(deps))) : api.route('/staff', staffRoutes(staffDeps(deps)));
}

/** The API's type, for the browser's typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof apiRoutes>;

/** The whole application: security headers and logging around the API and the site. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(requestLog(deps.logger));
  app.use(securityHeaders());
  app.route('/api', roleApi(deps));
  app.all('/api/*', (c) => c.json({ error: 'not_found' }, 404));
  app.route('/', siteRoutes(deps.site));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: error.message || 'bad_request' }, error.status);
    }
    // The error's message may quote input; log only its kind.
    deps.logger.error({ msg: 'unhandled error', errorName: error.name, route: routePath(c) });
    return c.req.path.startsWith('/api/')
      ? c.json({ error: 'internal_error' }, 500)
      : c.html('<!doctype html><title>Error</title><p>Something went wrong. Please try again.</p>', 500);
  });
  return app;
}

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The numbers a duty officer watches, in Prometheus text format on
 * METRICS_PORT only (server/metrics/server.ts), never on a public route.
 *
 * One registry per process: the counters are bumped where things happen
 * (forms, outbox, sign-in, audit, retention) through the functions below, so
 * no module needs a handle passed to it. Names start with `anchor_`; the
 * process's own (memory, event-loop delay, CPU, descriptors) are prom-client's
 * defaults, with their usual names.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

/** Submissions by form and outcome: stored, spam (stored, held), spam_dropped, replayed, refused (with a reason). */
export const submissions = new Counter({
  name: 'anchor_submissions_total',
  help: 'Form submissions answered by this instance, by form, outcome (stored, spam, spam_dropped, replayed, refused) and refusal reason',
  labelNames: ['form', 'outcome', 'reason'] as const,
  registers: [registry],
});

/** Request latency by route group (forms, staff, health, site), method and status class. */
export const requestDuration = new Histogram({
  name: 'anchor_http_request_duration_seconds',
  help: 'Time from request to response headers, by route group, method and status class',
  labelNames: ['group', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Flood mode as this instance last saw it (1 on, 0 off). */
export const floodMode = new Gauge({ name: 'anchor_flood_mode', help: 'Flood mode as this instance last saw it (1 on, 0 off)', registers: [registry] });

export const mailsSent = new Counter({ name: 'anchor_mails_sent_total', help: 'New-case mails handed to the SMTP server by this instance', registers: [registry] });
export const mailsFailed = new Counter({ name: 'anchor_mails_failed_total', help: 'New-case mail attempts that failed on this instance (each is retried)', registers: [registry] });

export const signInFailures = new Counter({ name: 'anchor_signin_failures_total', help: 'Staff sign-ins refused for wrong credentials', registers: [registry] });
export const signInThrottled = new Counter({ name: 'anchor_signin_throttled_total', help: 'Staff sign-ins refused because the account or network was throttled', registers: [registry] });

export const auditAppends = new Counter({ name: 'anchor_audit_appends_total', help: 'Audit entries committed by this instance', registers: [registry] });

export const retentionDeletions = new Counter({
  name: 'anchor_retention_deleted_total',
  help: 'Rows deleted by the retention job on this instance, by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});

/** The database pool's connections by state (PostgreSQL). */
export const databasePool = new Gauge({
  name: 'anchor_db_pool_connections',
  help: 'Database pool connections by state (total, idle, waiting clients, max)',
  labelNames: ['state'] as const,
  registers: [registry],
});

/**
 * This host's clock against the database server's (seconds, positive when
 * the database is ahead), measured at each scrape from the midpoint of one
 * query. TOTP codes and submit_case's two-minute window depend on the clock;
 * an NTP exporter on the host says the same against true time.
 */
export const databaseClockOffset = new Gauge({
  name: 'anchor_database_clock_offset_seconds',
  help: "The database server's clock minus this host's, in seconds, measured at the scrape",
  registers: [registry],
});

export const jobsLockHeld = new Gauge({
  name: 'anchor_jobs_lock_held',
  help: '1 when this instance holds the metrics lock and exports the database-wide gauges',
  registers: [registry],
});

/**
 * Database-wide gauges, in a registry of their own: only the instance that
 * holds the metrics lock adds them to its answer, so that a sum over
 * instances does not count the outbox once per instance.
 */
export const databaseRegistry = new Registry();
export const outboxBacklog = new Gauge({
  name: 'anchor_outbox_backlog',
  help: 'Unsent new-case mails in the database (exported by the instance holding the metrics lock only)',
  registers: [databaseRegistry],
});
export const outboxOldestAge = new Gauge({
  name: 'anchor_outbox_oldest_age_seconds',
  help: 'Age of the oldest unsent new-case mail, 0 when none (exported by the instance holding the metrics lock only)',
  registers: [databaseRegistry],
});

/** A route group from a request path: a small fixed set, never the path itself (it may hold a reference). */
export function routeGroup(path: string): string {
  if (path.startsWith('/api/forms')) return 'forms';
  if (path.startsWith('/api/staff')) return 'staff';
  if (path.startsWith('/api/health')) return 'health';
  if (path.startsWith('/api/')) return 'api_other';
  return 'site';
}

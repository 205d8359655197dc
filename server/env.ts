import { resolve } from 'node:path';
import { z } from 'zod';
import { retentionVariables } from '../src/shared/retention-settings.ts';

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * The submission limits and flood mode's threshold, which the database owner
 * writes for submit_case (npm run db:migrate reads them); the bounds are the
 * settings table's. The app reads them too (Retry-After, flood mode's notices).
 */
export const submissionLimitVariables = z.object({
  // Accepted submissions per network (an IPv4 address, an IPv6 /64) and per wide network (IPv4 /24, IPv6 /48) per window.
  RATE_LIMIT_PER_NETWORK: z.coerce.number().int().min(1).max(1_000_000_000).default(5),
  RATE_LIMIT_PER_WIDE_NETWORK: z.coerce.number().int().min(1).max(1_000_000_000).default(50),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(60).max(86_400).default(600),
  // Spam (honeypot, fill time) stored per clock hour; past it spam is answered alike but not stored.
  RATE_LIMIT_SPAM_PER_HOUR: z.coerce.number().int().min(0).max(1_000_000_000).default(200),
  // Flood mode: accepted submissions in one minute that start it, and how long it lasts.
  FLOOD_THRESHOLD_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000_000).default(30),
  FLOOD_HOLD_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
});

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(4321),
    HOST: z.string().min(1).default('127.0.0.1'),
    // Listening sockets on PORT (SO_REUSEPORT; see server/http/listen.ts): bursts of new connections are accepted sooner.
    LISTEN_SOCKETS: z.coerce.number().int().min(1).max(64).default(16),
    // Client connections this process holds at most; by default what the open-file limit leaves (server/http/connection-limits.ts).
    MAX_CONNECTIONS: z.coerce.number().int().min(1).optional(),
    // A second port for the internal network (the load balancer's checks, monitoring): health shows its details there on staff hosts.
    INTERNAL_PORT: port.optional(),
    INTERNAL_HOST: z.string().min(1).default('127.0.0.1'),
    // GET /metrics (Prometheus) on a port and interface of its own, never on PORT (server/metrics/server.ts).
    METRICS_PORT: port.optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    // Connections per instance to PostgreSQL; a small pool keeps a few busy backends rather than many waiting ones.
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().min(1).default('./data'),
    SITE_DIR: z.string().min(1).default('./dist'),
    PUBLIC_ORIGIN: z.url().optional(),
    TRUSTED_PROXIES: z.string().default(''),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    // public: the site and the forms with the public key only; staff: the staff app and API; all: both.
    ROLE: z.enum(['all', 'public', 'staff']).default('all'),
    // Forms: intake keys, mail, limits.
    INTAKE_KEYRING: z.string().min(1).optional(),
    INTAKE_PUBLIC_KEYRING: z.string().min(1).optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Ankkuri-portaali <no-reply@localhost>'),
    INTAKE_MAIL_TO: z.string().min(3).default('intake@localhost'),
    RATE_LIMIT_KEY: z.string().min(32, 'must be at least 32 characters of random text').optional(),
    ...submissionLimitVariables.shape,
    // The proof of work's base difficulty in flood mode.
    FLOOD_PROOF_BITS: z.coerce.number().int().min(1).max(30).default(16),
    CHALLENGE_KEY: z.string().min(32, 'must be at least 32 characters of random text').optional(),
    FORM_MIN_FILL_SECONDS: z.coerce.number().min(0).default(3),
    DAILY_CUTOFF: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
      .default('16:00'),
    // The staff queue's internal targets in working days ("target" in the staff app); never promised to senders.
    DUE_WORKING_DAYS_URGENT: z.coerce.number().int().min(0).max(60).default(1),
    DUE_WORKING_DAYS_NORMAL: z.coerce.number().int().min(0).max(60).default(7),
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(10).default(5_000),
    // Casework: the audit trail's MAC key, retention periods and the background jobs' intervals.
    AUDIT_MAC_KEY: z.string().min(32, 'must be at least 32 characters of random text').optional(),
    // Staff hosts: the key that seals TOTP secrets in the database (server/staff/secret-key.ts).
    STAFF_SECRET_KEY: z.string().min(32, 'must be at least 32 characters of random text').optional(),
    AUDIT_HEAD_INTERVAL_MS: z.coerce.number().int().min(1_000).default(600_000),
    // A folder outside the database for each committed audit entry's seq and MAC (server/audit/sink.ts).
    AUDIT_SINK_DIR: z.string().min(1).optional(),
    // Read by the site build too (the privacy notice states the periods): one definition for both.
    ...retentionVariables,
    RETENTION_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  })
  .transform((v) => ({
    ...v,
    DATA_DIR: resolve(v.DATA_DIR),
    SITE_DIR: resolve(v.SITE_DIR),
    // The public origin is what the browser sees; behind TLS termination the request URL is not it.
    PUBLIC_ORIGIN: new URL(v.PUBLIC_ORIGIN ?? `http://localhost:${v.PORT}`).origin,
    TRUSTED_PROXIES: v.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    INTAKE_MAIL_TO: v.INTAKE_MAIL_TO.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  }))
  .superRefine((v, ctx) => {
    // PGlite does not fsync: a power cut could lose an acknowledged report.
    if (v.NODE_ENV === 'production' && !v.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'is required when NODE_ENV=production: the embedded database (PGlite) does not fsync, so a power cut could lose a report',
      });
    }
    // The outbox worker runs on staff hosts only: a public host sends no mail.
    if (v.NODE_ENV === 'production' && v.ROLE !== 'public' && !v.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required when NODE_ENV=production: the team is told of new cases by email' });
    }
    // Instances must share one key, or each would count a client separately.
    if (v.NODE_ENV === 'production' && !v.RATE_LIMIT_KEY) {
      ctx.addIssue({ code: 'custom', path: ['RATE_LIMIT_KEY'], message: 'is required when NODE_ENV=production (the key of the client address hash, the same on every instance)' });
    }
    // Every instance must check the others' challenges.
    if (v.NODE_ENV === 'production' && v.ROLE !== 'staff' && !v.CHALLENGE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['CHALLENGE_KEY'], message: 'is required when NODE_ENV=production and the forms are served (the key of the flood challenges, the same on every instance)' });
    }
    // The audit trail's MAC key must live outside the database it protects, the same on every staff instance.
    if (v.NODE_ENV === 'production' && v.ROLE !== 'public' && !v.AUDIT_MAC_KEY) {
      ctx.addIssue({ code: 'custom', path: ['AUDIT_MAC_KEY'], message: 'is required when NODE_ENV=production (the key of the audit trail, kept outside the database)' });
    }
    if (v.NODE_ENV === 'production' && v.ROLE !== 'public' && !v.STAFF_SECRET_KEY) {
      ctx.addIssue({ code: 'custom', path: ['STAFF_SECRET_KEY'], message: 'is required when NODE_ENV=production (the key that seals staff TOTP secrets, kept outside the database)' });
    }
    // A public-facing host holds public keys only: never a file with private keys in it.
    if (v.NODE_ENV === 'production' && v.ROLE === 'public' && !v.INTAKE_PUBLIC_KEYRING) {
      ctx.addIssue({ code: 'custom', path: ['INTAKE_PUBLIC_KEYRING'], message: 'is required when NODE_ENV=production and ROLE=public (the public-only keyring; see npm run keys -- public)' });
    }
  });

/** The checked configuration, read once at start. */
export type Env = z.infer<typeof schema>;

/** Thrown when configuration is wrong; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Checks configuration without throwing: the configuration when valid, and one
 * line per bad variable ("NAME: what is wrong"); `npm run doctor` lists them all.
 */
export function checkEnv(source: NodeJS.ProcessEnv = process.env): { env?: Env; problems: string[] } {
  const parsed = schema.safeParse(source);
  if (parsed.success) return { env: parsed.data, problems: [] };
  return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`) };
}

/** Reads and checks configuration; throws a ConfigError that names each bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const { env, problems } = checkEnv(source);
  if (!env) throw new ConfigError(`Configuration is not valid:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  return env;
}

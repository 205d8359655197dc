import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(4321),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    SITE_DIR: z.string().min(1).default('./dist'),
    PUBLIC_ORIGIN: z.url().optional(),
    TRUSTED_PROXIES: z.string().default(''),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
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
  });

/** The checked configuration, read once at start. */
export type Env = z.infer<typeof schema>;

/** Thrown when configuration is wrong; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks configuration; throws a ConfigError that names each bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

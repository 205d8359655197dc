import { Hono, type Context } from 'hono';
import { ping, type DatabaseHandle } from '../db/client.ts';
import { appliedMigrations, expectedMigrations, servesLevel } from '../db/migrate.ts';
import type { IntakeKeyring } from '../crypto/keys.ts';
import { outboxBacklog } from '../outbox/worker.ts';

/** Whether a health request may see the details (database, migrations, outbox backlog, keys). */
export type HealthDetails = (c: Context) => boolean;

/**
 * Liveness (the process answers) and readiness (database reachable,
 * migrations current). Everyone gets the `status` only; `details(c)` says
 * who also gets the database driver, the migrations, the outbox backlog,
 * flood mode (server/forms/flood-monitor.ts) and whether this process holds
 * an intake private key (a ROLE=public host must say `privateKeys: false`):
 * on staff hosts, the load balancer itself (a trusted proxy) or a caller on
 * the internal port (see app.ts). The backlog tells an outsider how many
 * reports wait; a public host never shows it.
 */
export function healthRoutes(
  database: DatabaseHandle,
  keyring: Pick<IntakeKeyring, 'hasPrivateKeys'>,
  flood: () => Promise<{ active: boolean; peakPerMinute: number; thresholdPerMinute: number; spamNotStored: number }>,
  details: HealthDetails = () => false,
) {
  const expected = expectedMigrations();
  return new Hono()
    .get('/live', (c) => c.json({ status: 'ok' as const }))
    .get('/', async (c) => {
      const reachable = await ping(database);
      const applied = reachable ? await appliedMigrations(database) : null;
      // Ready when every migration this build needs is there; a newer build's expand migrations may be too.
      const ready = reachable && servesLevel(applied, expected);
      const status = ready ? ('ok' as const) : ('unavailable' as const);
      c.header('Cache-Control', 'no-store');
      if (!details(c)) return c.json({ status }, ready ? 200 : 503);
      const outbox = ready ? await outboxBacklog(database.db) : null;
      const floodMode = ready ? await flood() : null;
      return c.json(
        {
          status,
          database: { driver: database.driver, reachable },
          migrations: { applied, expected },
          outbox,
          flood: floodMode,
          keys: { privateKeys: keyring.hasPrivateKeys },
        },
        ready ? 200 : 503,
      );
    });
}

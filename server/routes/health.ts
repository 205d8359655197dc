import { Hono } from 'hono';
import { ping, type DatabaseHandle } from '../db/client.ts';
import { appliedMigrations, expectedMigrations } from '../db/migrate.ts';
import type { IntakeKeyring } from '../crypto/keys.ts';
import { outboxBacklog } from '../outbox/worker.ts';

/**
 * Liveness (the process answers) and readiness (database reachable,
 * migrations current, outbox backlog), and whether this process holds any
 * intake private key: a ROLE=public host must say `privateKeys: false`.
 * `flood` says whether flood mode is on (server/forms/flood-monitor.ts).
 * The migration level comes from `portal_migrations()`, which the public
 * role may call; that role reads no table, so a public host (`flood` and
 * `outbox` left out) reports neither the outbox nor flood mode: a staff
 * host's health does.
 */
export function healthRoutes(
  database: DatabaseHandle,
  keyring: Pick<IntakeKeyring, 'hasPrivateKeys'>,
  flood: (() => Promise<{ active: boolean; peakPerMinute: number; thresholdPerMinute: number; spamNotStored: number }>) | undefined,
  options: { outbox: boolean } = { outbox: true },
) {
  const expected = expectedMigrations();
  return new Hono()
    .get('/live', (c) => c.json({ status: 'ok' as const }))
    .get('/', async (c) => {
      const reachable = await ping(database);
      const applied = reachable ? await appliedMigrations(database) : null;
      const ready = reachable && applied === expected;
      const outbox = ready && options.outbox ? await outboxBacklog(database.db) : null;
      const floodMode = ready && flood ? await flood() : null;
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          status: ready ? ('ok' as const) : ('unavailable' as const),
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

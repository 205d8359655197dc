import { Hono } from 'hono';
import { ping, type DatabaseHandle } from '../db/client.ts';
import { appliedMigrations, expectedMigrations } from '../db/migrate.ts';
import type { IntakeKeyring } from '../crypto/keys.ts';
import { outboxBacklog } from '../outbox/worker.ts';

/**
 * Liveness (the process answers) and readiness (database reachable,
 * migrations current, outbox backlog), and whether this process holds any
 * intake private key: a ROLE=public host must say `privateKeys: false`.
 * The migration level comes from `portal_migrations()`, which the public
 * role may call; that role reads no table, so a public host (`outbox:
 * false`) reports no backlog.
 */
export function healthRoutes(database: DatabaseHandle, keyring: Pick<IntakeKeyring, 'hasPrivateKeys'>, options: { outbox: boolean } = { outbox: true }) {
  const expected = expectedMigrations();
  return new Hono()
    .get('/live', (c) => c.json({ status: 'ok' as const }))
    .get('/', async (c) => {
      const reachable = await ping(database);
      const applied = reachable ? await appliedMigrations(database) : null;
      const ready = reachable && applied === expected;
      const outbox = ready && options.outbox ? await outboxBacklog(database.db) : null;
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          status: ready ? ('ok' as const) : ('unavailable' as const),
          database: { driver: database.driver, reachable },
          migrations: { applied, expected },
          outbox,
          keys: { privateKeys: keyring.hasPrivateKeys },
        },
        ready ? 200 : 503,
      );
    });
}

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../tests/support/app.ts';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../tests/support/databases.ts';
import { spawnServer, trackServers, waitHealthy } from '../tests/support/process.ts';
import { expectedMigrations } from './db/migrate.ts';
import { loadEnv } from './env.ts';

const track = trackServers();
const start = async (env: Record<string, string>) => {
  const s = await spawnServer({ SITE_DIR: fixtureSiteDir(), ...env });
  track(s);
  return s;
};

describe('configuration', () => {
  it('refuses production without DATABASE_URL, naming the variable', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL: is required when NODE_ENV=production/);
  });

  it('names every bad variable', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_ORIGIN: 'not a url' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*PUBLIC_ORIGIN/,
    );
  });

  it('the server process stops at once with that message', async () => {
    const s = await start({ NODE_ENV: 'production', DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-prod-')) });
    expect(await s.exited).toBe(78);
    expect(s.output()).toContain('DATABASE_URL');
  });
});

describe('the embedded database', () => {
  it('is held by the server: a second process is refused with a clear message, and the lock goes on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchor-lock-'));
    const first = await start({ DATA_DIR: dataDir });
    await waitHealthy(first.port);
    expect(first.output().split('\n')[0]).toContain('database: PGlite (embedded)');

    const second = await start({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(75);
    expect(second.output()).toContain('is in use by the portal server');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'anchor.lock'))).toBe(false);

    // A lock left by a process that died is stale and taken over.
    const third = await start({ DATA_DIR: dataDir });
    await waitHealthy(third.port);
    third.child.kill('SIGKILL');
    await third.exited;
    const fourth = await start({ DATA_DIR: dataDir });
    await waitHealthy(fourth.port);
  }, 60_000);
});

describe.skipIf(!testDatabaseUrl)('PostgreSQL', () => {
  it('applies migrations once when two instances start together', async () => {
    const db = await createEmptyPostgresDatabase();
    try {
      const [a, b] = await Promise.all([start({ DATABASE_URL: db.url }), start({ DATABASE_URL: db.url })]);
      await Promise.all([waitHealthy(a!.port), waitHealthy(b!.port)]);
      expect(a!.output().split('\n')[0]).toContain('database: PostgreSQL');
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash');
      await client.end();
      expect(rows).toHaveLength(expectedMigrations());
      expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
      a!.child.kill('SIGTERM');
      b!.child.kill('SIGTERM');
      expect(await a!.exited).toBe(0);
      expect(await b!.exited).toBe(0);
    } finally {
      await db.drop();
    }
  }, 60_000);
});

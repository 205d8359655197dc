import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, publicKeyringFile, writeDurably } from '../../server/crypto/keys.ts';
import { fixtureSiteDir } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { freePort, spawnServer, waitHealthy, type ServerProcess } from '../support/process.ts';
import { startSmtpServer } from '../support/smtp.ts';

/** The header a test client names its own address in; the proxy turns it into X-Forwarded-For. */
export const clientHeader = 'x-test-client';

/**
 * A small round-robin load balancer: each request goes to the next instance
 * that accepts the connection (an instance that refuses, being down, is
 * skipped, as a load balancer's health checks would), with X-Forwarded-For
 * set from the test client's header.
 */
export async function startProxy(ports: () => number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const targets = ports();
      const attempt = (tries: number) => {
        const port = targets[next++ % targets.length]!;
        const { [clientHeader]: client, ...rest } = req.headers;
        const headers = { ...rest, 'x-forwarded-for': String(client ?? '192.0.2.1') };
        const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        upstream.on('error', () => {
          if (res.headersSent) res.destroy();
          else if (tries + 1 < targets.length * 2) attempt(tries + 1);
          else res.writeHead(502).end();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Two ROLE=public and two ROLE=staff instances on one PostgreSQL database, with a real SMTP server. */
export interface Cluster {
  database: TestDatabase;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  publics: ServerProcess[];
  staffs: ServerProcess[];
  /** SIGKILLs an instance and starts it again on the same port. */
  killAndRestart(which: 'public' | 'staff', index: number): Promise<void>;
  auditVerify(): { status: number | null; stdout: string };
  close(): Promise<void>;
}

const secret = (c: string) => `${c.repeat(8)}-cluster-test-secret-0123456789`;

/** Starts the cluster. */
export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-cluster-'));
  const database = await createTestDatabase('postgres');
  const smtp = await startSmtpServer();
  const key = generateKeyPair();
  writeDurably(join(dir, 'full.json'), { keys: [key] }, 0o600, true);
  writeDurably(join(dir, 'public.json'), publicKeyringFile({ keys: [key] }), 0o644, true);
  const common = {
    DATABASE_URL: database.url!,
    SITE_DIR: fixtureSiteDir(),
    PUBLIC_ORIGIN: 'http://portal.test',
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_KEY: secret('r'),
    LISTEN_SOCKETS: '1',
    LOG_LEVEL: 'warn',
    // The load is many networks at once: flood mode would rightly ask each for a proof of work (tested elsewhere).
    FLOOD_THRESHOLD_PER_MINUTE: '100000',
  };
  const envs = {
    public: { ...common, ROLE: 'public', INTAKE_PUBLIC_KEYRING: join(dir, 'public.json'), CHALLENGE_KEY: secret('c') },
    staff: { ...common, ROLE: 'staff', INTAKE_KEYRING: join(dir, 'full.json'), AUDIT_MAC_KEY: secret('a'), STAFF_SECRET_KEY: secret('s'), SMTP_URL: smtp.url, OUTBOX_INTERVAL_MS: '200' },
  };
  const start = async (which: 'public' | 'staff', n: number, port?: number) => {
    const s = await spawnServer({ ...envs[which], DATA_DIR: join(dir, `${which}-${n}`), ...(port ? { PORT: String(port) } : {}) });
    await waitHealthy(s.port, 60_000, s.child);
    return s;
  };
  const publics = [await start('public', 0), await start('public', 1)];
  const staffs = [await start('staff', 0), await start('staff', 1)];
  const cluster: Cluster = {
    database,
    smtp,
    publics,
    staffs,
    async killAndRestart(which, index) {
      const list = which === 'public' ? publics : staffs;
      const old = list[index]!;
      old.child.kill('SIGKILL');
      await old.exited;
      list[index] = await start(which, index, old.port);
    },
    auditVerify() {
      const r = spawnSync(process.execPath, ['scripts/audit-verify.ts'], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: database.url!, AUDIT_MAC_KEY: envs.staff.AUDIT_MAC_KEY }, encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout };
    },
    async close() {
      for (const s of [...publics, ...staffs]) {
        if (s.child.exitCode === null) {
          s.child.kill('SIGTERM');
          await s.exited;
        }
      }
      await smtp.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn, fixtureSiteDir, keyringFrom, type TestApp } from '../../tests/support/app.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../tests/support/databases.ts';
import { createTestRoles, type TestRoles } from '../../tests/support/database-roles.ts';
import { concernFields, contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { caseVersion, staffCall } from '../../tests/support/casework.ts';
import { enrolledStaff, sessionCookie, signInAs, testClock } from '../../tests/support/staff-auth.ts';
import { startSmtpServer } from '../../tests/support/smtp.ts';
import { spawnServer, trackServers, waitHealthy } from '../../tests/support/process.ts';
import { generateKeyPair } from '../crypto/keys.ts';
import { sealPersonalData } from '../crypto/seal.ts';
import { smtpMailer } from '../outbox/mailer.ts';
import { startOutboxWorker } from '../outbox/worker.ts';
import { runRetention } from '../retention/retention.ts';
import { createLogger } from '../logger.ts';
import { expectedMigrations } from './migrate.ts';
import { functionGrants, grantStatements, ownerOnlyTables, staffTablePrivileges } from './grants.ts';

const track = trackServers();

/** Runs a statement and says whether PostgreSQL refused it for want of a privilege (42501). */
async function refused(client: pg.Client, text: string, params: unknown[] = []): Promise<boolean> {
  try {
    await client.query(text, params);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === '42501';
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe('grants are declared for every table', () => {
  it('refuses to grant on a table nobody has classified, and never grants the public role a table', () => {
    expect(() => grantStatements({ public: 'p', staff: 's' }, ['cases', 'something_new'], [])).toThrow(/something_new/);
    const statements = grantStatements({ public: 'p', staff: 's' }, [...Object.keys(staffTablePrivileges), ...ownerOnlyTables], []);
    expect(statements.filter((s) => /^GRANT .* ON TABLE .* TO "p"$/.test(s))).toEqual([]);
    expect(Object.keys(functionGrants).sort()).toEqual(['portal_health', 'record_held', 'submit_case']);
  });
});

describe.skipIf(!testDatabaseUrl)('database roles on PostgreSQL', () => {
  let database: TestDatabase;
  let roles: TestRoles;
  let asPublic: pg.Client;
  let asStaff: pg.Client;
  let publicDb: TestDatabase;
  let staffDb: TestDatabase;
  let publicApp: TestApp;
  let staffApp: TestApp;
  const clock = testClock(new Date().toISOString());
  const keyring = keyringFrom(generateKeyPair());
  let client = 1;

  /** Submits a form to the public app as a person would. */
  const submit = async (kind: 'contact' | 'concern', marker = 'Orig1nal') => {
    const fields = kind === 'contact' ? contactFields(marker) : concernFields(marker);
    const res = await publicApp.app.request(`/api/forms/${kind}`, { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ ...fields, meta: humanMeta() }) }, fromAddress(`10.77.0.${client++}`));
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { reference: string }).reference;
  };

  beforeAll(async () => {
    database = await createTestDatabase('postgres', 2);
    roles = await createTestRoles(database);
    asPublic = await connect(roles.urlAs('public'));
    asStaff = await connect(roles.urlAs('staff'));
    publicDb = await roles.openAs('public');
    staffDb = await roles.openAs('staff');
    publicApp = createAppOn(publicDb, { ROLE: 'public' }, { keyring });
    staffApp = createAppOn(staffDb, { ROLE: 'staff' }, { keyring, now: clock.now });
  }, 60_000);

  afterAll(async () => {
    await asPublic?.end();
    await asStaff?.end();
    await publicDb?.drop();
    await staffDb?.drop();
    await roles?.drop();
  });

  it('the public role: every select, insert, update, delete and truncate on every table is refused, and so is anything else but its two functions', async () => {
    const { rows: tables } = await database.handle.query<{ name: string; col: string }>(
      `select c.relname as name, (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum = 1) as col
       from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' order by 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['cases', 'sessions', 'staff_users', 'audit_log', 'submission_settings']));
    const statements: string[] = [];
    for (const { name, col } of tables) {
      statements.push(
        `select * from "${name}" limit 1`,
        `insert into "${name}" default values`,
        `update "${name}" set "${col}" = "${col}"`,
        `delete from "${name}"`,
        `truncate "${name}"`,
      );
    }
    statements.push(
      // The attacks of the security review: a forged session, the TOTP secrets and password hashes.
      `insert into sessions (id_hash, user_id, created_at, last_seen_at) select 'forged', id, now(), now() from staff_users limit 1`,
      'select totp_secret, password_hash from staff_users',
      // Nothing of its own either, and no way into another role.
      'create table mine (x int)',
      'create temporary table mine (x int)',
      'create function mine() returns int language sql as $$ select 1 $$',
      'create schema mine',
      'select * from drizzle.__drizzle_migrations',
      `set role ${roles.names.owner}`,
      `set role ${roles.names.staff}`,
      `update submission_settings set per_network = 1000000`,
      `alter table cases disable trigger all`,
      `grant select on cases to public`,
    );
    const refusedOnes: string[] = [];
    for (const statement of statements) if (await refused(asPublic, statement)) refusedOnes.push(statement);
    expect(statements.filter((s) => !refusedOnes.includes(s))).toEqual([]);
    // The figure in README "Security and reliability".
    console.log(`statements tried as the public role and refused: ${refusedOnes.length} (${tables.length} tables × 5, and ${statements.length - tables.length * 5} others)`);
    // What it may do: read the migration level.
    expect((await asPublic.query('select migrations from portal_health(now())')).rows[0].migrations).toBe(expectedMigrations());
  });

  it('no function of the schema is executable by PUBLIC; the public role may execute exactly submit_case, record_held and portal_health', async () => {
    const { rows } = await database.handle.query<{ name: string; by_public: boolean; by_role: boolean; definer: boolean; config: string[] | null }>(
      `select p.proname as name, p.prosecdef as definer, p.proconfig as config,
              exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as by_public,
              has_function_privilege($1, p.oid, 'EXECUTE') as by_role
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' order by 1`,
      [roles.names.public],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.by_public)).toEqual([]);
    expect(rows.filter((r) => r.by_role).map((r) => r.name).sort()).toEqual(['portal_health', 'record_held', 'submit_case']);
    // Each runs as the owner with a fixed search_path, so a caller's objects cannot stand in for the tables.
    for (const r of rows.filter((row) => row.by_role)) {
      expect(r.definer).toBe(true);
      expect(r.config?.some((c) => c.startsWith('search_path='))).toBe(true);
    }
    const { rows: owners } = await database.handle.query<{ owner: string }>(
      `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle')`,
    );
    expect(owners.map((o) => o.owner)).toEqual([roles.names.owner]);
  });

  it('a ROLE=public app on the public login stores both forms', async () => {
    const contact = await submit('contact');
    const concern = await submit('concern');
    const { rows } = await database.handle.query<{ reference: string }>('select reference from cases where reference = any($1)', [[contact, concern]]);
    expect(rows).toHaveLength(2);
    // A public host's health says only whether it is ready (the details are a staff host's).
    const health = await publicApp.app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('a ROLE=public app on the public login records why it held a submission as spam', async () => {
    const res = await publicApp.app.request(
      '/api/forms/contact',
      { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ ...contactFields('Sp4m'), meta: { ...humanMeta(), website: 'https://spam.example' } }) },
      fromAddress(`10.77.0.${client++}`),
    );
    expect(res.status).toBe(201);
    const { reference } = (await res.json()) as { reference: string };
    const { rows } = await database.handle.query<{ status: string; reasons: string[] }>(
      `select c.status, e.detail->'reasons' as reasons from cases c join case_events e on e.case_id = c.id and e.type = 'held' where c.reference = $1`,
      [reference],
    );
    expect(rows).toEqual([{ status: 'spam', reasons: ['honeypot'] }]);
    // The function adds nothing else: not a second event, not one for a case that is not spam, not other reasons.
    await asPublic.query('select record_held($1, $2)', [reference, ['fill-time']]);
    await expect(asPublic.query('select record_held($1, $2)', [reference, ['anything']])).rejects.toThrow(/reasons/);
    const { rows: events } = await database.handle.query<{ n: number }>(`select count(*)::int as n from case_events e join cases c on c.id = e.case_id where c.reference = $1`, [reference]);
    expect(events[0]!.n).toBe(1);
  });

  it('the staff role cannot change a stored case\'s reference, kind or sealed columns, and can do casework', async () => {
    const reference = await submit('contact');
    for (const column of ['reference', 'kind', 'sealed_key_id', 'sealed_ephemeral_key', 'sealed_nonce', 'sealed_ciphertext', 'created_at', 'id']) {
      expect(await refused(asStaff, `update cases set "${column}" = "${column}" where reference = $1`, [reference]), column).toBe(true);
    }
    expect(await refused(asStaff, `insert into cases (reference) values ('ZZZZZZZZ')`)).toBe(true);
    expect(await refused(asStaff, `update audit_log set mac = mac`)).toBe(true);
    expect(await refused(asStaff, `delete from audit_log`)).toBe(true);
    expect(await refused(asStaff, `update submission_settings set per_network = 1000`)).toBe(true);
    expect((await asStaff.query(`update cases set status = status where reference = $1`, [reference])).rowCount).toBe(1);
  });

  it('the reseal attack fails: with the public key and either login, a stored case cannot be replaced under its reference', async () => {
    const reference = await submit('contact', 'Orig1nal');
    const forged = sealPersonalData({ ...contactFields('FORGED'), contactMethod: 'phone' }, reference, keyring.current);
    const args = [forged.keyId, forged.ephemeralPublicKey, forged.nonce, forged.ciphertext, reference];
    const reseal = 'update cases set sealed_key_id = $1, sealed_ephemeral_key = $2, sealed_nonce = $3, sealed_ciphertext = $4 where reference = $5';
    expect(await refused(asPublic, reseal, args)).toBe(true);
    expect(await refused(asStaff, reseal, args)).toBe(true);
    // Delete and store again under the same reference: the staff role may delete (retention) but not insert.
    await asStaff.query('begin');
    await asStaff.query('delete from cases where reference = $1', [reference]);
    expect(await refused(asStaff, `insert into cases (reference, kind, locale, status, writer, categories, urgency, proposed_queue, priority, due_at,
      sealed_key_id, sealed_ephemeral_key, sealed_nonce, sealed_ciphertext) values ($5, 'contact', 'fi', 'new', 'parent', '{other}', 'normal', 'intake', 3, now(), $1, $2, $3, $4)`, args)).toBe(true);
    await asStaff.query('rollback');

    // Staff read what the person wrote, not the forgery.
    const person = await enrolledStaff(staffApp, clock, { role: 'intake' });
    const cookie = sessionCookie(await signInAs(staffApp, clock, person));
    const { rows } = await database.handle.query<{ id: string }>('select id from cases where reference = $1', [reference]);
    const opened = await staffCall(staffApp, cookie, 'GET', `/cases/${rows[0]!.id}?purpose=triage`);
    expect(opened.status).toBe(200);
    expect(JSON.stringify(opened.json)).toContain('Orig1nal');
    expect(JSON.stringify(opened.json)).not.toContain('FORGED');
  });

  it('a staff app on the staff login does its whole job: enrolment, sign-in, routing, notes, status, the outbox and retention', async () => {
    const person = await enrolledStaff(staffApp, clock, { role: 'intake' });
    const signIn = await signInAs(staffApp, clock, person);
    expect(signIn.status).toBe(200);
    const cookie = sessionCookie(signIn);
    const reference = await submit('concern');
    const listed = await staffCall(staffApp, cookie, 'GET', '/cases');
    expect(listed.status).toBe(200);
    const found = await staffCall(staffApp, cookie, 'GET', `/cases/by-reference/${reference}`);
    const id = String(found.json.id);
    expect((await staffCall(staffApp, cookie, 'GET', `/cases/${id}?purpose=triage`)).status).toBe(200);
    const act = async (path: string, body: Record<string, unknown>) => {
      const res = await staffCall(staffApp, cookie, 'POST', `/cases/${id}${path}`, { ...body, version: await caseVersion(staffApp, id) });
      expect(res.status, `${path} ${JSON.stringify(res.json)}`).toBe(200);
    };
    await act('/route', { queue: 'youth-work', reason: 'A youth worker knows the family' });
    await act('/notes', { text: 'called back' });
    await act('/status', { status: 'closed', outcome: 'resolved' });

    const smtp = await startSmtpServer();
    try {
      const logger = createLogger('silent');
      const worker = startOutboxWorker({ db: staffDb.handle.db, mailer: smtpMailer(smtp.url), logger, from: 'portal@anchor.test', to: ['intake@anchor.test'], intervalMs: 60_000, leaseMs: 30_000 });
      expect(await worker.drainOnce()).toBeGreaterThan(0);
      await worker.stop();
      expect(smtp.mails.some((m) => m.raw.includes(reference))).toBe(true);
    } finally {
      await smtp.close();
    }
    const later = new Date(Date.now() + 400 * 86_400_000);
    const result = await runRetention(staffDb.handle.db, staffApp.auditKey, { spamDays: 30, closedDays: 365, rateWindowMs: 600_000 }, later);
    expect(result.closed).toBeGreaterThanOrEqual(1);
    expect((await database.handle.query('select 1 from cases where id = $1', [id])).rows).toHaveLength(0);
  });

  it('npm run db:roles run again changes nothing; npm run db:migrate runs as the owner and refuses the other logins', async () => {
    const privileges = async () =>
      (
        await database.handle.query(
          `select grantee, table_name, column_name, privilege_type from information_schema.column_privileges where grantee = any($1)
           union all select grantee, table_name, null, privilege_type from information_schema.table_privileges where grantee = any($1)
           union all select grantee, routine_name, null, privilege_type from information_schema.routine_privileges where grantee = any($1)
           order by 1, 2, 3, 4`,
          [[roles.names.public, roles.names.staff, 'PUBLIC']],
        )
      ).rows;
    const before = await privileges();
    const env = { PATH: process.env.PATH ?? '', DATABASE_URL: database.url! };
    const again = spawnSync(process.execPath, ['scripts/db-roles.ts', '--owner', roles.names.owner, '--public', roles.names.public, '--staff', roles.names.staff], { env, encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`owner: ${roles.names.owner} (updated)`);
    expect(await privileges()).toEqual(before);

    const migrate = (url: string) => spawnSync(process.execPath, ['scripts/db-migrate.ts'], { env: { PATH: env.PATH, DATABASE_URL: url }, encoding: 'utf8' });
    const asOwner = migrate(roles.urlAs('owner'));
    expect(asOwner.status, asOwner.stderr).toBe(0);
    expect(asOwner.stdout).toContain(`migration level ${expectedMigrations()}`);
    for (const kind of ['staff', 'public'] as const) {
      const other = migrate(roles.urlAs(kind));
      expect(other.status).toBe(1);
      expect(other.stderr).toContain(`The login ${roles.names[kind]} may not migrate this database`);
    }
    expect(await privileges()).toEqual(before);
    // The staff command runs on the staff login: it checks the level instead of migrating.
    const list = spawnSync(process.execPath, ['scripts/staff.ts', 'list'], { env: { PATH: env.PATH, DATABASE_URL: roles.urlAs('staff') }, encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
  }, 60_000);

  it('a ROLE=staff server on the staff login starts without migrating, runs its outbox worker and retention, and reports the outbox', async () => {
    const s = track(
      await spawnServer({
        ROLE: 'staff',
        DATABASE_URL: roles.urlAs('staff'),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-staff-')),
        SITE_DIR: fixtureSiteDir(),
        STAFF_SECRET_KEY: 'the-staff-secret-key-of-this-test-0123456789',
        SMTP_URL: 'smtp://127.0.0.1:9',
        RETENTION_INTERVAL_MS: '1000',
      }),
    );
    await waitHealthy(s.port);
    const health = (await (await fetch(`http://127.0.0.1:${s.port}/api/health`)).json()) as { outbox: { pending: number } | null };
    expect(health.outbox).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    // Errors are logged by kind only: a missing privilege would show as one of these.
    expect(s.output()).not.toMatch(/outbox drain failed|retention run failed|could not read the audit chain head|could not start/);
    expect(s.output()).toContain('"audit chain head"');
  }, 60_000);

  it('a ROLE=public server with only the public login serves pages, stores both forms, runs no outbox worker, and will not start on an older migration level', async () => {
    const smtp = await startSmtpServer();
    try {
      const env = {
        ROLE: 'public',
        DATABASE_URL: roles.urlAs('public'),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-public-')),
        SITE_DIR: fixtureSiteDir(),
        SMTP_URL: smtp.url,
        OUTBOX_INTERVAL_MS: '20',
      };
      const s = track(await spawnServer(env));
      await waitHealthy(s.port);
      const base = `http://127.0.0.1:${s.port}`;
      expect((await fetch(`${base}/fi/`)).status).toBe(200);
      for (const [kind, fields] of [['contact', contactFields()], ['concern', concernFields()]] as const) {
        const res = await fetch(`${base}/api/forms/${kind}`, { method: 'POST', headers: { ...sameOriginJson, Origin: base }, body: JSON.stringify({ ...fields, meta: humanMeta() }) });
        expect(res.status, await res.clone().text()).toBe(201);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.mails).toEqual([]);
      expect(s.output()).not.toMatch(/permission denied|outbox/i);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);

      // One migration fewer recorded: the public host refuses to start rather than migrate.
      const { rows } = await database.handle.query('delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations) returning *');
      try {
        const stale = track(await spawnServer(env));
        expect(await stale.exited).toBe(1);
        expect(stale.output()).toContain(`migration level ${expectedMigrations() - 1} and this build needs ${expectedMigrations()}`);
      } finally {
        await database.handle.query('insert into drizzle.__drizzle_migrations select * from json_populate_record(null::drizzle.__drizzle_migrations, $1)', [JSON.stringify(rows[0])]);
      }
    } finally {
      await smtp.close();
    }
  }, 60_000);
});

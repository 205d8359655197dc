import { createSecretKey } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveAuditKey } from '../audit/mac-key.ts';
import { auditRecorder } from '../audit/record.ts';
import type { AuditAction } from '../audit/chain.ts';
import { openAuditSink } from '../audit/sink.ts';
import { createLogger } from '../logger.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { acquireDataDirLock, DataDirLockedError } from '../db/lock.ts';
import { readyDatabase } from '../db/migrate.ts';
import { ConfigError, loadEnv, type Env } from '../env.ts';
import {
  addStaffUser,
  deactivateStaffUser,
  findStaffUserByEmail,
  listStaffUsers,
  newStaffUserSchema,
  resetStaffUser,
  staffRoles,
  staffTeams,
  unlockStaffUser,
  type OnUserChange,
} from './users.ts';

/** Where the command writes: a line at a time. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

// sysexits.h: the server uses the same codes for the same failures.
const EX_USAGE = 64;
const EX_TEMPFAIL = 75;
const EX_CONFIG = 78;

const usage = `Usage: npm run staff -- <command> [options]

Commands:
  add --email <address> --role intake|team|admin [--team <team>]
      Adds a person and prints a one-time enrolment link (valid 24 hours).
      --team is required for role team, and only for it: ${staffTeams.join(', ')}.
  reset --email <address>
      Revokes the person's password, authenticator and recovery codes, ends
      their sessions and prints a new enrolment link.
  deactivate --email <address>
      Ends every session of the person at once; they can no longer sign in.
  unlock --email <address>
      Lifts the sign-in throttle on the person's account (needs RATE_LIMIT_KEY
      as the server has it).
  list
      Lists every staff user.

The command opens the database the server uses (DATABASE_URL, or the embedded
database in DATA_DIR). The embedded database cannot be opened while the server
runs: stop the server first, or use the admin pages of the staff app. Every
change joins the audit trail as the system's (AUDIT_MAC_KEY, and AUDIT_SINK_DIR
when set, as the server has them).`;

// The schema's messages are UI string keys; the command speaks English to the operator.
const cliMessages: Record<string, string> = {
  'form.error.required': 'is required',
  'form.error.email': 'must be an email address',
  'form.error.tooLong': 'is too long',
  'form.error.choose': 'must be one of the listed values',
  'staff.error.teamRequired': `is required for role team (one of ${staffTeams.join(', ')})`,
  'staff.error.teamNotAllowed': 'is only for role team',
};

/**
 * Opens the database like the server, holding the embedded database's folder
 * lock: migrates it when the login may (PGlite, the owner), else checks its
 * level (the staff role's login).
 */
async function withDatabase<T>(env: Env, run: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const release = env.DATABASE_URL ? () => {} : acquireDataDirLock(env.DATA_DIR, 'the staff command');
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 1 });
    await readyDatabase(handle, env.DATABASE_URL, { migrate: true });
    return await run(handle);
  } finally {
    await handle?.close().catch(() => {});
    release();
  }
}

/**
 * `npm run staff -- …`: adds, lists, resets and deactivates staff users from
 * the server's shell; the first admin is added this way. Returns the exit
 * code: 0 done, 1 refused (e.g. the email is taken), 64 bad arguments,
 * 75 the embedded database is in use, 78 bad configuration.
 */
export async function runStaffCli(argv: string[], source: NodeJS.ProcessEnv, io: CliOutput, now: () => Date = () => new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { email: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`staff: ${(error as Error).message}\n\n${usage}`);
    return EX_USAGE;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === 'help') {
    io.out(usage);
    return 0;
  }
  if (!command || !['add', 'reset', 'deactivate', 'unlock', 'list'].includes(command) || positionals.length > 1) {
    io.err(`staff: ${command ? `unknown command "${positionals.join(' ')}"` : 'no command given'}\n\n${usage}`);
    return EX_USAGE;
  }
  const input = newStaffUserSchema.safeParse({ email: values.email, role: command === 'add' ? values.role : 'intake', team: values.team });
  if (command !== 'list' && !input.success) {
    const bad = input.error.issues.filter((i) => command === 'add' || i.path[0] === 'email');
    if (bad.length > 0) {
      const roleHint = (path: string) => (path === 'role' ? ` (${staffRoles.join(', ')})` : '');
      io.err(bad.map((i) => `staff: --${i.path.join('.')} ${cliMessages[i.message] ?? i.message}${roleHint(String(i.path[0]))}`).join('\n'));
      return EX_USAGE;
    }
  }
  if (command !== 'add' && command !== 'list' && (values.role || values.team)) {
    io.err(`staff: --role and --team are only for add`);
    return EX_USAGE;
  }

  let env: Env;
  try {
    env = loadEnv(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return EX_CONFIG;
  }
  const links = () => ({ now: now(), publicOrigin: env.PUBLIC_ORIGIN });
  if (!source.PUBLIC_ORIGIN && (command === 'add' || command === 'reset')) {
    io.err(`staff: PUBLIC_ORIGIN is not set, so the link points at ${env.PUBLIC_ORIGIN} (from PORT, as the server does); set PUBLIC_ORIGIN as the server has it`);
  }
  const email = input.success ? input.data.email : '';
  if (command === 'unlock' && !env.RATE_LIMIT_KEY) {
    io.err('staff: RATE_LIMIT_KEY is not set: the server hashes accounts with a key of its own; lift the throttle in the staff app');
    return EX_CONFIG;
  }
  // A change made here is the system's in the audit trail (no staff user is signed in), marked as from the command.
  let auditKey: Buffer = Buffer.alloc(0);
  try {
    if (command !== 'list') auditKey = resolveAuditKey({ nodeEnv: env.NODE_ENV, key: env.AUDIT_MAC_KEY, dataDir: env.DATA_DIR, warn: (m) => io.err(`staff: ${m}`) });
  } catch (error) {
    io.err(`staff: ${(error as Error).message}`);
    return EX_CONFIG;
  }
  const sink = command !== 'list' && env.AUDIT_SINK_DIR ? await openAuditSink(resolve(env.AUDIT_SINK_DIR), createLogger('silent')) : undefined;
  const audited = (action: AuditAction) => {
    const recorder = auditRecorder({ key: auditKey, sink });
    const onChange: OnUserChange = (tx, _user, detail) =>
      recorder.append(tx, { actorId: null, action, caseId: null, caseReference: null, purpose: null, detail: { ...detail, via: 'cli' } }, now());
    return { onChange, committed: () => recorder.committed() };
  };
  try {
    return await withDatabase(env, async ({ db }) => {
      if (command === 'list') {
        for (const u of await listStaffUsers(db)) {
          io.out([u.email, u.role, u.team ?? '-', u.status, u.createdAt.toISOString()].join('\t'));
        }
        return 0;
      }
      if (command === 'add') {
        const audit = audited('user-add');
        const result = await addStaffUser(db, input.data!, links(), audit.onChange);
        await audit.committed();
        if (result.outcome === 'email_taken') {
          io.err(`staff: ${email} already has an account (use reset for a new enrolment link)`);
          return 1;
        }
        printLink(io, `Added ${email} (${result.user.role}${result.user.team ? `, ${result.user.team}` : ''}).`, result.link, result.expiresAt);
        return 0;
      }
      const user = await findStaffUserByEmail(db, email);
      if (!user) {
        io.err(`staff: no staff user has the email ${email}`);
        return 1;
      }
      if (command === 'deactivate') {
        const audit = audited('user-deactivate');
        await deactivateStaffUser(db, user.id, now(), audit.onChange);
        await audit.committed();
        io.out(`Deactivated ${email}: every session ended; they can no longer sign in.`);
        return 0;
      }
      if (command === 'unlock') {
        const audit = audited('user-unlock');
        const result = await unlockStaffUser(db, user.id, createSecretKey(Buffer.from(env.RATE_LIMIT_KEY!)), audit.onChange);
        await audit.committed();
        io.out(`Lifted the sign-in throttle on ${email}: ${result.outcome === 'unlocked' ? result.cleared : 0} failed sign-in(s) forgotten.`);
        return 0;
      }
      const audit = audited('user-reset');
      const result = await resetStaffUser(db, user.id, links(), audit.onChange);
      await audit.committed();
      if (result.outcome !== 'reset') {
        io.err(`staff: ${email} is deactivated; a reset would not let them back in`);
        return 1;
      }
      printLink(io, `Reset ${email}: password, authenticator and recovery codes revoked, sessions ended.`, result.link, result.expiresAt);
      return 0;
    });
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    io.err(`staff: cannot open the database. ${error.message}`);
    return EX_TEMPFAIL;
  } finally {
    await sink?.close();
  }
}

function printLink(io: CliOutput, what: string, link: string, expiresAt: Date) {
  io.out(what);
  io.out(`One-time enrolment link, valid until ${expiresAt.toISOString()}:`);
  io.out(`  ${link}`);
  io.out('Give it to the person only, over a channel you trust. Whoever opens it first can enrol.');
}

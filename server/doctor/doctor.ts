import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkEnv } from '../env.ts';
import { developmentKeyringFile, KeyringError, loadKeyring } from '../crypto/keys.ts';
import { developmentAuditKeyFile } from '../audit/mac-key.ts';
import { developmentStaffKeyFile } from '../staff/secret-key.ts';
import { developmentChallengeKeyFile } from '../forms/challenge-key.ts';
import { lowOpenFilesLimit } from '../http/connection-limits.ts';
import type { Deployment } from '../../src/shared/deployment.ts';
import { publishProblems } from '../../src/shared/publishable.ts';

/** What the doctor asks the machine; the tests give their own answers. */
export interface DoctorProbes {
  /** pg_dump's major version, or undefined when it cannot be run. */
  pgDumpMajor(): Promise<number | undefined>;
  /** The PostgreSQL server's major version; rejects when the database cannot be reached. */
  serverMajor(databaseUrl: string): Promise<number>;
  /** This process's soft open-file limit, or undefined where it cannot be read. */
  openFiles(): number | undefined;
}

/** One run's input: the environment and deployment facts as the server reads them. */
export interface DoctorInput {
  source: NodeJS.ProcessEnv;
  deployment: Deployment;
  /** The hosts are split: this one must be ROLE=public or ROLE=staff and hold only its role's secrets. */
  expectSplit: boolean;
  probes: DoctorProbes;
}

/** The secrets a host may be given, each 32+ characters, and their development files in DATA_DIR. */
const developmentKeyFiles = {
  AUDIT_MAC_KEY: developmentAuditKeyFile,
  STAFF_SECRET_KEY: developmentStaffKeyFile,
  CHALLENGE_KEY: developmentChallengeKeyFile,
} as const;

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Every missing or unsafe production setting, one line each ("NAME: why");
 * empty when the host is ready. Reads what the server reads (the environment
 * through env.ts's schema, `config/deployment.json`, the keyring files) and
 * asks the machine what it cannot read (pg_dump, the server's version, the
 * open-file limit). Never prints a secret.
 */
export async function doctorProblems(input: DoctorInput): Promise<string[]> {
  const { source, deployment, expectSplit, probes } = input;
  const { problems } = checkEnv(source);
  const named = (variable: string) => problems.some((line) => line.startsWith(`${variable}:`));
  const add = (variable: string, message: string) => {
    if (!named(variable)) problems.push(`${variable}: ${message}`);
  };
  const value = (variable: string) => {
    const v = source[variable];
    return v === undefined || v === '' ? undefined : v;
  };
  const role = value('ROLE') ?? 'all';
  const servesForms = role !== 'staff';
  const servesStaff = role !== 'public';
  const dataDir = resolve(value('DATA_DIR') ?? './data');

  if (value('NODE_ENV') !== 'production') add('NODE_ENV', `is ${value('NODE_ENV') ?? 'unset (development)'}, not production: development keys and PGlite are allowed`);
  for (const line of publishProblems(deployment)) problems.push(`config/deployment.json: ${line}`);

  const databaseUrl = value('DATABASE_URL');
  if (!databaseUrl) add('DATABASE_URL', 'is not set: the embedded database (PGlite) does not fsync, so a power cut could lose a report');

  const origin = value('PUBLIC_ORIGIN');
  if (!origin) add('PUBLIC_ORIGIN', 'is not set: links and same-origin checks would use http://localhost');
  else if (!origin.startsWith('https://')) add('PUBLIC_ORIGIN', `is ${origin}: people must reach the portal over https`);

  if (!value('RATE_LIMIT_KEY')) add('RATE_LIMIT_KEY', 'is not set: each instance would count clients with its own random key');

  // The secrets the server would otherwise take from development files in DATA_DIR.
  const secrets: [keyof typeof developmentKeyFiles, boolean][] = [
    ['AUDIT_MAC_KEY', servesStaff],
    ['STAFF_SECRET_KEY', servesStaff],
    ['CHALLENGE_KEY', servesForms],
  ];
  for (const [variable, needed] of secrets) {
    const secret = value(variable);
    if (needed && !secret) add(variable, `is not set: the server would use the development key in ${join(dataDir, developmentKeyFiles[variable])}`);
    else if (secret && secret === readTrimmed(join(dataDir, developmentKeyFiles[variable]))) {
      add(variable, `is the development key from ${join(dataDir, developmentKeyFiles[variable])}, which lies beside the data it protects`);
    }
  }
  const distinct = ['RATE_LIMIT_KEY', 'CHALLENGE_KEY', 'AUDIT_MAC_KEY', 'STAFF_SECRET_KEY'].filter((v) => value(v));
  for (let i = 0; i < distinct.length; i += 1) {
    for (const other of distinct.slice(i + 1)) {
      if (value(distinct[i]!) === value(other)) add(other, `is the same as ${distinct[i]}: each secret must be its own random text`);
    }
  }

  if (servesStaff) {
    if (!value('SMTP_URL')) add('SMTP_URL', 'is not set: the team would not be told of new cases');
    if (!value('AUDIT_SINK_DIR')) add('AUDIT_SINK_DIR', 'is not set: entries cut off the end of the audit trail within AUDIT_HEAD_INTERVAL_MS would go unseen');
    const keyringPath = value('INTAKE_KEYRING');
    if (!keyringPath) add('INTAKE_KEYRING', `is not set: the server would use the development keyring ${join(dataDir, developmentKeyringFile)}`);
    else if (resolve(keyringPath) === join(dataDir, developmentKeyringFile)) add('INTAKE_KEYRING', 'is the development keyring in DATA_DIR, beside the data it protects');
    else {
      try {
        if (!loadKeyring(keyringPath).hasPrivateKeys) add('INTAKE_KEYRING', `${keyringPath} holds no private key: staff could not open cases`);
      } catch (error) {
        if (!(error instanceof KeyringError)) throw error;
        add('INTAKE_KEYRING', error.message);
      }
    }
  }
  if (role === 'public') {
    const publicPath = value('INTAKE_PUBLIC_KEYRING');
    if (publicPath) {
      try {
        if (loadKeyring(publicPath).hasPrivateKeys) add('INTAKE_PUBLIC_KEYRING', `${publicPath} holds private keys: give this host the public part (npm run keys -- public)`);
      } catch (error) {
        if (!(error instanceof KeyringError)) throw error;
        add('INTAKE_PUBLIC_KEYRING', error.message);
      }
    }
  }

  if (expectSplit) {
    if (role === 'all') add('ROLE', 'is all (the default): a split deployment runs ROLE=public on the internet-facing hosts and ROLE=staff inside');
    if (role === 'public') {
      for (const variable of ['INTAKE_KEYRING', 'AUDIT_MAC_KEY', 'STAFF_SECRET_KEY']) {
        if (value(variable)) add(variable, 'is set on a ROLE=public host: the internet-facing hosts hold none of the staff hosts\u2019 secrets');
      }
    }
  }

  // Backups run where the database is reachable with a login that may read everything: the staff side.
  if (databaseUrl && servesStaff) {
    let server: number | undefined;
    try {
      server = await probes.serverMajor(databaseUrl);
    } catch (error) {
      add('DATABASE_URL', `cannot be reached (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const dump = await probes.pgDumpMajor();
    if (dump === undefined) problems.push('pg_dump: not found (set PG_DUMP or PATH): npm run backup needs it');
    else if (server !== undefined && dump < server) problems.push(`pg_dump: version ${dump} is older than the server's ${server}: it cannot dump this database (install pg_dump ${server} or later)`);
  }

  const metricsHost = value('METRICS_HOST');
  if (value('METRICS_PORT') && metricsHost && ['0.0.0.0', '::', '[::]', '*'].includes(metricsHost)) {
    add('METRICS_HOST', `is ${metricsHost}: /metrics would listen on every interface; give the internal interface's address`);
  }

  const openFiles = probes.openFiles();
  if (openFiles !== undefined && openFiles < lowOpenFilesLimit) {
    problems.push(`open files: the soft limit is ${openFiles}, below ${lowOpenFilesLimit}; raise it (systemd LimitNOFILE=65536)`);
  }
  return problems;
}

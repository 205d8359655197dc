/**
 * `npm run db:roles -- --owner NAME --public NAME --staff NAME`: the
 * PostgreSQL roles and their grants (see server/db/roles.ts and README
 * "Running in production"). DATABASE_URL is a superuser's URL; RATE_LIMIT_*
 * are written to the submission settings as `npm run db:migrate` writes them.
 */
import { parseArgs } from 'node:util';
import { checkRoleNames, RoleNameError, setUpRoles } from '../server/db/roles.ts';
import { submissionSettingsFrom } from '../server/db/submission-settings.ts';
import { submissionLimitVariables } from '../server/env.ts';

const usage = 'Usage: DATABASE_URL=postgres://superuser@host/db npm run db:roles -- --owner NAME --public NAME --staff NAME';

try {
  const { values } = parseArgs({ options: { owner: { type: 'string' }, public: { type: 'string' }, staff: { type: 'string' } } });
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new RoleNameError('DATABASE_URL must be a PostgreSQL URL (a superuser\'s): the embedded database has one role');
  const names = checkRoleNames(values);
  const limits = submissionLimitVariables.safeParse(process.env);
  if (!limits.success) throw new RoleNameError(`Configuration is not valid:\n${limits.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const report = await setUpRoles(url, names, submissionSettingsFrom(limits.data));
  for (const kind of ['owner', 'public', 'staff'] as const) console.log(`${kind}: ${names[kind]} (${report.roles[kind]})`);
  console.log(`objects handed to ${names.owner}: ${report.ownershipTransferred}; migration level ${report.migrations}; grants applied`);
  console.log('Set each login\'s password (ALTER ROLE ... PASSWORD) or certificate in PostgreSQL; this command sets none.');
} catch (error) {
  if (error instanceof RoleNameError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exitCode = 64;
  } else {
    console.error(`db:roles failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

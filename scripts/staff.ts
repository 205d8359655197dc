/**
 * `npm run staff -- add --email … --role …`: staff accounts from the
 * server's shell (the first admin is added this way). See server/staff/cli.ts.
 */
import { runStaffCli } from '../server/staff/cli.ts';

process.exitCode = await runStaffCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});

/**
 * `npm run security:matrix`: the access-control matrix as Markdown, every
 * route of the app × {anonymous, intake, team (youth-work), team
 * (social-work), admin} × ROLE=all/public/staff, each cell the status the
 * app answered (✗ where it is not what the route declares), then the count
 * of routes × roles checked. Runs the real app on an in-memory PGlite, as
 * the tests do. Exit code 1 when any cell is not as declared.
 */
import { matrixMarkdown, runAccessMatrix } from '../tests/support/access-matrix.ts';

const result = await runAccessMatrix('pglite');
console.log('## Access-control matrix\n');
console.log('Each cell is the status the route answered that caller. Expected: 401 without a session and 403 for a role the route does not list;');
console.log("for a listed role anything but 401/403 (a team member also gets 403 on another team's case); 404 for routes a ROLE does not serve.\n");
console.log(matrixMarkdown(result));
process.exit(result.cells.every((c) => c.ok) ? 0 : 1);

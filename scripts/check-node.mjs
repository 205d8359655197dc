import { pathToFileURL } from 'node:url';

// Plain JavaScript on purpose: this runs before anything else (npm start, npm test and every other
// script), on whatever Node the machine has, to say in one line what is needed. The project's .ts files
// run on Node's own type stripping, on by default only from Node 22.18; an older Node fails on them
// with ERR_UNKNOWN_FILE_EXTENSION, which does not say what to do.

/** The oldest Node.js the project runs on: [major, minor]. Keep in step with package.json "engines" and .nvmrc. */
export const minimumNode = [22, 18];

/**
 * The one line to print when `version` (as in process.versions.node) is too old, or undefined when it will do.
 * @param {string} version
 * @returns {string | undefined}
 */
export function nodeVersionProblem(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = minimumNode;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `Anchor needs Node.js ${needMajor}.${needMinor} or newer (this is ${version}): run "nvm install" (it reads .nvmrc), or get Node.js 24 LTS from https://nodejs.org/.`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

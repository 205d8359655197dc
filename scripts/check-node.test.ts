import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minimumNode, nodeVersionProblem } from './check-node.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

// An older Node on this machine, if there is one (Debian's is 20): the check must stop it with one line.
const olderNode = ['/usr/bin/node', '/bin/node'].find((path) => {
  if (!existsSync(path)) return false;
  const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  return version !== '' && nodeVersionProblem(version) !== undefined;
});

describe('the Node.js version check', () => {
  it('needs 22.18 or newer, the first version with type stripping on by default', () => {
    expect(minimumNode).toEqual([22, 18]);
    for (const version of ['20.20.2', '22.12.0', '22.17.1', '18.19.0', '21.9.0']) {
      const problem = nodeVersionProblem(version);
      expect(problem, version).toContain('22.18');
      expect(problem).toContain(version);
      expect(problem).toContain('nvm install');
      expect(problem!.split('\n')).toHaveLength(1);
    }
    for (const version of ['22.18.0', '22.20.1', '23.0.0', '24.21.0', '26.1.0']) expect(nodeVersionProblem(version), version).toBeUndefined();
  });

  it('is what engines, .nvmrc and .ci/run ask for, and runs before every npm script that runs .ts on Node itself', () => {
    expect(pkg.engines.node).toBe('>=22.18');
    expect(Number(readFileSync('.nvmrc', 'utf8').trim())).toBeGreaterThanOrEqual(22);
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/a===22&&b>=18/);
    for (const [name, command] of Object.entries(pkg.scripts)) {
      // tsx strips types itself, so a script run through it works on an older Node too: the i18n check
      // runs in the before-stop hook on whatever Node the machine has.
      if (command.startsWith('tsx ')) continue;
      expect(command, name).toMatch(/^node scripts\/check-node\.mjs && /);
    }
  });

  it('passes on this Node without a word', () => {
    const run = spawnSync(process.execPath, ['scripts/check-node.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });

  it('stops a Node whose version is stubbed older, with the one line', () => {
    // The version is replaced before the script runs, as an older Node would report it.
    const stub = `data:text/javascript,Object.defineProperty(process,'versions',{value:{...process.versions,node:'22.17.0'}})`;
    const run = spawnSync(process.execPath, ['--import', stub, 'scripts/check-node.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(nodeVersionProblem('22.17.0'));
    expect(run.stdout).toBe('');
  });

  it.skipIf(!olderNode)('stops the machine\'s older Node before it meets a .ts file', () => {
    const run = spawnSync(olderNode!, ['scripts/check-node.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Anchor needs Node\.js 22\.18 or newer \(this is 2\d\.\d+\.\d+\)/);
    expect(run.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION');
    // Without the check, the same Node fails on the project's TypeScript in a way that names no remedy.
    const bare = spawnSync(olderNode!, ['scripts/build.ts'], { encoding: 'utf8' });
    expect(bare.status).not.toBe(0);
  });
});

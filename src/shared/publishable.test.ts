import { describe, expect, it } from 'vitest';
import { deployment, deploymentSchema, type Deployment } from './deployment.ts';
import { isExampleValue, publishProblems } from './publishable.ts';

/** A configuration with every controller and supervisor field replaced by a real-looking value. */
function real(): Deployment {
  const d = structuredClone(deployment) as Deployment;
  d.example = false;
  d.controllers = d.controllers.map((c, i) => ({
    ...c,
    contact: { email: `registry${i}@authority${i}.fi`, postalAddress: `PL ${i + 1}, 00099 Helsinki`, url: `https://www.authority${i}.fi/` },
    dataProtectionOfficer: { email: `dpo${i}@authority${i}.fi`, url: null },
  }));
  return deploymentSchema.parse(d);
}

/** The paths of every controller field that holds a contact value. */
function contactPaths(d: Deployment): string[] {
  return d.controllers.flatMap((c, i) => [
    `controllers[${i}].contact.email`,
    `controllers[${i}].contact.postalAddress`,
    `controllers[${i}].contact.url`,
    `controllers[${i}].dataProtectionOfficer.email`,
    `controllers[${i}].dataProtectionOfficer.url`,
  ]);
}

function set(d: Deployment, path: string, value: string): Deployment {
  const copy = structuredClone(d) as unknown as Record<string, unknown>;
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
  return copy as unknown as Deployment;
}

describe('what may be published', () => {
  it('knows the reserved example values and lets real ones through', () => {
    for (const v of ['kirjaamo@example.invalid', 'x@example.com', 'https://www.example.invalid/a', 'https://foo.test/', 'PL 0000, 00099 Helsinki', '+358 9 000 0000']) expect(isExampleValue(v), v).toBe(true);
    for (const v of ['kirjaamo@hel.fi', 'https://tietosuoja.fi/', 'PL 1, 00099 Helsingin kaupunki', 'City of Helsinki', '+358 9 310 1234']) expect(isExampleValue(v), v).toBe(false);
  });

  it('refuses the shipped configuration: it is all examples', () => {
    expect(publishProblems(deployment)[0]).toMatch(/"example" is true/);
  });

  it('accepts a configuration with real values', () => {
    expect(publishProblems(real())).toEqual([]);
  });

  it('refuses while any controller contact field is still an example, naming it, even with "example" false', () => {
    const d = real();
    const paths = contactPaths(d);
    expect(paths.length).toBe(d.controllers.length * 5);
    for (const path of paths) {
      const sample = path.endsWith('email') ? 'someone@example.invalid' : path.endsWith('url') ? 'https://www.example.invalid/' : 'PL 0000, 00000 Helsinki';
      expect(publishProblems(set(d, path, sample)), path).toEqual([`${path} is still a sample value (${sample})`]);
    }
  });

  it('refuses a sample supervisor address', () => {
    expect(publishProblems(set(real(), 'dataProtectionSupervisor.url', 'https://ombudsman.example/'))).toEqual([
      'dataProtectionSupervisor.url is still a sample value (https://ombudsman.example/)',
    ]);
  });
});

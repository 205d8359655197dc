import type { Deployment } from './deployment.ts';

/** Domains reserved for examples and documentation (RFC 2606, RFC 6761). */
const reservedHost = /(?:^|\.)(?:example\.(?:com|net|org)|[^.]+\.(?:invalid|example|test|localhost)|invalid|example|test|localhost)$/i;
/** The shipped samples' phone numbers (zeros after the area code) and post boxes and postal codes of zeros. */
const zeros = /(?:^|\s)000 000\d?$|(?:^|\s)000 0000$|\b(?:PL|PB|PO Box) 0{3,}\b|\b0{5}\b/;

/** The host a value names: the domain of an email address or the host of a URL. */
function hostOf(value: string): string | undefined {
  const email = /^[^\s@]+@([^\s@]+)$/.exec(value);
  if (email) return email[1];
  if (/^https?:\/\//.test(value)) {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function leaves(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [];
}

/** True when a single value is one of the reserved sample values. */
export function isExampleValue(value: string): boolean {
  const host = hostOf(value);
  return (host !== undefined && reservedHost.test(host)) || zeros.test(value);
}

/**
 * Why this configuration may not be published, one line each; empty when it
 * may. A production build refuses while `example` is true, and also while any
 * field of the controllers, their arrangement or the supervisory authorities
 * still holds a sample address, number or post box: the privacy notice would
 * send readers' requests nowhere.
 */
export function publishProblems(d: Deployment): string[] {
  const problems: string[] = [];
  if (d.example) problems.push('"example" is true: every value is still a sample. Replace them, then set it to false.');
  const checked = {
    controllers: d.controllers,
    controllerArrangement: d.controllerArrangement,
    dataProtectionSupervisor: d.dataProtectionSupervisor,
    accessibilitySupervisor: d.accessibilitySupervisor,
  };
  for (const [path, value] of leaves(checked, '')) {
    if (isExampleValue(value)) problems.push(`${path} is still a sample value (${value})`);
  }
  return problems;
}

/**
 * The privacy notice's half of the content rule of `npm run i18n:check`: no
 * page types in an address, a web address or a name that the deployer's
 * configuration holds for the controllers, their data protection officers or
 * the supervisory authorities, nor the feedback address. Pages reach them
 * through the placeholders of src/components/notice-placeholders.tsx, so a
 * changed configuration changes every language, and a sample is always
 * marked as one.
 */
import type { Deployment } from '../../src/shared/deployment.ts';

/** The configured values a page may not hold, each with the placeholder to use instead. */
function configuredValues(d: Deployment): [string, string][] {
  const values: [string, string][] = [[d.accessibilityFeedbackEmail, '{{feedback}}']];
  for (const c of d.controllers) {
    values.push([c.contact.email, '{{section:controllers}}'], [c.dataProtectionOfficer.email, '{{section:controllers}}'], [c.contact.postalAddress, '{{section:controllers}}']);
    if (c.contact.url) values.push([c.contact.url, '{{section:controllers}}']);
    if (c.dataProtectionOfficer.url) values.push([c.dataProtectionOfficer.url, '{{section:controllers}}']);
  }
  for (const [supervisor, placeholder] of [
    [d.dataProtectionSupervisor, '{{ombudsman}}'],
    [d.accessibilitySupervisor, '{{supervisor}}'],
  ] as const) {
    values.push([supervisor.url, placeholder], ...Object.values(supervisor.name).map((n): [string, string] => [n, placeholder]));
  }
  return values;
}

/** What is wrong with one page's Markdown: each configured value it holds, once. */
export function noticeFactProblems(markdown: string, d: Deployment): string[] {
  const page = markdown.toLowerCase();
  const trimmed = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '').toLowerCase();
  return [
    ...new Set(
      configuredValues(d)
        .filter(([value]) => (/^https?:/.test(value) ? page.includes(trimmed(value)) : page.includes(value.toLowerCase())))
        .map(([value, placeholder]) => `holds the configured "${value}" (use ${placeholder})`),
    ),
  ];
}

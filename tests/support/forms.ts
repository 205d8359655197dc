import type { ConcernInput } from '../../src/shared/forms/concern.schema.ts';
import type { ContactInput } from '../../src/shared/forms/contact.schema.ts';

/** A valid contact form as a person fills it in; `marker` goes into every free-text field. */
export function contactFields(marker = 'Marker'): ContactInput {
  return {
    writer: 'parent',
    firstName: `${marker}Name`,
    ageBand: '12-14',
    categories: ['crime', 'substances'],
    description: `${marker} My son has been with older boys who steal.`,
    urgency: 'normal',
    contactMethod: 'phone',
    phone: '040 123 4567',
    email: `${marker.toLowerCase()}@example.com`,
    safeTimes: `${marker} after 17`,
    noVoicemail: true,
    noParentsFirst: false,
    contactLanguage: 'other',
    contactLanguageOther: `${marker}Lang`,
    interpreterNeeded: true,
  };
}

/** A valid concern from a school. */
export function concernFields(marker = 'Marker'): ConcernInput {
  return {
    organisation: `${marker} School`,
    role: `${marker} teacher`,
    name: `${marker} Teacher`,
    workPhone: '09 310 12345',
    workEmail: `${marker.toLowerCase()}.teacher@example.com`,
    childName: `${marker} Child`,
    childDateOfBirth: '2013-05-04',
    school: `${marker} Primary`,
    schoolClass: `${marker} 7B`,
    categories: ['recruitment', 'school-absence'],
    urgency: 'urgent',
    guardiansKnow: 'no',
    notificationMade: 'yes',
    description: `${marker} Older youths wait for the pupil after school.`,
  };
}

/** Submission metadata of a person who took a minute to fill in the form. */
export function humanMeta(locale = 'fi', now = Date.now()) {
  return { locale, website: '', startedAt: now - 60_000, sentAt: now };
}

/** Headers of a same-origin browser request. */
export const sameOriginJson = { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' } as const;

/** Node bindings carrying a socket address, as @hono/node-server passes them. */
export function fromAddress(address: string) {
  return { incoming: { socket: { remoteAddress: address, remotePort: 40_000, remoteFamily: address.includes(':') ? 'IPv6' : 'IPv4' } } };
}

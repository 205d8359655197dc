import type { LocaleCode } from '../../i18n/locales.ts';

/** What an Astro page passes to a form island; everything is already in the page's language. */
export interface FormIslandProps {
  /** This language's `form.*` UI strings only (picked at build time). */
  readonly strings: Readonly<Record<string, string>>;
  /** The site language code, sent with the submission. */
  readonly locale: LocaleCode;
  /** The BCP 47 tag for Intl formatting. */
  readonly lang: string;
  /** Anchor's phone hours in words, e.g. "ma–pe 8.00–16.00". */
  readonly officeHours: string;
  /** Anchor's phone number as written for people. */
  readonly phone: string;
  /** The privacy notice page. */
  readonly privacyHref: string;
  /** The page for professionals that explains the child welfare notification. */
  readonly notificationHref?: string;
}

/** A phone number as a tel: link target (spaces and brackets dropped). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

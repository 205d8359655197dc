/**
 * Phone numbers, references and dates as one component, so they read right in
 * both directions. Inside Arabic or Persian text the bidirectional algorithm
 * would lay "116 111" out as "111 116": the digit groups are separated by
 * neutral spaces and take the paragraph's direction. An isolate with its own
 * direction (`<bdi dir="ltr">`) keeps the groups in order; a date is isolated
 * in its own direction (`<bdi>`), as it carries words of the page's language.
 * Used by the Astro pages (rendered to static HTML, no script), by the form
 * islands, and by the Markdown plugin that replaces `{{tel:…}}` in pages.
 */
import { Fragment } from 'react';

/** A phone number as a `tel:` link target: digits and a leading + only. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

/** The groups of a phone number or reference as written: split at spaces and dashes. */
export function digitGroups(text: string): string[] {
  return text.split(/[\s-]+/).filter(Boolean);
}

/** The "example" tag after a fact that is still the deployer's sample; nothing when `text` is undefined. */
export function ExampleTag({ text }: { readonly text: string | undefined }) {
  return text ? <span className="example">{text}</span> : null;
}

/**
 * A phone number (a `tel:` link, its groups kept left to right), a reference
 * (left to right) or a date (isolated, in the page's own direction). `example`
 * is the page language's "example" word when the value is a sample.
 */
export function Figure({ kind, text, example }: { readonly kind: 'phone' | 'reference' | 'date'; readonly text: string; readonly example?: string | undefined }) {
  if (kind === 'date') {
    return (
      <>
        <bdi className="figure figure--date">{text}</bdi>
        <ExampleTag text={example} />
      </>
    );
  }
  const groups = digitGroups(text);
  const separator = kind === 'reference' ? '-' : ' ';
  const spans = groups.map((group, i) => (
    <Fragment key={i}>
      {i > 0 && separator}
      <span className="figure-group">{group}</span>
    </Fragment>
  ));
  return (
    <>
      <bdi dir="ltr" className={`figure figure--${kind}`}>
        {kind === 'phone' ? <a href={telHref(text)}>{spans}</a> : spans}
      </bdi>
      <ExampleTag text={example} />
    </>
  );
}

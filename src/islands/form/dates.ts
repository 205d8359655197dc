/**
 * A date of birth from the three boxes (day, month, year) as yyyy-mm-dd.
 * All empty means no answer. Day and month are padded ("7" is "07"); a year
 * that is not four digits, or letters anywhere, make a string the schema
 * rejects as not a real date, so the reader sees one clear message.
 */
export function composeDate(day: string, month: string, year: string): string | undefined {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return undefined;
  const pad = (part: string) => (/^\d$/.test(part) ? `0${part}` : part);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A yyyy-mm-dd date in words of the page's language ("27. maaliskuuta 2012"). */
export function formatDate(iso: string, lang: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  // UTC on both sides: a calendar date, not an instant, so no time zone may shift it.
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

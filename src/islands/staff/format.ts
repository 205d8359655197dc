/**
 * Dates and references for the staff app. Every time is shown in Helsinki
 * time, whatever the computer's own time zone, in the UI language's
 * conventions (Intl with the locale registry's `intl` tag: fi-FI, sv-FI, en-GB).
 */

const zone = 'Europe/Helsinki';

/** An instant as date and time ("26.11.2026 klo 8.05"); the text itself when it is not a date. */
export function formatDateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(date);
}

/** An instant's calendar date in Helsinki ("26.11.2026"). */
export function formatDay(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: zone }).format(date);
}

/** An instant's clock time in Helsinki ("8.05"). */
export function formatTime(ms: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: zone }).format(new Date(ms));
}

/** The wall-clock parts of an instant in Helsinki. */
function helsinkiParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as the value of a `datetime-local` input in Helsinki time ("2026-11-26T08:05"). */
export function helsinkiInputValue(ms: number): string {
  const p = helsinkiParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** This month in Helsinki as `YYYY-MM`. */
export function helsinkiMonth(ms: number): string {
  const p = helsinkiParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}`;
}

/**
 * A `datetime-local` value read as Helsinki wall-clock time, as an ISO
 * instant; undefined when it is not a real time. Helsinki is UTC+2 in winter
 * and UTC+3 in summer: the offset is found by asking Intl what a first
 * guess looks like in Helsinki, and correcting once more across a change.
 */
export function helsinkiInstant(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day) return undefined;
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = helsinkiParts(guess);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

/** A canonical reference as people write it: "KT7M-3XQP". */
export function formatReference(reference: string): string {
  return /^[A-Z0-9]{8}$/.test(reference) ? `${reference.slice(0, 4)}-${reference.slice(4)}` : reference;
}

/**
 * The periods statistics are given for: a whole calendar month, quarter or
 * year, `from` and `to` as `YYYY-MM`. Any other range could be subtracted
 * from a neighbouring one (January to May less February to May is January)
 * and undo the hiding of small counts.
 */
export type StatsPeriodKind = 'month' | 'quarter' | 'year';

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** What kind of period `from`..`to` is, or undefined when it is none of them. */
export function statsPeriodKind(from: string, to: string): StatsPeriodKind | undefined {
  const a = monthPattern.exec(from);
  const b = monthPattern.exec(to);
  if (!a || !b || a[1] !== b[1]) return undefined;
  const first = Number(a[2]);
  const last = Number(b[2]);
  if (first === last) return 'month';
  if (first % 3 === 1 && last === first + 2) return 'quarter';
  if (first === 1 && last === 12) return 'year';
  return undefined;
}

/** The calendar year of a `YYYY-MM` month, as a period. */
export function yearOf(month: string): { from: string; to: string } {
  const year = month.slice(0, 4);
  return { from: `${year}-01`, to: `${year}-12` };
}

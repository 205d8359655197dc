/** Office hours as the deployer configures them: ISO weekdays (1 = Monday) and local times. */
export interface OfficeHours {
  readonly weekdays: readonly number[];
  readonly opens: string;
  readonly closes: string;
}

// 2024-01-01 was a Monday: a fixed week gives Intl a real date for each ISO weekday.
const mondayUtc = Date.UTC(2024, 0, 1, 12);

/** Office hours in words of the reader's language, e.g. "ma–pe 8.00–16.00", formatted by Intl. */
export function formatOfficeHours(hours: OfficeHours, lang: string): string {
  const dayName = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const at = (hm: string) => {
    const [h = 0, m = 0] = hm.split(':').map(Number);
    return time.format(new Date(Date.UTC(2024, 0, 1, h, m)));
  };
  const days = [...hours.weekdays].sort((a, b) => a - b);
  const name = (iso: number) => dayName.format(new Date(mondayUtc + (iso - 1) * 86_400_000));
  const first = days[0];
  const last = days[days.length - 1];
  const contiguous = first !== undefined && last !== undefined && last - first === days.length - 1;
  const dayText = contiguous && days.length > 2 ? `${name(first)}–${name(last)}` : days.map(name).join(', ');
  return `${dayText} ${at(hours.opens)}–${at(hours.closes)}`;
}

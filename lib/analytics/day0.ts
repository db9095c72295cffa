import { DATE_RE, lowerBound } from './returns';
import type { Day0Mapping } from './types';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

let nyFormat: Intl.DateTimeFormat | null = null;

/** Offset of America/New_York from UTC at an instant, in ms (e.g. -5h in winter, -4h in summer). */
function newYorkOffsetMs(instant: number): number {
  nyFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const f: Record<string, number> = {};
  for (const p of nyFormat.formatToParts(new Date(instant))) if (p.type !== 'literal') f[p.type] = Number(p.value);
  const local = Date.UTC(f.year ?? 0, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
  return local - Math.floor(instant / 1000) * 1000;
}

const closeCache = new Map<string, number>();

/** UTC instant (ms) of 16:00 America/New_York on a YYYY-MM-DD date, DST-aware. */
export function usCloseUtcMs(date: string): number {
  const cached = closeCache.get(date);
  if (cached !== undefined) return cached;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const naive = Date.UTC(y, m - 1, d, 16, 0, 0);
  const off1 = newYorkOffsetMs(naive);
  let t = naive - off1;
  const off2 = newYorkOffsetMs(t);
  if (off2 !== off1) t = naive - off2;
  closeCache.set(date, t);
  return t;
}

/** True when `time_utc` ("HH:MM") on `date` is strictly after 16:00 America/New_York that day. */
export function isAfterUsClose(date: string, time_utc: string): boolean {
  const m = TIME_RE.exec(time_utc);
  if (!m || !DATE_RE.test(date)) throw new RangeError(`invalid date/time: ${date} ${time_utc}`);
  const instant = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    Number(m[1]),
    Number(m[2]),
  );
  return instant > usCloseUtcMs(date);
}

function failDay0(reason: string): Day0Mapping {
  return { date: null, index: null, reason };
}

/**
 * Day 0 of an event on a sorted trading calendar (only the first `end` entries are usable):
 * the first trading day on or after the event date; when the event date is a trading day and
 * `time_utc` is strictly after the US close (16:00 New York), the next trading day.
 * Returns `{ date, index, reason }`, or `{ date: null, index: null, reason }` when it cannot be
 * mapped (invalid input, before the first or beyond the last usable trading day).
 */
export function mapDay0(
  calendar: readonly string[],
  date: string,
  time_utc?: string | null,
  end: number = calendar.length,
): Day0Mapping {
  if (!DATE_RE.test(date)) return failDay0(`invalid event date "${date}" (expected YYYY-MM-DD)`);
  const time = time_utc ?? null;
  if (time !== null && time !== '' && !TIME_RE.test(time)) return failDay0(`invalid time_utc "${time}" (expected HH:MM)`);
  const last = Math.min(end, calendar.length);
  if (last <= 0) return failDay0('no trading days in the calendar');
  const first = calendar[0] as string;
  const lastDate = calendar[last - 1] as string;
  if (date < first) return failDay0(`event date ${date} is before the first trading day in the data (${first})`);
  const i = lowerBound(calendar, date, last);
  if (i >= last) return failDay0(`event date ${date} is after the last trading day available (${lastDate})`);
  if (calendar[i] !== date) return { date: calendar[i] as string, index: i, reason: 'weekend/holiday' };
  if (time !== null && time !== '' && isAfterUsClose(date, time)) {
    if (i + 1 >= last)
      return failDay0(`event at ${date} ${time} UTC is after the US close and no later trading day is available (last ${lastDate})`);
    return { date: calendar[i + 1] as string, index: i + 1, reason: 'after close' };
  }
  return { date, index: i, reason: 'same day' };
}

// Calendar dates as ISO strings (YYYY-MM-DD). Plain strings with UTC arithmetic keep results identical
// on a phone in China and on a server in any time zone; a Date with local getters would not.
export type IsoDate = string;
/** YYYY-MM */
export type IsoMonth = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China has a single time zone and no daylight saving time. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** True when `date` (YYYY-MM-DD) is a date that exists on the calendar. */
export function isRealDate(date: string): boolean {
  const match = ISO_DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtcMs(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** The same day `months` later; a day that month lacks becomes its last day (01-31 + 1 month = 02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${newYear}-${pad2(newMonth)}-${pad2(newDay)}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

/** Today's date in China for the given instant: "today" must not depend on where the server runs. */
export function todayInChina(now: Date = new Date()): IsoDate {
  return fromUtcMs(now.getTime() + CHINA_OFFSET_MS);
}

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

/** Months from `from` to `to` (YYYY-MM), negative when `to` is earlier. */
export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return ty * 12 + tm - (fy * 12 + fm);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * Reads a date as people type it on the form: 2024.3.5, 2024.03.05, 2024-03-05, 2024/3/5 or
 * 2024年3月5日. Returns the ISO date, or null when it is not a real date.
 */
export function parseFormDate(text: unknown): IsoDate | null {
  if (typeof text !== 'string') return null;
  const match = /^\s*(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${pad2(Number(match[2]))}-${pad2(Number(match[3]))}`;
  return isRealDate(iso) ? iso : null;
}

/** Reads a month such as 2020.1, 2020.01, 2020-01 or 2020年1月. Returns YYYY-MM or null. */
export function parseFormMonth(text: unknown): IsoMonth | null {
  if (typeof text !== 'string') return null;
  const match = /^\s*(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?\s*$/.exec(text);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return `${match[1]}-${pad2(month)}`;
}

/** YYYY.MM.DD, the form's own notation. */
export function formatFormDate(date: IsoDate): string {
  return date.replace(/-/g, '.');
}

/** YYYY.MM, the form's notation for 本次参保时间. */
export function formatFormMonth(month: IsoMonth): string {
  return month.replace('-', '.');
}

export interface ContractPeriod {
  start: IsoDate;
  /** Absent or null for an open-ended contract (无固定期限). */
  end?: IsoDate | null;
}

/** The words people write for an open-ended contract in place of an end date. */
const OPEN_ENDED_WORDS = /^(无固定期限|无固定|长期|至今|无)$/;

/**
 * Reads column 11, "YYYY.MM.DD—YYYY.MM.DD". Any dash (—, –, -, ~, 至) separates the dates; an end of
 * 无固定期限/长期 or nothing at all means an open-ended contract. Returns null when unreadable; the
 * order of the dates is checked by the validator so that it can say so.
 */
export function parseContractPeriod(text: unknown): ContractPeriod | null {
  if (typeof text !== 'string') return null;
  const parts = text
    .trim()
    .split(/\s*(?:—+|–|~|～|至|到|\s-\s|(?<=\d)-(?=\d{4}[.年/-]))\s*/)
    .filter((part, index) => index === 0 || part !== '');
  if (parts.length === 0 || parts.length > 2) return null;
  const start = parseFormDate(parts[0]);
  if (!start) return null;
  if (parts.length === 1 || OPEN_ENDED_WORDS.test(parts[1])) return { start, end: null };
  const end = parseFormDate(parts[1]);
  return end ? { start, end } : null;
}

export function formatContractPeriod(period: ContractPeriod): string {
  return `${formatFormDate(period.start)}—${period.end ? formatFormDate(period.end) : '无固定期限'}`;
}

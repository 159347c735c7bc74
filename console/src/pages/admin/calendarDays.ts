// A year's single days (as the bff stores them) grouped back into the notice's ranges for display and editing.
import { addDays } from '@hiring/shared';

export interface DayRange {
  name: string;
  from: string;
  to: string;
}

export function toRanges(days: readonly { date: string; name: string }[]): DayRange[] {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : 1));
  const ranges: DayRange[] = [];
  for (const day of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.name === day.name && addDays(last.to, 1) === day.date) last.to = day.date;
    else ranges.push({ name: day.name, from: day.date, to: day.date });
  }
  return ranges;
}

export const rangeLabel = (r: DayRange) => (r.from === r.to ? r.from : `${r.from} 至 ${r.to}`);

export const dayCount = (r: DayRange) => {
  let n = 1;
  for (let d = r.from; d < r.to; d = addDays(d, 1)) n++;
  return n;
};

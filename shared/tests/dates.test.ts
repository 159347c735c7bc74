import {
  addMonths,
  formatContractPeriod,
  parseContractPeriod,
  parseFormDate,
  parseFormMonth,
  todayInChina,
} from '../src/dates';

describe('reading dates as people type them on the form', () => {
  it.each([
    ['2024.03.05', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024-03-05', '2024-03-05'],
    ['2024/3/5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
  ])('%s is %s', (text, iso) => expect(parseFormDate(text)).toBe(iso));

  it.each(['2023.02.29', '2024.13.01', '2024.00.10', '24.3.5', '', 'abc'])('rejects %p', (text) =>
    expect(parseFormDate(text)).toBeNull(),
  );

  it('reads 本次参保时间 as written in the form example (2020.1)', () => {
    expect(parseFormMonth('2020.1')).toBe('2020-01');
    expect(parseFormMonth('2020年12月')).toBe('2020-12');
    expect(parseFormMonth('2020.13')).toBeNull();
  });
});

describe('contract periods (column 11)', () => {
  it('reads the form notation with an em dash', () => {
    expect(parseContractPeriod('2020.10.01—2023.09.30')).toEqual({ start: '2020-10-01', end: '2023-09-30' });
  });

  it('reads a plain hyphen between the dates, even with hyphenated dates', () => {
    expect(parseContractPeriod('2020.10.01-2023.09.30')).toEqual({ start: '2020-10-01', end: '2023-09-30' });
    expect(parseContractPeriod('2020-10-01-2023-09-30')).toEqual({ start: '2020-10-01', end: '2023-09-30' });
  });

  it('treats 无固定期限 or a missing end as an open-ended contract', () => {
    expect(parseContractPeriod('2020.10.01—无固定期限')).toEqual({ start: '2020-10-01', end: null });
    expect(parseContractPeriod('2020.10.01—')).toEqual({ start: '2020-10-01', end: null });
  });

  it('refuses an unreadable end date rather than dropping it', () => {
    expect(parseContractPeriod('2020.10.01—2023.02.30')).toBeNull();
  });

  it('writes periods back in the form notation', () => {
    expect(formatContractPeriod({ start: '2020-10-01', end: null })).toBe('2020.10.01—无固定期限');
  });
});

describe('calendar arithmetic', () => {
  it('adds a month to the 31st landing on the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });

  it('gives the China date even when the server clock is still on the previous UTC day', () => {
    expect(todayInChina(new Date('2025-06-09T16:30:00Z'))).toBe('2025-06-10');
    expect(todayInChina(new Date('2025-06-09T15:59:59Z'))).toBe('2025-06-09');
  });
});

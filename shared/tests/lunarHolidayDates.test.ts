// The provisional calendar's lunar dates are a table generated from lunar-javascript (so the library stays
// out of the client bundle); this recomputes every row with the library, independently of the generator.
import { Lunar, Solar } from 'lunar-javascript';
import { LUNAR_HOLIDAY_DATES, LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from '../src/lunarHolidayDates';

const iso = (s: { toYmd(): string }) => s.toYmd();

it('matches lunar-javascript for 除夕, 清明, 端午 and 中秋 of every year 2004-2100', () => {
  expect(LUNAR_TABLE_LAST_YEAR - LUNAR_TABLE_FIRST_YEAR + 1).toBe(LUNAR_HOLIDAY_DATES.length);
  for (let year = LUNAR_TABLE_FIRST_YEAR; year <= LUNAR_TABLE_LAST_YEAR; year++) {
    const [eve, qingming, dragonBoat, midAutumn] = LUNAR_HOLIDAY_DATES[year - LUNAR_TABLE_FIRST_YEAR]
      .split(' ')
      .map((mmdd) => `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`);
    // 除夕 is the last day of the lunar year: the day after it is 正月初一.
    const [y, m, d] = eve.split('-').map(Number);
    const next = Solar.fromYmd(y, m, d).next(1).getLunar();
    expect([next.getYear(), next.getMonth(), next.getDay()]).toEqual([year, 1, 1]);
    expect(iso(Lunar.fromYmd(year, 5, 5).getSolar())).toBe(dragonBoat);
    expect(iso(Lunar.fromYmd(year, 8, 15).getSolar())).toBe(midAutumn);
    const term = Solar.fromYmd(year, 4, Number(qingming.slice(8)))
      .getLunar()
      .getJieQi();
    expect([year, term]).toEqual([year, '清明']);
  }
});

it('knows the published dates of a few years', () => {
  const row = (year: number) => LUNAR_HOLIDAY_DATES[year - LUNAR_TABLE_FIRST_YEAR];
  expect(row(2025)).toBe('0128 0404 0531 1006'); // 国办发明电〔2024〕12号: 除夕 1-28, 清明 4-4, 端午 5-31, 中秋 10-6
  expect(row(2026)).toBe('0216 0405 0619 0925');
});

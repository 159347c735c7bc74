// The one correction ever made to a read address: its county part, checked against the county the ID
// number's division code names. A read one character away from that single name (a look-alike
// misread such as 代阳县 for 弋阳县) is set right; anything else is left exactly as read.
import { divisionOf, isCountyName } from './divisions';

export interface AddressCheck {
  address: string;
  /** The county name was one character off and has been corrected. */
  corrected: boolean;
}

const hamming = (a: string, b: string) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
};

/**
 * `idNumber` must already have passed its check character: its first six digits are then the holder's
 * registration county. The county is looked for right after the province and prefecture as printed
 * (or as near as they were read); a person who moved has another county there, and since that is a
 * real county name of its own it is never "corrected" towards the number's.
 */
export function checkAddressCounty(address: string, idNumber: string): AddressCheck {
  const division = divisionOf(idNumber.slice(0, 6));
  const unchanged = { address, corrected: false };
  if (!division) return unchanged;
  const county = [...division.county];
  const chars = [...address];
  if (address.includes(division.county)) return unchanged;

  // Where the county should start: after the province and prefecture names when read exactly,
  // otherwise anywhere among the first characters they would take.
  let start = 0;
  for (const part of [division.province, division.city]) {
    if (part && chars.slice(start).join('').startsWith(part)) start += [...part].length;
  }
  const candidates: number[] = [];
  const last = Math.min(chars.length - county.length, start === 0 ? 8 : start);
  for (let at = start === 0 ? 0 : start; at <= last; at++) {
    const window = chars.slice(at, at + county.length).join('');
    if (hamming(window, division.county) === 1 && !isCountyName(window)) candidates.push(at);
  }
  if (candidates.length !== 1) return unchanged;
  const at = candidates[0];
  return {
    address: [...chars.slice(0, at), ...county, ...chars.slice(at + county.length)].join(''),
    corrected: true,
  };
}

/**
 * How many leading characters of `address` spell the province, prefecture and county that the (valid)
 * ID number names, exactly: those characters are confirmed by the table whatever the recogniser's
 * confidence in them (rare place names such as 申扎县 read right with low probability).
 */
export function confirmedPrefixLength(address: string, idNumber: string): number {
  const division = divisionOf(idNumber.slice(0, 6));
  if (!division) return 0;
  let length = 0;
  for (const part of [division.province, division.city, division.county]) {
    if (!part) continue;
    if (!address.startsWith(part, length)) break;
    length += part.length;
  }
  return length;
}

// What the unit step fills in by itself from what was typed or looked up.
import { SHANGRAO_COUNTIES } from '@hiring/shared';

const COUNTIES = Object.entries(SHANGRAO_COUNTIES);

/** 县（市、区） named in an address ("…上饶市广丰区…" → 361103), or undefined when none or several are. */
export function countyFromAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const named = COUNTIES.filter(([, name]) => address.includes(name));
  if (named.length === 1) return named[0][0];
  if (named.length > 1) return undefined;
  // "广丰永丰街道…" without 区/县/市.
  const short = COUNTIES.filter(([, name]) => address.includes(name.slice(0, -1)));
  return short.length === 1 ? short[0][0] : undefined;
}

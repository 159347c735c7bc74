// The bff sends instants as UTC ISO strings; employers read them in China time (UTC+8, no daylight saving).
// Plain arithmetic rather than Intl time zones, which some mini-program JS engines lack.
const ZONED = /(Z|[+-]\d\d:?\d\d)$/;

function inChina(iso: string): string {
  // A string without a zone is already local (China) time.
  if (!ZONED.test(iso)) return iso.replace(' ', 'T');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + 8 * 3600 * 1000).toISOString();
}

/** `YYYY-MM-DD HH:mm` in China time. */
export function chinaDateTime(iso: string): string {
  return iso ? inChina(iso).replace('T', ' ').slice(0, 16) : '';
}

/** `YYYY-MM-DD` in China time. */
export function chinaDate(iso: string): string {
  return iso ? inChina(iso).slice(0, 10) : '';
}

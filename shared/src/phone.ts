// Mainland mobile numbers (column 7 and the operator's phone).

/** Strips spaces, dashes and a +86 / 0086 prefix, as people paste numbers in many shapes. */
export function normalizeMobile(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

export function isMainlandMobile(raw: unknown): boolean {
  return typeof raw === 'string' && /^1[3-9]\d{9}$/.test(normalizeMobile(raw));
}

/** 138****5678: phone numbers are personal data and are shown masked outside the form itself. */
export function maskMobile(phone: string): string {
  const normalized = normalizeMobile(phone);
  return normalized.length === 11 ? `${normalized.slice(0, 3)}****${normalized.slice(7)}` : '***';
}

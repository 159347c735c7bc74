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

/**
 * A fixed-line number with its area code (0793-8212345, 010-12345678), as 单位经办人 often give the office
 * phone. 010 and 02x have three-digit area codes, the others four.
 */
export function normalizeLandline(raw: string): string | null {
  const digits = raw.replace(/[\s()（）-]/g, '').replace(/^(\+86|0086)/, '0');
  const match = /^(010|02\d|0[3-9]\d{2})(\d{7,8})(?:转?\d{1,6})?$/.exec(digits);
  if (!match || digits.length > match[1].length + match[2].length) return null;
  return `${match[1]}-${match[2]}`;
}

/** 联系电话: a mainland mobile or a fixed line with its area code. */
export function normalizeContactPhone(raw: string): string {
  const mobile = normalizeMobile(raw);
  if (isMainlandMobile(mobile)) return mobile;
  return normalizeLandline(raw) ?? raw.trim();
}

export function isContactPhone(raw: unknown): boolean {
  return typeof raw === 'string' && (isMainlandMobile(raw) || normalizeLandline(raw) !== null);
}

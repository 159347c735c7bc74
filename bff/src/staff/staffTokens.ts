// Staff bearer tokens, a convenience for tests and development beside the OIDC login (refused in
// production): `STAFF_TOKENS` holds entries `id:token:role[:county]`, separated by commas or new lines, e.g.
//   admin-li:Xy7…(24+ chars):admin, clerk-xz:Ab3…:clerk:361102
// A county (6-digit division code) limits a clerk or supervisor to that county; admins have none.
import { createHash } from 'node:crypto';
import { STAFF_ROLES as ROLE_LIST, codesOf, type StaffRoleCode } from '@hiring/shared';

export const STAFF_ROLES = codesOf(ROLE_LIST) as readonly StaffRoleCode[];
export type StaffRole = StaffRoleCode;

export interface StaffMember {
  /** The identity provider's subject (a token entry's id). */
  id: string;
  /** 姓名 as the identity provider states it. */
  name: string;
  role: StaffRole;
  /** Six-digit division code of the county hall (clerks); none for city-wide roles. */
  county?: string;
}

export interface StaffTokenEntry extends Omit<StaffMember, 'name'> {
  token: string;
}

export const staffRoleName = (role: StaffRole) => ROLE_LIST.find((r) => r.code === role)!.label;

/**
 * Tokens for development and tests only, used when STAFF_TOKENS is unset outside production (where the
 * stand-ins run). Production refuses to start without its own list and refuses these tokens.
 */
export const DEV_STAFF_TOKENS: readonly StaffTokenEntry[] = [
  { id: 'dev-admin', token: 'dev-staff-admin-token-0000000001', role: 'admin' },
  { id: 'dev-supervisor', token: 'dev-staff-supervisor-token-00002', role: 'supervisor' },
  { id: 'dev-clerk-xz', token: 'dev-staff-clerk-xinzhou-token-03', role: 'clerk', county: '361102' },
];

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TOKEN = /^[A-Za-z0-9_-]{24,128}$/;
const COUNTY = /^\d{6}$/;

/** Parses the list; every problem is reported in Chinese, without echoing a token. */
export function parseStaffTokens(text: string): { entries: StaffTokenEntry[]; problems: string[] } {
  const entries: StaffTokenEntry[] = [];
  const problems: string[] = [];
  const items = text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
  if (!items.length) problems.push('STAFF_TOKENS 为空：至少需要一条“编号:令牌:角色[:区县代码]”');
  items.forEach((item, index) => {
    const where = `STAFF_TOKENS 第 ${index + 1} 条`;
    const parts = item.split(':');
    if (parts.length < 3 || parts.length > 4) {
      problems.push(`${where}格式应为“编号:令牌:角色[:区县代码]”`);
      return;
    }
    const [id, token, role, county] = parts;
    const before = problems.length;
    if (!ID.test(id)) problems.push(`${where}：编号只能由 1-64 位字母、数字、-、_ 组成`);
    if (!TOKEN.test(token)) problems.push(`${where}：令牌须为 24-128 位字母、数字、-、_`);
    if (!(STAFF_ROLES as readonly string[]).includes(role))
      problems.push(`${where}：角色须为 clerk（窗口人员）、supervisor（监督人员）或 admin（管理员）`);
    if (county !== undefined && !COUNTY.test(county)) problems.push(`${where}：区县代码须为 6 位数字`);
    if (county !== undefined && role === 'admin') problems.push(`${where}：管理员不限区县，不应填写区县代码`);
    if (problems.length > before) return;
    if (entries.some((e) => e.id === id)) problems.push(`${where}：编号 ${id} 重复`);
    else if (entries.some((e) => e.token === token)) problems.push(`${where}：令牌与前面的条目重复`);
    else entries.push({ id, token, role: role as StaffRole, ...(county ? { county } : {}) });
  });
  return { entries, problems };
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Looks a presented token up by its digest, so the comparison does not depend on where the strings differ. */
export class StaffDirectory {
  private readonly byDigest = new Map<string, StaffMember>();

  constructor(entries: readonly StaffTokenEntry[]) {
    for (const { token, ...member } of entries)
      this.byDigest.set(digest(token), { ...member, name: member.id });
  }

  resolve(token: string): StaffMember | null {
    return this.byDigest.get(digest(token)) ?? null;
  }
}

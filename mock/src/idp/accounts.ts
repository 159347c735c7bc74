// The staff accounts of the identity provider stand-in: one per role, and clerks of two county halls so
// the county boundary can be shown. A deployment's staff live in the province's 统一身份认证, not here.
import type { StaffRoleCode as StaffRole } from '@hiring/shared';

export interface StaffAccount {
  /** Login name, also the OIDC subject (`sub`). */
  username: string;
  password: string;
  name: string;
  /** Missing on purpose for `visitor`: an account the IdP knows but the bff must refuse. */
  role?: StaffRole;
  /** Six-digit division code of the county hall (clerks only). */
  county?: string;
  /** Shown on the login page of the stand-in. */
  title: string;
}

/** One password for every demo account: the stand-in is for development and tests only. */
export const STAFF_DEMO_PASSWORD = 'Shangrao@2026';

export const STAFF_ACCOUNTS: readonly StaffAccount[] = [
  {
    username: 'xz-clerk',
    password: STAFF_DEMO_PASSWORD,
    name: '周敏',
    role: 'clerk',
    county: '361102',
    title: '信州区人社专厅窗口',
  },
  {
    username: 'ys-clerk',
    password: STAFF_DEMO_PASSWORD,
    name: '吴磊',
    role: 'clerk',
    county: '361123',
    title: '玉山县人社专厅窗口',
  },
  {
    username: 'city-supervisor',
    password: STAFF_DEMO_PASSWORD,
    name: '胡静',
    role: 'supervisor',
    title: '市政务服务管理局（监督）',
  },
  { username: 'city-admin', password: STAFF_DEMO_PASSWORD, name: '陈立', role: 'admin', title: '系统管理员' },
  { username: 'visitor', password: STAFF_DEMO_PASSWORD, name: '访客', title: '无工作人员角色（应被拒绝）' },
];

export function staffAccount(username: string): StaffAccount | undefined {
  return STAFF_ACCOUNTS.find((account) => account.username === username);
}

/** The claims the IdP releases for an account: `role` and `county` under the `staff` scope. */
export function claimsOf(account: StaffAccount): { sub: string } & Record<string, string> {
  return {
    sub: account.username,
    name: account.name,
    ...(account.role ? { role: account.role } : {}),
    ...(account.county ? { county: account.county } : {}),
  };
}

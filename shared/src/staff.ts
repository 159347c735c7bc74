// The staff side (issue 17): roles, the county halls a clerk may belong to, and what the console shows
// when a login comes back without a session. The bff, the console and the stand-in IdP share these.
import type { CodeItem } from './codes';
import type { ErrorCode } from './errorCodes';

export const STAFF_ROLES = [
  { code: 'clerk', label: '窗口人员' },
  { code: 'supervisor', label: '监督人员' },
  { code: 'admin', label: '管理员' },
] as const satisfies readonly CodeItem[];

export type StaffRoleCode = (typeof STAFF_ROLES)[number]['code'];

/** A clerk's `county` claim is one of 上饶's county halls: SHANGRAO_COUNTIES (ruleConfig.ts). */

/** The console path the bff sends a browser to when a login fails: `/login?error=<code>`. */
export const STAFF_LOGIN_ERROR_PATH = '/login';

/** What the console says for each `error` the bff's login callback can send back. */
export const STAFF_LOGIN_ERRORS = {
  STAFF_LOGIN_FAILED: '统一身份认证未能完成登录，请重新登录',
  STAFF_LOGIN_EXPIRED: '登录已超时或已在其他页面完成，请重新登录',
  STAFF_ROLE_MISSING: '您的账号没有本系统的工作人员角色（或窗口人员未设置所属区县），请联系管理员',
  STAFF_IDP_UNAVAILABLE: '统一身份认证暂时无法访问，请稍后再试',
} as const satisfies Partial<Record<ErrorCode, string>>;

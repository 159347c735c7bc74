// Staff authentication for routes under /api/v1/staff: resolves the bearer token to a staff member and
// checks the role. Until the OIDC staff login (issue 17) the tokens come from configuration (STAFF_TOKENS);
// routes only see ctx.state.staff, so switching to OIDC changes this file and nothing behind it.
import type { IMiddleware } from 'koa-router';
import { forbidden, unauthorized } from '../http/errors';
import type { Config } from '../config';
import type { Guard } from '../http/route';
import { StaffDirectory, staffRoleName, type StaffMember, type StaffRole } from './staffTokens';

export type { StaffMember, StaffRole } from './staffTokens';

export interface StaffState {
  staff: StaffMember;
}

const directories = new WeakMap<Config, StaffDirectory>();

function directoryFor(config: Config): StaffDirectory {
  let directory = directories.get(config);
  if (!directory) {
    directory = new StaffDirectory(config.staffTokens);
    directories.set(config, directory);
  }
  return directory;
}

/** Lets only staff with one of `roles` through (any staff member when none is given). */
export function requireStaff(services: { config: Config }, ...roles: StaffRole[]): IMiddleware {
  const directory = directoryFor(services.config);
  return async function authenticateStaff(ctx, next): Promise<void> {
    const match = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(ctx.get('Authorization'));
    if (!match) throw unauthorized('请先以工作人员身份登录');
    const staff = directory.resolve(match[1]);
    if (!staff) throw unauthorized('工作人员凭证无效或已失效，请重新登录');
    if (roles.length && !roles.includes(staff.role)) {
      throw forbidden(`该操作仅限${roles.map(staffRoleName).join('或')}`);
    }
    ctx.state.staff = staff;
    await next();
  };
}

/** The guard of a staff route (see http/route.ts): staff bearer token, optionally limited to `roles`. */
export function staffLogin(services: { config: Config }, ...roles: StaffRole[]): Guard {
  return {
    scheme: 'staffBearer',
    middleware: requireStaff(services, ...roles),
    responses: { 401: 'Unauthorized', ...(roles.length ? { 403: 'Forbidden' } : {}) },
  };
}

// Staff authentication for routes under /api/v1/staff: the staff_session cookie (set by the OIDC login,
// see authRoutes.ts) resolves to a staff member, whose role is then checked. Routes only see
// ctx.state.staff. A bearer token from STAFF_TOKENS is accepted too, for tests and development only (the
// list is empty in production).
import type { Context as KoaContext } from 'koa';
import type { IMiddleware } from 'koa-router';
import { AppError, forbidden, unauthorized } from '../http/errors';
import type { Config } from '../config';
import type { Guard } from '../http/route';
import { StaffDirectory, staffRoleName, type StaffMember, type StaffRole } from './staffTokens';
import type { StaffSessionStore } from './staffSessions';

export type { StaffMember, StaffRole } from './staffTokens';

export const STAFF_SESSION_COOKIE = 'staff_session';

export interface StaffState {
  staff: StaffMember;
}

export interface StaffAuthServices {
  config: Config;
  staffSessions: StaffSessionStore;
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

type Context = Pick<KoaContext, 'protocol' | 'host' | 'cookies' | 'get' | 'method'>;

/** This request's own origin (Koa 3's ctx.origin is the Origin header). */
export const ownOrigin = (ctx: Pick<KoaContext, 'protocol' | 'host'>) => `${ctx.protocol}://${ctx.host}`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origins a staff page may send a state-changing request from. */
function trustedOrigins(ctx: Context, config: Config): Set<string> {
  const origins = new Set([ownOrigin(ctx), ...config.corsOrigins]);
  for (const url of [config.staff.consoleUrl, config.staff.oidc.redirectUri])
    if (url) origins.add(new URL(url).origin);
  return origins;
}

/**
 * CSRF: the session cookie travels with any request the browser makes, so a state-changing request must
 * also carry X-Requested-With (which a form or a cross-site page cannot set without CORS allowing it),
 * and an Origin, when sent, must be one of ours.
 */
export function checkStaffCsrf(ctx: Context, config: Config): void {
  if (SAFE_METHODS.has(ctx.method)) return;
  const origin = ctx.get('Origin');
  if (!ctx.get('X-Requested-With') || (origin && !trustedOrigins(ctx, config).has(origin))) {
    throw new AppError(403, 'CSRF_REJECTED', '请求来源无法确认，请在工作台页面内操作');
  }
}

/** The session token of the request's staff_session cookie, if it has a well-formed one. */
export function sessionToken(ctx: Context): string | null {
  const token = ctx.cookies.get(STAFF_SESSION_COOKIE);
  return token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? token : null;
}

/** Lets only staff with one of `roles` through (any staff member when none is given). */
export function requireStaff(services: StaffAuthServices, ...roles: StaffRole[]): IMiddleware {
  const { config, staffSessions } = services;
  const directory = directoryFor(config);
  return async function authenticateStaff(ctx, next): Promise<void> {
    let staff: StaffMember | null = null;
    const bearer = /^Bearer ([A-Za-z0-9_-]{1,128})$/.exec(ctx.get('Authorization'));
    const token = sessionToken(ctx);
    if (token) {
      const session = await staffSessions.resolve(token);
      if (session === 'expired')
        throw new AppError(401, 'STAFF_SESSION_EXPIRED', '登录已超时（长时间未操作），请重新登录');
      if (!session) throw unauthorized('工作人员登录已失效，请重新登录');
      checkStaffCsrf(ctx, config);
      staff = session.staff;
      ctx.state.staffSession = session;
    } else if (bearer && config.staffTokens.length) {
      staff = directory.resolve(bearer[1]);
      if (!staff) throw unauthorized('工作人员凭证无效或已失效，请重新登录');
    } else {
      throw unauthorized('请先以工作人员身份登录');
    }
    if (roles.length && !roles.includes(staff.role)) {
      throw forbidden(`该操作仅限${roles.map(staffRoleName).join('或')}`);
    }
    ctx.state.staff = staff;
    await next();
  };
}

/** The guard of a staff route (see http/route.ts): the staff session, optionally limited to `roles`. */
export function staffLogin(services: StaffAuthServices, ...roles: StaffRole[]): Guard {
  return {
    scheme: 'staffSession',
    middleware: requireStaff(services, ...roles),
    responses: { 401: 'Unauthorized', 403: 'Forbidden' },
  };
}

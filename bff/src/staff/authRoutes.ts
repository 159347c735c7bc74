// The staff login through the identity provider (OIDC authorization code + PKCE), the session cookie and
// logout. The browser navigates to /staff/auth/login, logs in at the provider, comes back to the callback,
// which sets the staff_session cookie and sends it on to the console page it started from.
import * as yup from 'yup';
import type { Context as KoaContext } from 'koa';
import { STAFF_LOGIN_ERROR_PATH, type ErrorCode } from '@hiring/shared';
import type { Services } from '../context';
import { AppError } from '../http/errors';
import { defineRoute, PUBLIC, type Route } from '../http/route';
import { checkStaffCsrf, ownOrigin, sessionToken, STAFF_SESSION_COOKIE } from './requireStaff';
import { staffActor } from './scope';

const CALLBACK_PATH = '/api/v1/staff/auth/callback';
const LOGIN_COOKIE = 'staff_login';
const LOGIN_COOKIE_PATH = '/api/v1/staff/auth';

const returnToSchema = yup
  .string()
  .max(512, '返回地址过长')
  // A path on the console's own origin only: never //host, /\host or a scheme (an open redirect).
  .matches(/^\/(?![/\\])[^\s\\]*$/, '返回地址只能是工作台内的页面路径')
  .default('/');

/** What these helpers use of a request's context (koa's or koa-router's). */
type Context = Pick<KoaContext, 'protocol' | 'host' | 'cookies' | 'redirect'>;

const paramValue = (max: number) => yup.string().max(max);

export function staffAuthRoutes(services: Services): Route[] {
  const { config, staffSessions, staffOidc, audit, logger } = services;
  const settings = config.staff;

  const redirectUriOf = (ctx: Context) => settings.oidc.redirectUri ?? `${ownOrigin(ctx)}${CALLBACK_PATH}`;
  const consoleBaseOf = (ctx: Context) => settings.consoleUrl ?? ownOrigin(ctx);
  const secure = (ctx: Context) => (settings.oidc.redirectUri ?? ownOrigin(ctx)).startsWith('https://');
  const cookieOptions = (ctx: Context, path = '/') => {
    // Behind a TLS-terminating proxy the request itself is plain http: the configured URL decides.
    ctx.cookies.secure = secure(ctx);
    return { httpOnly: true, sameSite: 'lax' as const, secure: secure(ctx), path, overwrite: true };
  };
  const failTo = (ctx: Context, code: ErrorCode) => {
    ctx.cookies.set(LOGIN_COOKIE, '', { ...cookieOptions(ctx, LOGIN_COOKIE_PATH), maxAge: 0 });
    ctx.redirect(`${consoleBaseOf(ctx)}${STAFF_LOGIN_ERROR_PATH}?error=${code}`);
  };

  return [
    defineRoute({
      method: 'get',
      path: '/staff/auth/login',
      operationId: 'startStaffLogin',
      summary: '工作人员登录：跳转到统一身份认证',
      description:
        '浏览器直接打开（不是 fetch）。returnTo 为登录后回到的工作台页面路径（仅限本工作台的路径，默认 /）。',
      tags: ['staff'],
      auth: PUBLIC,
      query: yup.object({ returnTo: returnToSchema }),
      responses: {
        302: { description: '跳转到统一身份认证的登录页', contentType: 'text/html' },
        400: 'BadRequest',
        503: 'Unavailable',
      },
      handler: async (ctx, { query }) => {
        const redirectUri = redirectUriOf(ctx);
        const login = await staffOidc.start(redirectUri);
        const returnTo = new URL(query.returnTo, `${consoleBaseOf(ctx)}/`).href;
        await staffSessions.startLogin({
          state: login.state,
          nonce: login.nonce,
          codeVerifier: login.codeVerifier,
          returnTo,
          redirectUri,
        });
        // Binds the login to this browser: a callback carrying someone else's state is refused.
        ctx.cookies.set(LOGIN_COOKIE, login.state, {
          ...cookieOptions(ctx, LOGIN_COOKIE_PATH),
          maxAge: 600_000,
        });
        ctx.set('Cache-Control', 'no-store');
        ctx.redirect(login.url);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/auth/callback',
      operationId: 'finishStaffLogin',
      summary: '统一身份认证登录后的回调：设置工作人员会话并回到工作台',
      description: `失败时跳转到工作台的 ${STAFF_LOGIN_ERROR_PATH}?error=<错误码>（STAFF_LOGIN_FAILED、STAFF_LOGIN_EXPIRED、STAFF_ROLE_MISSING、STAFF_IDP_UNAVAILABLE；中文说明见 shared 的 STAFF_LOGIN_ERRORS）。`,
      tags: ['staff'],
      auth: PUBLIC,
      query: yup.object({
        code: paramValue(2048),
        state: paramValue(256),
        iss: paramValue(2048),
        session_state: paramValue(512),
        error: paramValue(128),
        error_description: paramValue(1024),
        error_uri: paramValue(2048),
      }),
      responses: {
        302: {
          description: '登录成功（Set-Cookie: staff_session）回到工作台，或失败时到工作台登录页',
          contentType: 'text/html',
        },
        400: 'BadRequest',
      },
      handler: async (ctx, { query }) => {
        ctx.set('Cache-Control', 'no-store');
        const bound = ctx.cookies.get(LOGIN_COOKIE);
        const login =
          query.state && bound === query.state ? await staffSessions.finishLogin(query.state) : null;
        if (!login) return failTo(ctx, 'STAFF_LOGIN_EXPIRED');
        if (query.error) return failTo(ctx, 'STAFF_LOGIN_FAILED');
        const callbackUrl = new URL(login.redirectUri);
        callbackUrl.search = ctx.querystring;
        let outcome;
        try {
          outcome = await staffOidc.finish(callbackUrl, login);
        } catch (error) {
          logger.warn({ err: (error as Error).cause ?? error }, 'staff login failed at the token exchange');
          return failTo(ctx, error instanceof AppError ? error.code : 'STAFF_LOGIN_FAILED');
        }
        if (!outcome.staff) {
          await audit.record({
            actor: { kind: 'staff', id: outcome.subject },
            action: 'staff.login',
            outcome: 'refused',
            purpose: '统一身份认证未提供工作人员角色或所属区县',
          });
          return failTo(ctx, 'STAFF_ROLE_MISSING');
        }
        const { staff } = outcome;
        const session = await staffSessions.issue(staff);
        await audit.record({
          actor: staffActor(staff),
          action: 'staff.login',
          detail: { idleExpiresAt: session.idleExpiresAt.toISOString() },
        });
        ctx.cookies.set(LOGIN_COOKIE, '', { ...cookieOptions(ctx, LOGIN_COOKIE_PATH), maxAge: 0 });
        ctx.cookies.set(STAFF_SESSION_COOKIE, session.token, cookieOptions(ctx));
        ctx.redirect(login.returnTo);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/staff/auth/logout',
      operationId: 'staffLogout',
      summary: '工作人员退出登录（结束会话）',
      description: '须带请求头 X-Requested-With。会话已失效时同样成功。',
      tags: ['staff'],
      auth: PUBLIC,
      responses: { 204: { description: '已退出' }, 403: 'Forbidden' },
      handler: async (ctx) => {
        checkStaffCsrf(ctx, config);
        const token = sessionToken(ctx);
        const staff = token ? await staffSessions.end(token) : null;
        if (staff) {
          await audit.record({
            actor: staffActor(staff),
            action: 'staff.logout',
          });
        }
        ctx.cookies.set(STAFF_SESSION_COOKIE, '', { ...cookieOptions(ctx), maxAge: 0 });
        ctx.status = 204;
      },
    }),
  ];
}

// Resolves the bearer token to an account; every route behind it can trust ctx.state.accountId.
import type { Context } from 'koa';
import type { IMiddleware } from 'koa-router';
import { unauthorized } from '../http/errors';
import { tooManyRequests, type RateLimiter } from '../http/rateLimit';
import type { SessionStore } from './sessions';
import type { Guard } from '../http/route';

export function bearerToken(ctx: Pick<Context, 'get'>): string | null {
  const match = /^Bearer ([\w-]{20,100})$/.exec(ctx.get('Authorization'));
  return match ? match[1] : null;
}

/**
 * A valid session spends its account's budget and its IP's; a missing or invalid token spends only the
 * IP's failed-authentication budget, so a flood of bad tokens cannot lock out valid sessions, logins or
 * callbacks from the same address.
 */
export function requireAccount({
  sessions,
  accountLimiter,
  ipLimiter,
  authFailureLimiter,
}: {
  sessions: SessionStore;
  accountLimiter: RateLimiter;
  ipLimiter: RateLimiter;
  authFailureLimiter: RateLimiter;
}): IMiddleware {
  return async function authenticate(ctx, next): Promise<void> {
    if (ctx.state.accountId) return next(); // already authenticated by an enclosing router
    const token = bearerToken(ctx);
    const accountId = token ? await sessions.resolve(token) : null;
    if (!accountId) {
      const wait = await authFailureLimiter.hit(ctx.ip);
      if (wait > 0) throw tooManyRequests(ctx, wait);
      throw token ? unauthorized('登录已失效，请重新登录') : unauthorized();
    }
    const wait = Math.max(...(await Promise.all([accountLimiter.hit(accountId), ipLimiter.hit(ctx.ip)])));
    if (wait > 0) throw tooManyRequests(ctx, wait);
    ctx.state.accountId = accountId;
    ctx.state.token = token;
    await next();
  };
}

/** The guard of every route an operator must be logged in for (bearer token from POST /auth/login). */
export function accountLogin(services: Parameters<typeof requireAccount>[0]): Guard {
  return {
    scheme: 'bearerAuth',
    middleware: requireAccount(services),
    responses: { 401: 'Unauthorized', 429: 'TooManyRequests' },
  };
}

// Resolves the bearer token to an account; every route behind it can trust ctx.state.accountId.
import type { Context } from 'koa';
import type { IMiddleware } from 'koa-router';
import { AppError, unauthorized } from '../http/errors';
import type { RateLimiter } from '../http/rateLimit';
import type { SessionStore } from './sessions';
import type { Guard } from '../http/route';

export function bearerToken(ctx: Pick<Context, 'get'>): string | null {
  const match = /^Bearer ([\w-]{20,100})$/.exec(ctx.get('Authorization'));
  return match ? match[1] : null;
}

export function requireAccount({
  sessions,
  accountLimiter,
}: {
  sessions: SessionStore;
  accountLimiter: RateLimiter;
}): IMiddleware {
  return async function authenticate(ctx, next): Promise<void> {
    if (ctx.state.accountId) return next(); // already authenticated by an enclosing router
    const token = bearerToken(ctx);
    if (!token) throw unauthorized();
    const accountId = await sessions.resolve(token);
    if (!accountId) throw unauthorized('登录已失效，请重新登录');
    const wait = accountLimiter.hit(accountId);
    if (wait > 0) {
      ctx.set('Retry-After', String(wait));
      throw new AppError(429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试');
    }
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

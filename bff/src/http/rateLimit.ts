// Fixed-window request limits per key (account or IP). In memory: each bff process limits on its own, so
// the effective limit across N processes behind a balancer is up to N times this; see the README.
import type { Context } from 'koa';
import type { IMiddleware } from 'koa-router';
import { AppError } from './errors';

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60000,
  ) {}

  /** Counts a hit; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > 50000) this.sweep(now);
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.start + this.windowMs - now) / 1000) : 0;
  }

  private sweep(now: number) {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

export function rateLimit(
  limiter: RateLimiter,
  keyOf: (ctx: Pick<Context, 'ip'>) => string | undefined,
): IMiddleware {
  return async function limitRequests(ctx, next): Promise<void> {
    const key = keyOf(ctx);
    if (key) {
      const wait = limiter.hit(key);
      if (wait > 0) {
        ctx.set('Retry-After', String(wait));
        throw new AppError(429, 'TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试');
      }
    }
    await next();
  };
}

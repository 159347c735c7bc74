// Fault injection for every stand-in, driven over HTTP so tests and demos can script an outage.
import type Koa from 'koa';
import type { Rng } from '../rng';
import { sleep } from './server';

export interface Faults {
  /** Added to every request, in ms. */
  latencyMs: number;
  /** Fraction of requests answered 503 without being processed. */
  errorRate: number;
  /** Fraction of requests that are processed but whose response is never sent (the socket is dropped). */
  timeoutRate: number;
  /** Hard down: every non-admin connection is reset. */
  down: boolean;
  /** Agencies only: fraction of callbacks never sent. */
  callbackLoss: number;
  /** Agencies only: fraction of callbacks sent twice. */
  callbackDuplicate: number;
  /** Agencies only: keep callbacks back until POST /_admin/callbacks/release (e.g. to deliver them out of order). */
  callbackHold: boolean;
  /** The next N requests fail with 503 (deterministic alternative to errorRate). */
  errorNext: number;
  /** The next N requests time out (deterministic alternative to timeoutRate). */
  timeoutNext: number;
  /** How long a timed-out request is held open before its socket is dropped. */
  timeoutHoldMs: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  down: false,
  callbackLoss: 0,
  callbackDuplicate: 0,
  callbackHold: false,
  errorNext: 0,
  timeoutNext: 0,
  timeoutHoldMs: 10_000,
};

const NUMERIC_KEYS = [
  'latencyMs',
  'errorRate',
  'timeoutRate',
  'callbackLoss',
  'callbackDuplicate',
  'errorNext',
  'timeoutNext',
  'timeoutHoldMs',
] as const;

/** Merges a partial update; returns an error message in Chinese when a value is out of range. */
export function updateFaults(current: Faults, patch: unknown): string | null {
  if (typeof patch !== 'object' || patch === null) return '故障配置必须是 JSON 对象';
  const input = patch as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(key in NO_FAULTS)) return `未知的故障参数：${key}`;
  }
  for (const key of NUMERIC_KEYS) {
    if (input[key] === undefined) continue;
    const value = input[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `${key} 必须是非负数`;
    if (key.endsWith('Rate') || key === 'callbackLoss' || key === 'callbackDuplicate') {
      if (value > 1) return `${key} 必须在 0 到 1 之间`;
    }
  }
  for (const key of ['down', 'callbackHold'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'boolean') return `${key} 必须是布尔值`;
  }
  Object.assign(current, input);
  return null;
}

export function isControlPath(path: string): boolean {
  return path.startsWith('/_admin') || path.startsWith('/_dev') || path === '/';
}

/**
 * Applies latency, errors and outages to service routes. A timeout is decided before the handler runs but
 * applied after it, because the interesting case is "the agency did the work and the answer got lost".
 */
export function faultMiddleware(faults: Faults, rng: Rng): Koa.Middleware {
  return async (ctx, next) => {
    if (isControlPath(ctx.path)) return next();
    if (faults.down) {
      ctx.req.socket.destroy();
      ctx.respond = false;
      return;
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.errorNext > 0 || (faults.errorRate > 0 && rng() < faults.errorRate)) {
      if (faults.errorNext > 0) faults.errorNext -= 1;
      ctx.status = 503;
      ctx.set('Retry-After', '1');
      ctx.body = { code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后重试' };
      return;
    }
    const timeOut = faults.timeoutNext > 0 || (faults.timeoutRate > 0 && rng() < faults.timeoutRate);
    if (faults.timeoutNext > 0) faults.timeoutNext -= 1;
    await next();
    if (timeOut) {
      const socket = ctx.req.socket;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, faults.timeoutHoldMs);
        timer.unref();
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      socket.destroy();
      ctx.respond = false;
    }
  };
}

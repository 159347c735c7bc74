// Reads JSON request bodies with bounds on everything that costs the event loop: the size (per route), the
// time it may take to arrive, and the number of keys, counted in the raw text before JSON.parse builds
// tens of thousands of them. Keeps the raw text: agency callbacks are verified over the exact bytes signed.
import type { Context, Next } from 'koa';
import { AppError } from './errors';

// The parsed body and its raw text on ctx.request, as @koa/bodyparser used to declare them (this reader
// replaced it; the declaration reached the build only through the bench, which left bff/src).
declare module 'koa' {
  interface Request {
    body?: unknown;
    rawBody: string;
  }
}

export interface BodyLimits {
  /** Largest body in bytes. */
  bytes: number;
  /** Most object keys in the whole body. */
  keys: number;
}

export interface JsonBodyOptions {
  limitsFor(path: string): BodyLimits;
  /** A body must have arrived this long after the request began. */
  timeoutMs: number;
}

const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', '请求内容过大');
const invalid = () => new AppError(400, 'INVALID_JSON', '请求内容不是有效的 JSON');

/**
 * True when the text has more than `max` colons: every key is followed by one (colons inside strings only
 * over-count), so this bounds the keys JSON.parse would build. Native indexOf: far cheaper than parsing.
 */
function moreKeysThan(text: string, max: number): boolean {
  let count = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) {
    if (++count > max) return true;
  }
  return false;
}

function readBody(ctx: Context, limit: number, timeoutMs: number): Promise<string> {
  const req = ctx.req;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: Error | null, text?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      if (error) reject(error);
      else resolve(text!);
    };
    const timer = setTimeout(() => {
      // A body trickling in holds a connection and its buffers: the client gets 408, then the socket closes.
      ctx.set('Connection', 'close');
      finish(new AppError(408, 'REQUEST_TIMEOUT', '请求内容传输超时，请检查网络后重试'));
      req.pause();
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        ctx.set('Connection', 'close');
        finish(tooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error) => finish(error);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

export function jsonBody({ limitsFor, timeoutMs }: JsonBodyOptions) {
  return async function parseJsonBody(ctx: Context, next: Next): Promise<void> {
    if (!['POST', 'PUT', 'PATCH'].includes(ctx.method) || !ctx.is('application/json')) return next();
    const limits = limitsFor(ctx.path);
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > limits.bytes) throw tooLarge();
    const text = await readBody(ctx, limits.bytes, timeoutMs);
    (ctx.request as unknown as { rawBody: string }).rawBody = text;
    if (!text.trim()) {
      ctx.request.body = {};
      return next();
    }
    if (!/^[\s]*[[{]/.test(text)) throw invalid();
    if (moreKeysThan(text, limits.keys)) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', '请求内容字段过多');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalid();
    }
    // What secure-json-parse guards against: keys that could reach a prototype when merged later.
    if (/"(?:__proto__|constructor)"\s*:/.test(text)) throw invalid();
    ctx.request.body = parsed;
    await next();
  };
}

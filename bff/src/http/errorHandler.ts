// Turns every failure into the one JSON error shape; unexpected errors are logged but never leak details.
import type { Context, Next } from 'koa';
import type { ErrorCode } from '@hiring/shared';
import { ValidationError } from 'yup';
import { AppError } from './errors';
import { boundedDetails } from './validate';

interface HttpLikeError {
  name?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message?: string;
}

/** Messages for errors raised by Koa's own middleware (body parser, router), which speak English. */
function messageForStatus(
  status: number,
  type?: string,
  name?: string,
): { code: ErrorCode; message: string } {
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' };
  if (status === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型，请使用 JSON' };
  if (status === 400 && (type === 'entity.parse.failed' || name === 'SyntaxError'))
    return { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' };
  if (status === 404) return { code: 'NOT_FOUND', message: '接口不存在' };
  if (status === 405) return { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' };
  if (status === 429) return { code: 'TOO_MANY_REQUESTS', message: '请求过于频繁，请稍后再试' };
  return { code: 'BAD_REQUEST', message: '请求有误' };
}

/**
 * The database's driver giving up (no server within its selection timeout, a connection dropped or timed
 * out, a full pool's wait): an outage to wait out, answered 503 like any other upstream — a busy machine's
 * slow database must not read as a bug of ours (500).
 */
const DATABASE_DOWN = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
  'MongoPoolClearedError',
]);

/** Mongoose holds a query while its connection is down and gives up with a plain MongooseError. */
const databaseDown = (error: unknown) =>
  DATABASE_DOWN.has((error as Error)?.name) ||
  ((error as Error)?.name === 'MongooseError' && /buffering timed out/.test((error as Error).message));

export function errorHandler() {
  return async function handleErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: messageForStatus(404) };
      }
      // The router answers a wrong method with plain text (405, or 501 for methods it does not know).
      if (
        (ctx.status === 405 || ctx.status === 501) &&
        (ctx.body === undefined || typeof ctx.body === 'string')
      ) {
        ctx.status = 405;
        ctx.body = { error: messageForStatus(405) };
      }
    } catch (raw) {
      if (raw instanceof AppError) {
        ctx.status = raw.status;
        ctx.body = {
          error: {
            code: raw.code,
            message: raw.message,
            ...(raw.details ? { details: boundedDetails(raw.details) } : {}),
          },
          ...raw.extra,
        };
        return;
      }
      if (raw instanceof ValidationError) {
        ctx.status = 400;
        ctx.body = {
          error: {
            code: 'BAD_REQUEST',
            message: '请求参数有误',
            details: boundedDetails(
              raw.inner.length
                ? raw.inner.map((e) => ({ path: e.path ?? '', message: e.message }))
                : [{ path: raw.path ?? '', message: raw.message }],
            ),
          },
        };
        return;
      }
      if ((raw as Error)?.name === 'CastError') {
        // A value of the wrong type reached a query (e.g. an object where a string belongs): a bad request.
        ctx.status = 400;
        ctx.body = { error: { code: 'BAD_REQUEST', message: '请求参数有误' } };
        return;
      }
      if (databaseDown(raw)) {
        ctx.state.logger?.warn({ err: raw }, 'database unavailable');
        ctx.status = 503;
        ctx.set('Retry-After', '5');
        ctx.body = {
          error: {
            code: 'DATABASE_UNAVAILABLE',
            message: '数据服务暂时繁忙，请稍后重试',
            requestId: ctx.state.requestId,
          },
        };
        return;
      }
      const error = raw as HttpLikeError;
      const status = error.status ?? error.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        ctx.status = status;
        ctx.body = { error: messageForStatus(status, error.type, error.name) };
        return;
      }
      ctx.state.logger?.error({ err: raw }, 'unhandled error');
      ctx.status = 500;
      ctx.body = {
        error: {
          code: 'INTERNAL_ERROR',
          message: '服务暂时不可用，请稍后重试',
          requestId: ctx.state.requestId,
        },
      };
    }
  };
}

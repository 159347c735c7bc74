// The one error shape every route answers with: { error: { code, message, details? } }, messages in Chinese.
// Codes come from shared's list (ERROR_CODES): add a new one there, the client and the contract see it too.
import type { ErrorCode } from '@hiring/shared';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra top-level fields for the body, e.g. the current draft on a version conflict. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) =>
  new AppError(400, 'BAD_REQUEST', message, details);
export const validationFailed = (details: ErrorDetail[], message = '提交的数据不符合要求') =>
  new AppError(422, 'VALIDATION_FAILED', message, details);
export const unauthorized = (message = '请先登录') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = '无权访问该资源') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (message = '资源不存在') => new AppError(404, 'NOT_FOUND', message);
export const conflict = (code: ErrorCode, message: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, extra);

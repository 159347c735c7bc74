// The Chinese message of a failed call: the bff's own (with the first field detail), or a generic one.
import { ApiError } from '../api/client';

export function errorText(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (error instanceof ApiError) {
    const detail = error.details[0]?.message;
    return detail && error.code === 'BAD_REQUEST' ? detail : error.message || fallback;
  }
  return error instanceof Error && error.message ? error.message : fallback;
}

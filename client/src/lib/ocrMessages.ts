// What the ID-card step says when recognition fails.
import { ApiError, isNetworkError } from '../api/client';

/** The bff's messages mostly say 重新拍摄 already; repeating it read as "…后重新拍摄，可重新拍摄或手动填写". */
export function ocrFailureMessage(e: unknown): string {
  if (isNetworkError(e)) return '网络不可用，无法识别，请手动填写';
  if (!(e instanceof ApiError)) return '识别失败，可重新拍摄或手动填写';
  const message = e.message.replace(/[。，]$/, '');
  return message.includes('重新拍摄') ? `${message}，或手动填写` : `${message}，可重新拍摄或手动填写`;
}

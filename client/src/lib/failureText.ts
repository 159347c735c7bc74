// What a page says when a call fails for a reason it has no special words for.
import { isNetworkError } from '../api/client';

/** `offline` when the network failed; otherwise the error's own message (the bff's are Chinese), or `fallback`. */
export function failureText(error: unknown, offline: string, fallback: string): string {
  if (isNetworkError(error)) return offline;
  return error instanceof Error && error.message ? error.message : fallback;
}

// How large a JSON body each route may send, in bytes and in keys (jsonBody refuses more with 413 before
// parsing). Its own module so that the event-loop test can send each route the largest body it accepts.
import type { BodyLimits } from './jsonBody';

/** Routes whose bodies may be as large as BODY_LIMIT: a new draft with its employees, a 补正. */
const LARGE_BODY_PATHS = /^\/api\/v1\/(drafts|applications\/[^/]+\/matters\/[^/]+\/resubmit)$/;
/** An agency's answer names each employee once by index: a few tens of KB for 500 employees. */
const CALLBACK_PATHS = /^\/api\/v1\/agency-callbacks\/[^/]+$/;

/**
 * Body bounds per route: 500 employees of about 25 fields each for the large ones, an agency's answer for
 * callbacks, and a few fields for everything else (login, one employee, a header patch).
 */
export function bodyLimitsFor(largest: number): (path: string) => BodyLimits {
  const cap = (bytes: number, keys: number) => ({ bytes: Math.min(bytes, largest), keys });
  const large = cap(largest, 25_000);
  const callback = cap(256 * 1024, 5_000);
  const small = cap(16 * 1024, 400);
  return (path: string) =>
    LARGE_BODY_PATHS.test(path) ? large : CALLBACK_PATHS.test(path) ? callback : small;
}

// Structured logs with personal data redacted: logs are read by operators who must not see citizens' data.
import pino from 'pino';

/** Paths (at any of the usual nesting levels) whose values never reach a log line. */
const SENSITIVE_KEYS = [
  'idNumber',
  'phone',
  'address',
  'hukouAddress',
  'workAddress',
  'wage',
  'authorization',
  'token',
  'password',
  'queryPassword',
  'sessionKey',
];

const redactPaths = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
]);

export type Logger = pino.Logger;

export const redactOptions = { paths: redactPaths, censor: '[已脱敏]' };

export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: redactOptions, base: { service: 'bff' } }, destination);
}

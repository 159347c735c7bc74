// 办件编码 and the query password printed on the receipt.
import { randomInt } from 'node:crypto';
import { todayInChina } from '@hiring/shared';

/** ZP (招聘) + 3611 (上饶) + date + 6 random digits, e.g. ZP361120261126042517. Uniqueness: a unique index. */
export function newApplicationCode(now = new Date()): string {
  return `ZP3611${todayInChina(now).replace(/-/g, '')}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export function newQueryPassword(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export const matterIdempotencyKey = (code: string, matter: string, attempt: number) =>
  `${code}-${matter}-${attempt}`;

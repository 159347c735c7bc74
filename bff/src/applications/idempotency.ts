// Idempotency-Key semantics after the IETF httpapi draft: a missing key is 400, the same key with another
// body 422, a concurrent duplicate 409, and a replay returns the stored response (sealed: it may hold
// personal data). A key stuck in "processing" after a crash is taken over once its lock expires.
import { createHash } from 'node:crypto';
import { trusted, type Model } from 'mongoose';
import * as yup from 'yup';
import type { FieldCipher } from '../security/fieldCipher';
import { AppError } from '../http/errors';
import type { HeaderSpec } from '../http/route';
import type { IdempotencyDoc } from './models';

const KEY = /^[\w-]{8,100}$/;
const LOCK_MS = 30000;

/** The request header of every submission that must happen once (online submit, 补正, window 受理). */
export const idempotencyKey: HeaderSpec = {
  name: 'Idempotency-Key',
  required: true,
  description:
    '每次“提交”操作一个新的随机值（建议 UUID）。缺少 → 400 IDEMPOTENCY_KEY_MISSING；格式错误 → 400 IDEMPOTENCY_KEY_INVALID；同一键不同内容 → 422 IDEMPOTENCY_KEY_REUSED；并发重复 → 409 REQUEST_IN_PROGRESS；重放 → 原响应（响应头 Idempotent-Replayed: true）。',
  schema: yup.string().matches(KEY),
};

export interface StoredResponse {
  status: number;
  body: unknown;
}

export function requestHash(scope: string, body: unknown): string {
  return createHash('sha256')
    .update(scope)
    .update('\n')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

export class IdempotencyStore {
  constructor(
    private readonly Record: Model<IdempotencyDoc>,
    private readonly cipher: FieldCipher,
  ) {}

  static parseKey(header: string | undefined): string {
    if (!header) throw new AppError(400, 'IDEMPOTENCY_KEY_MISSING', '缺少 Idempotency-Key 请求头');
    if (!KEY.test(header)) {
      throw new AppError(
        400,
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key 应为 8-100 位字母、数字、下划线或短横线',
      );
    }
    return header;
  }

  /**
   * Runs `handler` at most once per (account, key) and returns its response, or the stored one on a replay.
   * `handler` receives `recovering: true` when it takes over a key whose earlier run died midway, so it can
   * look for what that run already did.
   */
  async run(
    accountId: string,
    key: string,
    scope: string,
    body: unknown,
    handler: (recovering: boolean) => Promise<StoredResponse>,
  ): Promise<StoredResponse & { replayed: boolean }> {
    const hash = requestHash(scope, body);
    let recovering = false;
    try {
      await this.Record.create({
        accountId,
        key,
        scope,
        requestHash: hash,
        state: 'processing',
        lockedUntil: new Date(Date.now() + LOCK_MS),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = await this.Record.findOne({ accountId, key }).lean();
      if (!existing) throw new AppError(409, 'REQUEST_IN_PROGRESS', '相同的请求正在处理中，请稍候');
      if (existing.requestHash !== hash) {
        throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于内容不同的请求');
      }
      if (existing.state === 'done' && existing.response?.sealedBody) {
        return {
          status: existing.response.status ?? 200,
          body: this.cipher.decrypt(existing.response.sealedBody),
          replayed: true,
        };
      }
      // Take over only a run whose lock has expired (its process died); otherwise it is still running.
      const takeover = await this.Record.findOneAndUpdate(
        { accountId, key, state: 'processing', lockedUntil: trusted({ $lt: new Date() }) },
        { $set: { lockedUntil: new Date(Date.now() + LOCK_MS) } },
      ).lean();
      if (!takeover) throw new AppError(409, 'REQUEST_IN_PROGRESS', '相同的请求正在处理中，请稍候');
      recovering = true;
    }
    let response: StoredResponse;
    try {
      response = await handler(recovering);
    } catch (error) {
      // A failure that is the client's to fix is a final answer; anything else frees the key for a retry.
      if (error instanceof AppError && error.status < 500 && error.status !== 409) {
        response = {
          status: error.status,
          body: {
            error: {
              code: error.code,
              message: error.message,
              ...(error.details ? { details: error.details } : {}),
            },
          },
        };
      } else {
        await this.Record.deleteOne({ accountId, key, state: 'processing' });
        throw error;
      }
    }
    await this.Record.updateOne(
      { accountId, key },
      {
        $set: {
          state: 'done',
          response: { status: response.status, sealedBody: this.cipher.encrypt(response.body) },
        },
      },
    );
    return { ...response, replayed: false };
  }
}

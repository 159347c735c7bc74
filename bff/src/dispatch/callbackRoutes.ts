// Agencies report results here. Nothing is read from the body before its signature, freshness and nonce
// are checked, and the body then passes a schema before it can touch an application.
import * as yup from 'yup';
import type { Model } from 'mongoose';
import { AGENCY_IDS, MATTER_CODES } from '@hiring/shared';
import type { Logger } from '../logger';
import type { ApplicationDoc, MatterDoc } from '../applications/models';
import type { AgencyCaseView, AgencyClient, AgencyId } from './agencyClient';
import { AppError, notFound } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { defineRoute, type Guard, type HeaderSpec, type Route } from '../http/route';
import { parseInput } from '../http/validate';
import { checkSignature, rememberNonce, CALLBACK_HEADERS } from './callbackSignature';
import type { MatterProgress } from './matterProgress';
import { agencyResultSchema } from './agencyResults';

const callbackBody = yup
  .object({
    caseId: yup.string().max(64).required(),
    idempotencyKey: yup
      .string()
      .required()
      .matches(
        /^[A-Z0-9]{8,40}-(employment|socialInsurance|medicalInsurance|housingFund)-\d{1,3}$/,
        '未知的办件键',
      ),
    matter: yup.string().oneOf(MATTER_CODES).required(),
    applicationCode: yup.string().max(40).required(),
    status: yup.string().oneOf(['accepted', 'reviewing', 'completed', 'returned']).required(),
    reasons: yup
      .array(
        yup.object({
          code: yup.string().max(64).required(),
          message: yup.string().max(500).required(),
          employeeIndex: yup.number().integer().min(0).max(10000),
        }),
      )
      .max(1000),
    steps: yup
      .array(
        yup.object({
          code: yup.string().max(64),
          label: yup.string().max(100).required(),
          status: yup.string().max(32),
          at: yup.string().max(40),
        }),
      )
      .max(10),
    decidedAt: yup.string().max(40),
    sequence: yup.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).required(),
    result: agencyResultSchema,
  })
  .meta({ name: 'AgencyCallback', description: '部门回调（签名校验通过后才解析）。' });

/** Server to server: no login token; the signature is checked in the handler, before the body is read. */
const agencySignature: Guard = { scheme: 'agencySignature', responses: { 429: 'TooManyRequests' } };

const signatureHeaders: HeaderSpec[] = [
  {
    name: CALLBACK_HEADERS.timestamp,
    required: true,
    description: '毫秒时间戳，与服务器时间相差不超过 5 分钟',
    schema: yup.string().matches(/^\d{1,16}$/),
  },
  {
    name: CALLBACK_HEADERS.nonce,
    required: true,
    description: '一次性随机数，重复使用 → 409 NONCE_REUSED',
    schema: yup.string().matches(/^[\w-]{8,128}$/),
  },
  {
    name: CALLBACK_HEADERS.agency,
    required: true,
    description: '发送部门（hrss、medicalSecurity、housingFund），须与路径一致',
    schema: yup.string().oneOf(AGENCY_IDS),
  },
  {
    name: CALLBACK_HEADERS.caseId,
    required: true,
    description: '回调所涉办件号，须与请求体 caseId 一致',
    schema: yup.string().matches(/^[\w-]{1,64}$/),
  },
  {
    name: CALLBACK_HEADERS.sequence,
    required: true,
    description: '回调序号，须与请求体 sequence 一致',
    schema: yup.string().matches(/^\d{1,16}$/),
  },
  {
    name: CALLBACK_HEADERS.signature,
    required: true,
    description:
      'hex(HMAC-SHA256(该部门的密钥, `${timestamp}\\n${nonce}\\n${agency}\\n${caseId}\\n${sequence}\\n${原始请求体}`))；密钥轮换期间新旧两把均可',
    schema: yup.string().matches(/^[0-9a-f]{64}$/),
  },
];

/** The security scheme the document names for callbacks. */
export const AGENCY_SIGNATURE_SCHEME = {
  agencySignature: {
    type: 'apiKey',
    in: 'header',
    name: CALLBACK_HEADERS.signature,
    description: `部门回调签名，另需 ${CALLBACK_HEADERS.timestamp} 与 ${CALLBACK_HEADERS.nonce}（见参数说明）`,
  },
};

export interface CallbackDeps {
  /** Per agency, the keys its callbacks may be signed with. */
  keys: Record<AgencyId, string[]>;
  /** The agencies' status queries: a callback's decision counts only once the agency confirms it. */
  agencies: Pick<AgencyClient, 'findByKey' | 'findByCase'>;
  Application: Model<ApplicationDoc>;
  Nonce: Model<{ nonce: string; seenAt: Date }>;
  progress: MatterProgress;
  logger: Logger;
}

/** How far one callback may move a case's sequence on: a pinned 2^53 would silence every later one. */
export const MAX_SEQUENCE_STEP = 20;

export type CallbackBody = yup.InferType<typeof callbackBody>;

const unconfirmed = (message: string) => new AppError(409, 'NOT_CONFIRMED', message);

/**
 * What the callback may apply: it must be about the case the agency opened for this delivery, move the
 * sequence on by a bounded step, and, for a decision (已办结/已退回), be confirmed by the agency's own
 * status query, whose answer (reasons, result) is what gets applied. A decision without its reasons or
 * result is refused.
 */
export async function confirmedView(
  deps: CallbackDeps,
  agency: AgencyId,
  target: MatterDoc,
  body: CallbackBody,
): Promise<AgencyCaseView> {
  const ask = async <T>(query: () => Promise<T>): Promise<T> => {
    try {
      return await query();
    } catch {
      // The agency retries its callback; the decision is applied once it can be confirmed.
      throw new AppError(503, 'AGENCY_UNAVAILABLE', '暂时无法向部门核实该回调，请稍后重试');
    }
  };
  // A callback may overtake the answer to our delivery: then the agency says which case the key opened.
  const knownCase =
    target.caseId || (await ask(() => deps.agencies.findByKey(agency, body.idempotencyKey)))?.caseId;
  if (knownCase !== body.caseId)
    throw new AppError(409, 'CASE_MISMATCH', '回调的办件号与部门受理时给出的不一致');
  if (body.sequence > Math.max(target.lastSequence ?? -1, 0) + MAX_SEQUENCE_STEP)
    throw new AppError(409, 'SEQUENCE_JUMP', '回调序号跳跃过大');
  const claimed: AgencyCaseView = {
    caseId: body.caseId,
    status: body.status as AgencyCaseView['status'],
    reasons: body.reasons as AgencyCaseView['reasons'],
    steps: body.steps as AgencyCaseView['steps'],
    sequence: body.sequence,
    decidedAt: body.decidedAt,
    result: body.result,
  };
  if (body.status !== 'completed' && body.status !== 'returned') return claimed;
  const confirmed = await ask(() => deps.agencies.findByCase(agency, body.caseId));
  if (!confirmed || confirmed.caseId !== body.caseId) throw unconfirmed('部门查无此办件，回调未被采信');
  if (confirmed.status !== body.status) throw unconfirmed('部门状态查询未确认该办理结果，回调未被采信');
  const complete =
    body.status === 'returned' ? (confirmed.reasons ?? []).some((r) => r.message) : confirmed.result != null;
  if (!complete)
    throw new AppError(
      422,
      'DECISION_INCOMPLETE',
      body.status === 'returned' ? '退回结果缺少退回原因' : '办结结果缺少办理结果',
    );
  return { ...confirmed, sequence: Math.max(body.sequence, confirmed.sequence ?? 0) };
}

export function callbackRoutes(deps: CallbackDeps): Route[] {
  return [
    defineRoute({
      method: 'post',
      path: '/agency-callbacks/:agency',
      operationId: 'agencyCallback',
      summary: '部门回调办理结果（服务端对服务端，HMAC 签名，不用登录令牌）',
      description:
        '先校验签名、时间戳和随机数，再解析请求体。重复或过时的回调也回答 200（applied: false），部门应停止重试。',
      tags: ['callbacks'],
      auth: agencySignature,
      params: yup.object({ agency: yup.string().required().oneOf(AGENCY_IDS, '未知的部门') }),
      headers: signatureHeaders,
      // Documented here, parsed in the handler: nothing is read from the body before the signature holds.
      upload: { contentType: 'application/json', schema: callbackBody },
      example: {
        caseId: 'HRSS-20261126-0001',
        idempotencyKey: 'ZP361120261126042517-employment-1',
        matter: 'employment',
        applicationCode: 'ZP361120261126042517',
        status: 'completed',
        decidedAt: '2026-11-26T08:00:00.000Z',
        sequence: 3,
      },
      responses: {
        200: {
          description: '已收到',
          schema: yup.object({
            ok: yup.boolean().oneOf([true]).required(),
            applied: yup.boolean().required(),
          }),
        },
        400: 'BadRequest',
        401: errorResponse('签名无效或时间戳过期（BAD_SIGNATURE）'),
        404: 'NotFound',
        409: errorResponse(
          '随机数已使用（NONCE_REUSED）、办件号与受理时不符（CASE_MISMATCH）、序号跳跃过大（SEQUENCE_JUMP）或部门状态查询未确认该结果（NOT_CONFIRMED）',
        ),
        422: errorResponse('办结缺少办理结果或退回缺少原因（DECISION_INCOMPLETE）'),
        503: errorResponse('暂时无法向部门核实（AGENCY_UNAVAILABLE），部门应稍后重试'),
      },
      handler: async (ctx, { params: { agency } }) => {
        const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
        const check = checkSignature(deps.keys[agency as AgencyId], agency, ctx.headers, raw);
        if (!check.ok) {
          deps.logger.warn({ agency, reason: check.reason }, 'callback refused');
          throw new AppError(
            401,
            'BAD_SIGNATURE',
            check.reason === 'stale' ? '回调时间戳已过期' : '回调签名无效',
          );
        }
        if (!(await rememberNonce(deps.Nonce, check.nonce))) {
          throw new AppError(409, 'NONCE_REUSED', '回调随机数已使用（疑似重放）');
        }
        const body = parseInput(callbackBody, ctx.request.body, '回调内容不符合约定');
        if (body.caseId !== check.caseId || body.sequence !== check.sequence)
          throw new AppError(400, 'BAD_REQUEST', '回调内容与签名的办件号或序号不一致');
        const [, code, matter, attempt] = /^(.+)-([a-zA-Z]+)-(\d+)$/.exec(body.idempotencyKey)!;
        if (matter !== body.matter || code !== body.applicationCode)
          throw new AppError(400, 'BAD_REQUEST', '回调内容前后不一致');
        const application = await deps.Application.findOne({ code }, { _id: 1, matters: 1 }).lean();
        const target = application?.matters.find((m) => m.matter === matter && m.attempt === Number(attempt));
        if (!application || !target || target.agency !== agency) throw notFound('办件不存在');
        // Old news (a duplicate, a retry after our answer was lost) is acknowledged without asking.
        if (body.sequence <= (target.lastSequence ?? -1)) {
          ctx.body = { ok: true, applied: false };
          return;
        }
        const view = await confirmedView(deps, agency as AgencyId, target, body);
        const applied = await deps.progress.apply(
          String(application._id),
          matter,
          Number(attempt),
          view,
          'callback',
        );
        // A duplicate or out-of-date callback is acknowledged too: the agency must stop retrying it.
        ctx.body = { ok: true, applied: applied.length > 0 };
      },
    }),
  ];
}

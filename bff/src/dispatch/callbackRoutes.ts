// Agencies report results here. Nothing is read from the body before its signature, freshness and nonce
// are checked, and the body then passes a schema before it can touch an application.
import * as yup from 'yup';
import type { Model } from 'mongoose';
import { AGENCY_IDS, MATTER_CODES } from '@hiring/shared';
import type { Logger } from '../logger';
import type { ApplicationDoc } from '../applications/models';
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
          label: yup.string().max(100),
          status: yup.string().max(32),
          at: yup.string().max(40),
        }),
      )
      .max(10),
    decidedAt: yup.string().max(40),
    sequence: yup.number().integer().min(0).required(),
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
    name: CALLBACK_HEADERS.signature,
    required: true,
    description: 'hex(HMAC-SHA256(secret, `${timestamp}\\n${nonce}\\n${原始请求体}`))',
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
  secret: string;
  Application: Model<ApplicationDoc>;
  Nonce: Model<{ nonce: string; seenAt: Date }>;
  progress: MatterProgress;
  logger: Logger;
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
        409: errorResponse('随机数已使用（NONCE_REUSED，疑似重放）'),
      },
      handler: async (ctx, { params: { agency } }) => {
        const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
        const check = checkSignature(deps.secret, ctx.headers, raw);
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
        const [, code, matter, attempt] = /^(.+)-([a-zA-Z]+)-(\d+)$/.exec(body.idempotencyKey)!;
        if (matter !== body.matter || code !== body.applicationCode)
          throw new AppError(400, 'BAD_REQUEST', '回调内容前后不一致');
        const application = await deps.Application.findOne({ code }, { _id: 1, matters: 1 }).lean();
        const target = application?.matters.find((m) => m.matter === matter && m.attempt === Number(attempt));
        if (!application || !target || target.agency !== agency) throw notFound('办件不存在');
        const applied = await deps.progress.apply(
          String(application._id),
          matter,
          Number(attempt),
          {
            caseId: body.caseId,
            status: body.status,
            reasons: body.reasons,
            steps: body.steps as never,
            sequence: body.sequence,
            decidedAt: body.decidedAt,
            result: body.result,
          },
          'callback',
        );
        // A duplicate or out-of-date callback is acknowledged too: the agency must stop retrying it.
        ctx.body = { ok: true, applied: applied.length > 0 };
      },
    }),
  ];
}

// Agencies report results here. Nothing is read from the body before its signature, freshness and nonce
// are checked, and the body then passes a schema before it can touch an application.
import Router from 'koa-router';
import * as yup from 'yup';
import type { Model } from 'mongoose';
import type { Logger } from '../logger';
import type { ApplicationDoc } from '../applications/models';
import { AppError, notFound } from '../http/errors';
import { parseInput } from '../http/validate';
import { checkSignature, rememberNonce } from './callbackSignature';
import type { MatterProgress } from './matterProgress';

const AGENCY_IDS = ['hrss', 'medicalSecurity', 'housingFund'] as const;

const callbackBody = yup.object({
  caseId: yup.string().max(64).required(),
  idempotencyKey: yup
    .string()
    .required()
    .matches(
      /^[A-Z0-9]{8,40}-(employment|socialInsurance|medicalInsurance|housingFund)-\d{1,3}$/,
      '未知的办件键',
    ),
  matter: yup.string().oneOf(['employment', 'socialInsurance', 'medicalInsurance', 'housingFund']).required(),
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
  steps: yup.array(
    yup.object({
      code: yup.string().max(64),
      label: yup.string().max(100),
      status: yup.string().max(32),
      at: yup.string().max(40),
    }),
  ),
  decidedAt: yup.string().max(40),
  sequence: yup.number().integer().min(0).required(),
});

export interface CallbackDeps {
  secret: string;
  Application: Model<ApplicationDoc>;
  Nonce: Model<{ nonce: string; seenAt: Date }>;
  progress: MatterProgress;
  logger: Logger;
}

export function callbackRoutes(deps: CallbackDeps): Router {
  const router = new Router();

  router.post('/agency-callbacks/:agency', async (ctx) => {
    const agency = ctx.params.agency;
    if (!(AGENCY_IDS as readonly string[]).includes(agency)) throw notFound('未知的部门');
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
      },
      'callback',
    );
    // A duplicate or out-of-date callback is acknowledged too: the agency must stop retrying it.
    ctx.body = { ok: true, applied: applied.length > 0 };
  });

  return router;
}

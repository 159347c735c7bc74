// The public status lookup: 办件编码 + 查询密码, no login (the code and password on the receipt are the
// credential). A wrong code and a wrong password get the same answer, failures are limited per code and
// per client (LookupAttempts), every lookup is audited, and the answer holds no personal data beyond
// masked names: it may be read on a shared or borrowed phone.
import { timingSafeEqual } from 'node:crypto';
import * as yup from 'yup';
import { MATTER_CODES, MATTER_STATUSES, OVERALL_STATUSES, codesOf } from '@hiring/shared';
import type { Services } from '../context';
import { AppError } from '../http/errors';
import { errorResponse } from '../http/errorSchema';
import { PUBLIC, defineRoute, type Route } from '../http/route';
import { cleanString, dayOrNull, strictObject } from '../http/validate';
import { maskIdNumber, maskName, maskPhone } from '../security/mask';
import { matterView, overallOf, type SealedApplication } from '../applications/view';
import { matterHeadline } from '../documents/applicationDocuments';
import { attemptModel, LookupAttempts } from './attempts';

const lookupBody = strictObject({
  code: cleanString({ upper: true })
    .required('请填写办件编码')
    .max(32, '办件编码格式不正确')
    .matches(/^[A-Z0-9]+$/, '办件编码格式不正确')
    .meta({ description: '办件编码（大小写均可）' }),
  password: cleanString()
    .required('请填写查询密码')
    .matches(/^\d{6}$/, '查询密码为 6 位数字')
    .meta({ description: '查询密码（6 位数字）' }),
});

const statusLookupSchema = yup
  .object({
    code: yup.string().required(),
    unitName: yup.string().defined(),
    employeeCount: yup.number().integer().min(0).required(),
    submittedAt: yup.date().required(),
    status: yup.string().oneOf(codesOf(OVERALL_STATUSES)).required(),
    statusLabel: yup.string().required(),
    employees: yup
      .array(
        yup.object({
          name: yup.string().defined().meta({ description: '已脱敏，如 张**' }),
          idNumber: yup.string().defined().meta({ description: '已脱敏' }),
        }),
      )
      .required(),
    matters: yup
      .array(
        yup.object({
          matter: yup
            .string()
            .oneOf([...MATTER_CODES])
            .required(),
          label: yup.string().required(),
          agencyLabel: yup.string().required(),
          timeLimit: yup.string().defined(),
          status: yup.string().oneOf(codesOf(MATTER_STATUSES)).required(),
          statusLabel: yup.string().required(),
          dueDate: dayOrNull(),
          dueDateProvisional: yup
            .boolean()
            .required()
            .meta({ description: '应办结日期按暂定节假日推算（预计）' }),
          overdue: yup.boolean().required(),
          reasons: yup
            .array(
              yup.object({
                message: yup.string().defined(),
                employee: yup.string().nullable().defined().meta({ description: '涉及员工（脱敏姓名）' }),
              }),
            )
            .required(),
        }),
      )
      .required(),
  })
  .meta({
    name: 'StatusLookup',
    description: '凭办件编码和查询密码看到的进度：姓名、证件号码已脱敏，退回原因中的证件号、手机号也已脱敏',
  });

const LOOKUP_FAILED = () => new AppError(404, 'LOOKUP_FAILED', '办件编码或查询密码不正确，请核对回执后重试');

function locked(scope: 'code' | 'client', retryAfterSeconds: number): AppError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppError(
    429,
    'LOOKUP_LOCKED',
    scope === 'code'
      ? `该办件编码查询密码错误次数过多，已暂停查询，请 ${minutes} 分钟后再试；也可登录小程序查看或到人社窗口咨询`
      : `查询失败次数过多，已暂停查询，请 ${minutes} 分钟后再试`,
    undefined,
    { retryAfterSeconds },
  );
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Personal data an agency might have quoted in a reason (ID and mobile numbers), masked. */
const maskReason = (message: string) =>
  message
    .replace(/\b\d{17}[\dXx]\b/g, (id) => maskIdNumber(id) ?? id)
    .replace(/\b1\d{10}\b/g, (phone) => maskPhone(phone) ?? phone);

export function statusLookupRoutes(services: Services): Route[] {
  const attempts = new LookupAttempts(attemptModel(services.db));

  return [
    defineRoute({
      method: 'post',
      path: '/status-lookup',
      operationId: 'lookupStatus',
      summary: '凭办件编码和查询密码查询办理进度（无需登录，个人信息脱敏）',
      description:
        '办件编码不存在与查询密码错误回答相同（404 LOOKUP_FAILED）。同一办件编码 1 小时内错 5 次、同一客户端 1 小时内失败 20 次即暂停查询（429 LOOKUP_LOCKED，retryAfterSeconds 与 Retry-After 给出剩余秒数）。每次查询记入审计。',
      tags: ['lookup'],
      auth: PUBLIC,
      body: lookupBody,
      bodyError: '请填写办件编码和 6 位查询密码',
      example: { code: 'ZP361120261126042517', password: '042517' },
      responses: {
        200: { description: '办理进度', schema: statusLookupSchema },
        400: 'BadRequest',
        404: errorResponse('办件编码或查询密码不正确（LOOKUP_FAILED）——两种情况回答相同'),
        415: 'UnsupportedMediaType',
        429: errorResponse(
          '错误次数过多，暂停查询（LOOKUP_LOCKED，附 retryAfterSeconds）或请求过于频繁（TOO_MANY_REQUESTS），见 Retry-After',
        ),
      },
      handler: async (ctx, { body: { code, password } }) => {
        const actor = { kind: 'system' as const, id: `public:${ctx.ip}` };
        const reservation = await attempts.reserve(code, ctx.ip);
        if (!reservation.ok) {
          await services.audit.record({
            actor,
            action: 'status.lookup',
            subject: code,
            outcome: 'refused',
            detail: { locked: reservation.scope },
          });
          ctx.set('Retry-After', String(reservation.retryAfterSeconds));
          throw locked(reservation.scope, reservation.retryAfterSeconds);
        }
        const doc = await services.applications.findOne({ code }).lean();
        const sealed = doc ? services.cipher.decrypt<SealedApplication>(doc.sealed) : undefined;
        if (!doc || !sealed || !samePassword(password, sealed.queryPassword)) {
          await services.audit.record({
            actor,
            action: 'status.lookup',
            subject: code,
            outcome: 'not-found',
          });
          throw LOOKUP_FAILED();
        }
        await reservation.release();
        await services.audit.record({ actor, action: 'status.lookup', subject: code, outcome: 'ok' });
        const names = new Map(sealed.form.employees.map((e) => [e.key ?? '', maskName(e.name) ?? '']));
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          code: doc.code,
          unitName: doc.unitName ?? '',
          employeeCount: doc.employeeCount ?? sealed.form.employees.length,
          submittedAt: doc.submittedAt,
          ...overallOf(doc.matters),
          employees: sealed.form.employees.map((e) => ({
            name: maskName(e.name) ?? '',
            idNumber: maskIdNumber(e.idNumber) ?? '',
          })),
          matters: doc.matters.map((m) => {
            const view = matterView(m);
            return {
              ...matterHeadline(m, view),
              status: view.status,
              overdue: view.overdue,
              reasons: view.reasons.map((r) => ({
                message: maskReason(r.message ?? ''),
                employee: r.employeeKey ? (names.get(r.employeeKey) ?? null) : null,
              })),
            };
          }),
        };
      },
    }),
  ];
}

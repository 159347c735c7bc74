// The public status lookup: 办件编码 + 查询密码, no login (the code and password on the receipt are the
// credential). A wrong code and a wrong password get the same answer, failures are limited per code and
// per client (LookupAttempts), every lookup is audited, and the answer holds no personal data beyond
// masked names: it may be read on a shared or borrowed phone.
import { timingSafeEqual } from 'node:crypto';
import Router from 'koa-router';
import type { Services } from '../context';
import { AppError } from '../http/errors';
import { cleanString, parseInput, strictObject } from '../http/validate';
import { maskIdNumber, maskName, maskPhone } from '../security/mask';
import { matterView, overallOf, type SealedApplication } from '../applications/view';
import { isProvisional } from '../documents/applicationDocuments';
import { attemptModel, LookupAttempts } from './attempts';

const lookupBody = strictObject({
  code: cleanString({ upper: true })
    .required('请填写办件编码')
    .max(32, '办件编码格式不正确')
    .matches(/^[A-Z0-9]+$/, '办件编码格式不正确'),
  password: cleanString()
    .required('请填写查询密码')
    .matches(/^\d{6}$/, '查询密码为 6 位数字'),
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

export function statusLookupRoutes(services: Services): Router {
  const router = new Router();
  const attempts = new LookupAttempts(attemptModel(services.db));

  router.post('/status-lookup', async (ctx) => {
    const { code, password } = parseInput(lookupBody, ctx.request.body, '请填写办件编码和 6 位查询密码');
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
      await services.audit.record({ actor, action: 'status.lookup', subject: code, outcome: 'not-found' });
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
          matter: view.matter,
          label: view.label,
          agencyLabel: view.agencyLabel,
          timeLimit: view.timeLimit,
          status: view.status,
          statusLabel: view.statusLabel,
          dueDate: view.dueDate,
          dueDateProvisional: isProvisional(m),
          overdue: view.overdue,
          reasons: view.reasons.map((r) => ({
            message: maskReason(r.message ?? ''),
            employee: r.employeeKey ? (names.get(r.employeeKey) ?? null) : null,
          })),
        };
      }),
    };
  });

  return router;
}

// HTTP surface of one agency stand-in (see openapi.yaml, tags 人社 / 医保 / 公积金).
import Koa from 'koa';
import Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import { faultMiddleware, updateFaults } from '../http/faults';
import { jsonErrors, refuse } from '../http/server';
import { renderAgencyPage } from './page';
import type { Reason } from './rules';
import type { AgencyService, ReviewMode } from './service';

/** Form posts from the HTML page get a redirect back to it; JSON callers get JSON. */
function fromPage(ctx: Koa.Context): boolean {
  return Boolean(ctx.is('urlencoded'));
}

export function createAgencyApp(service: AgencyService): Koa {
  const app = new Koa();
  const router = new Router();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', service: service.spec.id, name: service.spec.name };
  });

  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = renderAgencyPage(service);
  });

  router.post('/cases', (ctx) => {
    const key = ctx.get('Idempotency-Key').trim();
    if (!key || key.length > 200)
      return refuse(ctx, 400, 'IDEMPOTENCY_KEY_REQUIRED', '缺少 Idempotency-Key 请求头（1-200 个字符）');
    const result = service.intake(key, ctx.request.body);
    if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.status = result.status;
    ctx.body = result.body;
  });

  router.get('/cases/by-key/:key', (ctx) => {
    const record = service.getByKey(ctx.params.key);
    // Asked after registering it: the sender never got (or never recorded) our answer — it died or gave up
    // with the delivery in flight.
    if (record) service.markRecovered(ctx.params.key);
    if (!record) return refuse(ctx, 404, 'CASE_NOT_FOUND', '未收到使用该 Idempotency-Key 的办件');
    ctx.body = service.view(record);
  });

  router.get('/cases/:caseId', (ctx) => {
    const record = service.getCase(ctx.params.caseId);
    if (!record) return caseNotFound(ctx);
    ctx.body = service.view(record);
  });

  router.get('/_admin/cases', (ctx) => {
    ctx.body = { cases: service.listCases().map((record) => service.view(record)) };
  });

  // What the agency was sent, unmasked: for round-trip tests on synthetic people only (the page masks).
  router.get('/_admin/cases/:caseId/received', (ctx) => {
    const record = service.getCase(ctx.params.caseId);
    if (!record) return caseNotFound(ctx);
    ctx.body = { caseId: record.caseId, idempotencyKey: record.idempotencyKey, received: record.received };
  });

  router.get('/_admin/counts', (ctx) => {
    ctx.body = { keys: service.allCounts(), persons: service.registrationsByPerson() };
  });

  router.get('/_admin/faults', (ctx) => {
    ctx.body = service.faults;
  });

  router.post('/_admin/faults', (ctx) => {
    const patch = fromPage(ctx)
      ? { down: (ctx.request.body as { down?: string } | undefined)?.down === 'true' }
      : ctx.request.body;
    const error = updateFaults(service.faults, patch);
    if (error) return refuse(ctx, 400, 'INVALID_REQUEST', error);
    if (fromPage(ctx)) return backToPage(ctx);
    ctx.body = service.faults;
  });

  router.get('/_admin/config', (ctx) => {
    ctx.body = publicConfig(service);
  });

  router.post('/_admin/config', (ctx) => {
    const input = (ctx.request.body ?? {}) as Record<string, unknown>;
    const patch: Parameters<AgencyService['configure']>[0] = {};
    if (input.callbackUrl !== undefined) {
      if (
        input.callbackUrl !== null &&
        (typeof input.callbackUrl !== 'string' || !/^https?:\/\//.test(input.callbackUrl))
      ) {
        return badRequest(ctx, 'callbackUrl 必须是 http(s) 地址');
      }
      patch.callbackUrl = (input.callbackUrl as string | null) ?? undefined;
    }
    if (input.callbackSecret !== undefined) {
      if (typeof input.callbackSecret !== 'string' || !input.callbackSecret)
        return badRequest(ctx, 'callbackSecret 不能为空');
      patch.callbackSecret = input.callbackSecret;
    }
    if (input.reviewMode !== undefined) {
      if (input.reviewMode !== 'auto' && input.reviewMode !== 'manual')
        return badRequest(ctx, 'reviewMode 只能是 auto 或 manual');
      patch.reviewMode = input.reviewMode as ReviewMode;
    }
    if (input.workingDayMs !== undefined) {
      const value = Number(input.workingDayMs);
      if (!Number.isFinite(value) || value < 10)
        return badRequest(ctx, 'workingDayMs 必须是不小于 10 的数字');
      patch.workingDayMs = value;
    }
    service.configure(patch);
    if (fromPage(ctx)) return backToPage(ctx);
    ctx.body = publicConfig(service);
  });

  router.post('/_admin/reset', (ctx) => {
    service.reset();
    ctx.body = { reset: true };
  });

  router.get('/_admin/callbacks', (ctx) => {
    ctx.body = { deliveries: service.callbacks.deliveries };
  });

  router.post('/_admin/callbacks/release', (ctx) => {
    const reverse = (ctx.request.body as { reverse?: unknown } | undefined)?.reverse === true;
    ctx.body = { released: service.callbacks.release(reverse) };
  });

  router.post('/_admin/callbacks/redeliver', (ctx) => {
    ctx.body = { redelivered: service.callbacks.redeliverFailed() };
  });

  router.post('/_admin/cases/:caseId/approve', (ctx) => {
    const error = service.approve(ctx.params.caseId);
    if (error) return decisionError(ctx, error);
    if (fromPage(ctx)) return backToPage(ctx);
    ctx.body = service.view(service.getCase(ctx.params.caseId)!);
  });

  router.post('/_admin/cases/:caseId/return', (ctx) => {
    const reasons = readReasons(ctx.request.body);
    if (!reasons)
      return badRequest(
        ctx,
        '退回必须填写原因：{ "reasons": [{ "code", "message", "employeeIndex"? }] } 或表单字段 reason',
      );
    const error = service.returnCase(ctx.params.caseId, reasons);
    if (error) return decisionError(ctx, error);
    if (fromPage(ctx)) return backToPage(ctx);
    ctx.body = service.view(service.getCase(ctx.params.caseId)!);
  });

  app.use(jsonErrors());
  app.use(faultMiddleware(service.faults, service.faultRng));
  app.use(bodyParser({ enableTypes: ['json', 'form'], jsonLimit: '20mb' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/** 303 so the browser follows the form post with a GET of the page. */
function backToPage(ctx: Koa.Context): void {
  ctx.redirect('/');
  ctx.status = 303;
}

function publicConfig(service: AgencyService) {
  const { callbackUrl, reviewMode, workingDayMs } = service.config;
  return { callbackUrl: callbackUrl ?? null, reviewMode, workingDayMs, callbackSecretSet: true };
}

const caseNotFound = (ctx: Koa.Context) => refuse(ctx, 404, 'CASE_NOT_FOUND', '办件不存在');

function badRequest(ctx: Koa.Context, message: string): void {
  refuse(ctx, 400, 'INVALID_REQUEST', message);
}

function decisionError(ctx: Koa.Context, error: string): void {
  if (error === 'NOT_FOUND') {
    caseNotFound(ctx);
  } else {
    refuse(ctx, 409, 'CASE_ALREADY_DECIDED', '办件已办结或已退回，不能重复处理');
  }
}

function readReasons(body: unknown): Reason[] | null {
  if (!body || typeof body !== 'object') return null;
  const input = body as { reasons?: unknown; reason?: unknown };
  if (typeof input.reason === 'string' && input.reason.trim()) {
    return [{ code: 'OPERATOR_RETURNED', message: input.reason.trim().slice(0, 500) }];
  }
  if (!Array.isArray(input.reasons) || input.reasons.length === 0) return null;
  const reasons: Reason[] = [];
  for (const item of input.reasons) {
    if (!item || typeof item !== 'object') return null;
    const { code, message, employeeIndex } = item as Record<string, unknown>;
    if (typeof message !== 'string' || !message.trim()) return null;
    if (employeeIndex !== undefined && !Number.isInteger(employeeIndex)) return null;
    reasons.push({
      code: typeof code === 'string' && code ? code : 'OPERATOR_RETURNED',
      message: message.trim(),
      ...(employeeIndex !== undefined ? { employeeIndex: employeeIndex as number } : {}),
    });
  }
  return reasons;
}

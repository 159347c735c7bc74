// What both platform stand-ins share: test controls for their clock, faults and state, and the app's
// middleware stack around their own routes.
import Koa from 'koa';
import type Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import { faultMiddleware, updateFaults, type Faults } from '../http/faults';
import { jsonErrors, refuse } from '../http/server';
import { createRng } from '../rng';
import type { OffsetClock } from './devCodes';
import type { Consents, Template } from './templates';

export interface PlatformStandIn {
  readonly clock: OffsetClock;
  readonly faults: Faults;
  readonly consents: Consents;
  readonly templates: Map<string, Template>;
  reset(): void;
}

/**
 * Adds the test controls both platforms share — POST /_admin/consents (the user's consent, keyed by the
 * platform's user field: `openid` or `userId`), /_admin/templates, /_admin/clock, /_admin/faults and
 * /_admin/reset — then wraps the routes in the common stack.
 */
export function platformApp(
  name: string,
  seed: string,
  standIn: PlatformStandIn,
  router: Router,
  userField: 'openid' | 'userId',
): Koa {
  router.post('/_admin/consents', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const count = b.count === undefined ? 1 : Number(b.count);
    const user = b[userField];
    if (
      typeof user !== 'string' ||
      typeof b.templateId !== 'string' ||
      !Number.isInteger(count) ||
      count < 1
    ) {
      return refuse(ctx, 400, 'INVALID_REQUEST', `需要 ${userField}、templateId 和正整数 count`);
    }
    ctx.body = {
      [userField]: user,
      templateId: b.templateId,
      remaining: standIn.consents.grant(user, b.templateId, count),
    };
  });

  router.post('/_admin/templates', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (
      typeof b.templateId !== 'string' ||
      !Array.isArray(b.keys) ||
      !b.keys.every((k) => typeof k === 'string')
    ) {
      return refuse(ctx, 400, 'INVALID_REQUEST', '需要 templateId 和 keys（字符串数组）');
    }
    const template = {
      id: b.templateId,
      title: typeof b.title === 'string' ? b.title : b.templateId,
      keys: b.keys as string[],
    };
    standIn.templates.set(template.id, template);
    ctx.body = template;
  });

  router.post('/_admin/clock', (ctx) => {
    const advanceMs = Number((ctx.request.body as { advanceMs?: unknown } | undefined)?.advanceMs);
    if (!Number.isFinite(advanceMs) || advanceMs < 0)
      return refuse(ctx, 400, 'INVALID_REQUEST', 'advanceMs 必须是非负数');
    standIn.clock.offsetMs += advanceMs;
    ctx.body = { offsetMs: standIn.clock.offsetMs };
  });

  router.post('/_admin/faults', (ctx) => {
    const error = updateFaults(standIn.faults, ctx.request.body);
    if (error) return refuse(ctx, 400, 'INVALID_REQUEST', error);
    ctx.body = standIn.faults;
  });

  router.post('/_admin/reset', (ctx) => {
    standIn.reset();
    ctx.body = { reset: true };
  });

  const app = new Koa();
  app.use(jsonErrors());
  app.use(faultMiddleware(standIn.faults, createRng(`faults:${seed}:${name}`)));
  app.use(bodyParser({ enableTypes: ['json', 'form'] }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

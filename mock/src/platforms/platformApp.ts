// What both platform stand-ins share: test controls for their clock, faults and state, and the app's
// middleware stack around their own routes.
import Koa from 'koa';
import type Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import { faultMiddleware, updateFaults, type Faults } from '../http/faults';
import { jsonErrors } from '../http/server';
import { createRng } from '../rng';
import type { OffsetClock } from './devCodes';

export interface PlatformStandIn {
  readonly clock: OffsetClock;
  readonly faults: Faults;
  reset(): void;
}

/** Adds POST /_admin/clock, /_admin/faults and /_admin/reset, then wraps the routes in the common stack. */
export function platformApp(name: string, seed: string, standIn: PlatformStandIn, router: Router): Koa {
  router.post('/_admin/clock', (ctx) => {
    const advanceMs = Number((ctx.request.body as { advanceMs?: unknown } | undefined)?.advanceMs);
    if (!Number.isFinite(advanceMs) || advanceMs < 0) {
      ctx.status = 400;
      ctx.body = { code: 'INVALID_REQUEST', message: 'advanceMs 必须是非负数' };
      return;
    }
    standIn.clock.offsetMs += advanceMs;
    ctx.body = { offsetMs: standIn.clock.offsetMs };
  });

  router.post('/_admin/faults', (ctx) => {
    const error = updateFaults(standIn.faults, ctx.request.body);
    if (error) {
      ctx.status = 400;
      ctx.body = { code: 'INVALID_REQUEST', message: error };
      return;
    }
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

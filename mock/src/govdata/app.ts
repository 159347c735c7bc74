// "系统自动获取": 市场监管 (units by USCC) and 公安 (people by ID number), serving the synthetic population.
import Koa from 'koa';
import Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import { currentUnit, type World } from '../agency/world';
import { faultMiddleware, NO_FAULTS, updateFaults, type Faults } from '../http/faults';
import { jsonErrors, refuse } from '../http/server';
import type { Scenario } from '../population/generate';
import { createRng } from '../rng';

export function createGovDataApp(world: World, faults: Faults = { ...NO_FAULTS }): Koa {
  const app = new Koa();
  const router = new Router();
  const { population } = world;

  router.get('/healthz', (ctx) => {
    ctx.body = {
      status: 'ok',
      service: 'govData',
      people: population.people.length,
      units: population.units.length,
    };
  });

  router.get('/market/units/:uscc', (ctx) => {
    const unit = currentUnit(world, ctx.params.uscc);
    if (!unit) return refuse(ctx, 404, 'UNIT_NOT_FOUND', '市场监管登记信息中查无该统一社会信用代码');
    ctx.body = unit;
  });

  router.get('/police/persons/:idNumber', (ctx) => {
    const person = population.personById(ctx.params.idNumber);
    if (!person) return refuse(ctx, 404, 'PERSON_NOT_FOUND', '公安人口信息中查无此身份证号码');
    const { idNumber, name, ethnicity, gender, hukouAddress } = person;
    ctx.body = { idNumber, name, ethnicity, gender, hukouAddress };
  });

  // 身份核验 (the 公安 "一致/不一致/库中无此号" check): the ID number travels in the body, never in a URL.
  router.post('/police/verifications', (ctx) => {
    const { name, idNumber } = (ctx.request.body ?? {}) as { name?: unknown; idNumber?: unknown };
    if (typeof name !== 'string' || typeof idNumber !== 'string' || !name.trim() || idNumber.length > 32)
      return refuse(ctx, 400, 'INVALID_REQUEST', '请提供姓名和身份证号码');
    const person = population.personById(idNumber.trim());
    if (!person) {
      ctx.body = { result: 'notFound', message: '公安人口信息中查无此身份证号码' };
      return;
    }
    if (person.name !== name.trim()) {
      ctx.body = { result: 'mismatch', message: '姓名与身份证号码不一致' };
      return;
    }
    ctx.body = { result: 'match', message: '姓名与身份证号码一致' };
  });

  // Synthetic records for developers filling the form by hand (nobody in them is real).
  router.get('/_admin/sample', (ctx) => {
    const count = Math.min(Math.max(Number(ctx.query.count ?? 5) || 5, 1), 100);
    const scenario = (ctx.query.scenario as Scenario | undefined) ?? 'normal';
    ctx.body = {
      people: population.peopleWith(scenario, count),
      units: population.units.slice(0, count).map((unit) => currentUnit(world, unit.uscc)),
    };
  });

  router.post('/_admin/faults', (ctx) => {
    const error = updateFaults(faults, ctx.request.body);
    if (error) return refuse(ctx, 400, 'INVALID_REQUEST', error);
    ctx.body = faults;
  });

  router.post('/_admin/reset', (ctx) => {
    Object.assign(faults, NO_FAULTS);
    ctx.body = { reset: true };
  });

  app.use(jsonErrors());
  app.use(faultMiddleware(faults, createRng(`faults:${world.seed}:govData`)));
  app.use(bodyParser({ enableTypes: ['json'] }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

// Draft routes: the wizard's autosave target. Every change carries the version it was based on.
import Router from 'koa-router';
import * as yup from 'yup';
import { todayInChina, validateApplication, type ValidationStep } from '@hiring/shared';
import type { Services } from '../context';
import { requireAccount } from '../accounts/requireAccount';
import { pageQuery, parseInput, strictNumber, strictObject, objectIdParam } from '../http/validate';
import { badRequest } from '../http/errors';
import {
  draftApplicationSchema,
  draftEmployeeSchema,
  draftHeaderShape,
  MAX_EMPLOYEES,
  type DraftApplication,
} from './draftSchema';
import { findEmployee, newEmployeeKey } from './draftService';

const version = strictNumber()
  .typeError('version 必须是数字')
  .integer()
  .min(1)
  .required('缺少 version（基于哪个版本修改）');

const createBody = strictObject({ application: draftApplicationSchema.default(undefined) });
const patchBody = strictObject({ version, ...draftHeaderShape });
const employeeBody = strictObject({
  version,
  employee: draftEmployeeSchema.default(undefined).required('缺少 employee'),
});
const validateBody = strictObject({
  step: yup.string().oneOf(['unit', 'matters', 'employees'], '未知的步骤'),
});
const employeeKeyParam = yup
  .string()
  .required()
  .matches(/^[0-9a-f]{12}$/, '员工编号格式不正确');

/** The draft as shared's validator expects it: the server-issued keys are not form fields. */
export function formOf(application: DraftApplication): unknown {
  return { ...application, employees: application.employees.map(({ key: _key, ...rest }) => rest) };
}

export function draftRoutes(services: Services): Router {
  const { drafts } = services;
  const router = new Router();
  // Login is checked route by route: koa-router runs a nested router's use() middleware for every route
  // mounted after it, so a router-wide use() would also lock routes that must stay public.
  const auth = requireAccount(services);

  const idOf = (value: unknown) => parseInput(objectIdParam, value, '草稿编号格式不正确');

  router.get('/drafts', auth, async (ctx) => {
    const { page, pageSize } = parseInput(pageQuery, { page: ctx.query.page, pageSize: ctx.query.pageSize });
    ctx.body = { ...(await drafts.list(ctx.state.accountId, page, pageSize)), page, pageSize };
  });

  router.post('/drafts', auth, async (ctx) => {
    const { application } = parseInput(createBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await drafts.create(ctx.state.accountId, application as DraftApplication | undefined);
  });

  router.get('/drafts/:id', auth, async (ctx) => {
    ctx.body = await drafts.get(ctx.state.accountId, idOf(ctx.params.id));
  });

  router.patch('/drafts/:id', auth, async (ctx) => {
    const { version: base, ...header } = parseInput(patchBody, ctx.request.body);
    ctx.body = await drafts.update(ctx.state.accountId, idOf(ctx.params.id), base, (app) => {
      for (const [key, value] of Object.entries(header)) {
        if (value !== undefined) (app as unknown as Record<string, unknown>)[key] = value;
      }
      return app;
    });
  });

  router.delete('/drafts/:id', auth, async (ctx) => {
    await drafts.remove(ctx.state.accountId, idOf(ctx.params.id));
    ctx.status = 204;
  });

  router.post('/drafts/:id/employees', auth, async (ctx) => {
    const { version: base, employee } = parseInput(employeeBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await drafts.update(ctx.state.accountId, idOf(ctx.params.id), base, (app) => {
      if (app.employees.length >= MAX_EMPLOYEES) throw badRequest(`一次最多 ${MAX_EMPLOYEES} 名员工`);
      app.employees.push({ ...employee, key: newEmployeeKey() });
      return app;
    });
  });

  router.put('/drafts/:id/employees/:key', auth, async (ctx) => {
    const key = parseInput(employeeKeyParam, ctx.params.key);
    const { version: base, employee } = parseInput(employeeBody, ctx.request.body);
    ctx.body = await drafts.update(ctx.state.accountId, idOf(ctx.params.id), base, (app) => {
      const index = app.employees.indexOf(findEmployee(app, key));
      app.employees[index] = { ...employee, key };
      return app;
    });
  });

  router.delete('/drafts/:id/employees/:key', auth, async (ctx) => {
    const key = parseInput(employeeKeyParam, ctx.params.key);
    const base = parseInput(version, ctx.query.version);
    ctx.body = await drafts.update(ctx.state.accountId, idOf(ctx.params.id), base, (app) => {
      findEmployee(app, key);
      app.employees = app.employees.filter((e) => e.key !== key);
      return app;
    });
  });

  router.post('/drafts/:id/validate', auth, async (ctx) => {
    const { step } = parseInput(validateBody, ctx.request.body);
    const draft = await drafts.get(ctx.state.accountId, idOf(ctx.params.id));
    const result = validateApplication(formOf(draft.application), {
      today: todayInChina(),
      step: step as ValidationStep | undefined,
    });
    ctx.body = { ok: result.ok, errors: result.errors, warnings: result.warnings, computed: result.computed };
  });

  return router;
}

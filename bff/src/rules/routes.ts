// Staff routes for the administered rules. Every staff role may read which calendar years are official
// or provisional and which figures are in force; only administrators change them (audited).
import Router from 'koa-router';
import * as yup from 'yup';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  RULE_FIGURE_KINDS,
  isRealDate,
  type RuleFigureKind,
} from '@hiring/shared';
import type { Services } from '../context';
import { requireStaff } from '../staff/requireStaff';
import { cleanString, parseInput, strictNumber, strictObject } from '../http/validate';

const isoDate = (label: string) =>
  yup
    .string()
    .max(10)
    .test(
      'iso-date',
      `${label}应为有效日期（YYYY-MM-DD）`,
      (v) => v === undefined || v === null || isRealDate(v),
    );

const yearParam = strictNumber()
  .typeError('年份应为数字')
  .integer('年份应为整数')
  .min(CALENDAR_FIRST_YEAR, `年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`)
  .max(CALENDAR_LAST_YEAR, `年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`)
  .required();

const dayName = cleanString().required('请填写节日名称').max(20, '节日名称最多 20 个字');
const source = cleanString().required('请注明来源（文件名称、文号）').max(200, '来源最多 200 个字');

export const calendarYearBody = strictObject({
  source,
  holidays: yup
    .array(
      strictObject({
        name: dayName,
        from: isoDate('放假开始日期').required('请填写放假开始日期'),
        to: isoDate('放假结束日期').nullable(),
      }),
    )
    .required('请填写放假安排')
    .min(1, '请至少填写一段放假安排')
    .max(40, '放假安排最多 40 段'),
  workdays: yup
    .array(strictObject({ name: dayName, date: isoDate('调休上班日期').required('请填写调休上班日期') }))
    .default([])
    .max(20, '调休上班日最多 20 天'),
});

const kindParam = yup
  .string()
  .required()
  .oneOf(
    RULE_FIGURE_KINDS.map((k) => k.code),
    `参数类别应为：${RULE_FIGURE_KINDS.map((k) => `${k.code}（${k.label}）`).join('、')}`,
  );

const figureValue = yup
  .mixed()
  .required('请填写数值')
  .test('object', '数值应为对象', (v) => typeof v === 'object' && v !== null && !Array.isArray(v))
  .test('size', '数值内容过长', (v) => JSON.stringify(v ?? null).length <= 20000);

const expectedRevision = strictNumber().typeError('revision 应为数字').integer().min(0);

const figureBody = strictObject({
  effectiveFrom: isoDate('生效日期').required('请填写生效日期'),
  effectiveTo: isoDate('截止日期').nullable(),
  value: figureValue,
  placeholder: yup.boolean().strict().required('请说明是否为参考值（placeholder）'),
  source,
  revision: expectedRevision,
});

const figurePatch = strictObject({
  effectiveTo: isoDate('截止日期').nullable(),
  value: figureValue.default(undefined).notRequired(),
  placeholder: yup.boolean().strict(),
  source: source.notRequired().default(undefined),
  revision: expectedRevision,
});

const revisionQuery = strictObject({ revision: expectedRevision });

export function ruleRoutes(services: Services): Router {
  const router = new Router();
  const { calendar, figures } = services.rules;
  const anyStaff = requireStaff(services);
  const admin = requireStaff(services, 'admin');
  const kindOf = (value: unknown) => parseInput(kindParam, value, '参数类别不正确') as RuleFigureKind;
  const yearOf = (value: unknown) => parseInput(yearParam, value, '年份不正确');
  const dateOf = (value: unknown) => parseInput(isoDate('生效日期').required(), value, '生效日期不正确')!;

  router.get('/staff/calendar/years', anyStaff, async (ctx) => {
    ctx.body = { items: await calendar.years() };
  });

  router.get('/staff/calendar/years/:year', anyStaff, async (ctx) => {
    ctx.body = await calendar.year(yearOf(ctx.params.year));
  });

  router.put('/staff/admin/calendar/years/:year', admin, async (ctx) => {
    const year = yearOf(ctx.params.year);
    const body = parseInput(calendarYearBody, ctx.request.body);
    const change = await calendar.enterYear(
      { year, source: body.source, holidays: body.holidays, workdays: body.workdays },
      ctx.state.staff,
    );
    ctx.body = { ...(await calendar.year(year)), recomputed: change.recomputed };
  });

  router.delete('/staff/admin/calendar/years/:year', admin, async (ctx) => {
    const year = yearOf(ctx.params.year);
    const change = await calendar.withdrawYear(year, ctx.state.staff);
    ctx.body = { ...(await calendar.year(year)), recomputed: change.recomputed };
  });

  router.get('/staff/rules/figures', anyStaff, async (ctx) => {
    ctx.body = await figures.list();
  });

  router.get('/staff/rules/figures/:kind/history', anyStaff, async (ctx) => {
    ctx.body = { items: await figures.history(kindOf(ctx.params.kind)) };
  });

  router.post('/staff/admin/rules/figures/:kind/periods', admin, async (ctx) => {
    const kind = kindOf(ctx.params.kind);
    const { revision, ...input } = parseInput(figureBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = await figures.add(kind, input as never, ctx.state.staff, revision);
  });

  router.patch('/staff/admin/rules/figures/:kind/periods/:effectiveFrom', admin, async (ctx) => {
    const kind = kindOf(ctx.params.kind);
    const { revision, ...patch } = parseInput(figurePatch, ctx.request.body);
    ctx.body = await figures.update(
      kind,
      dateOf(ctx.params.effectiveFrom),
      patch as never,
      ctx.state.staff,
      revision,
    );
  });

  router.delete('/staff/admin/rules/figures/:kind/periods/:effectiveFrom', admin, async (ctx) => {
    const kind = kindOf(ctx.params.kind);
    const { revision } = parseInput(revisionQuery, ctx.query);
    ctx.body = await figures.remove(kind, dateOf(ctx.params.effectiveFrom), ctx.state.staff, revision);
  });

  return router;
}

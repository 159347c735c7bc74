// Staff routes for the administered rules. Every staff role may read which calendar years are official
// or provisional and which figures are in force; only administrators change them (audited).
import * as yup from 'yup';
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  RULE_FIGURE_KINDS,
  isRealDate,
  type RuleFigureKind,
} from '@hiring/shared';
import type { Services } from '../context';
import { staffLogin } from '../staff/requireStaff';
import { defineRoute, type Route } from '../http/route';
import { errorResponse } from '../http/errorSchema';
import { cleanString, strictNumber, strictObject } from '../http/validate';

const isoDate = (label: string) =>
  yup
    .string()
    .max(10)
    .test(
      'iso-date',
      `${label}应为有效日期（YYYY-MM-DD）`,
      (v) => v === undefined || v === null || isRealDate(v),
    )
    .meta({ jsonSchema: { format: 'date' } });

const yearMessage = `年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`;
const yearParams = yup.object({
  year: strictNumber()
    .typeError('年份应为数字')
    .integer('年份应为整数')
    .min(CALENDAR_FIRST_YEAR, yearMessage)
    .max(CALENDAR_LAST_YEAR, yearMessage)
    .required(),
});

const dayName = cleanString().required('请填写节日名称').max(20, '节日名称最多 20 个字');
const source = cleanString().required('请注明来源（文件名称、文号）').max(200, '来源最多 200 个字');

export const calendarYearBody = strictObject({
  source: source.meta({ description: '国务院办公厅通知的名称与文号' }),
  holidays: yup
    .array(
      strictObject({
        name: dayName,
        from: isoDate('放假开始日期').required('请填写放假开始日期'),
        to: isoDate('放假结束日期').nullable().meta({ description: '不填为仅一天' }),
      }),
    )
    .required('请填写放假安排')
    .min(1, '请至少填写一段放假安排')
    .max(40, '放假安排最多 40 段'),
  workdays: yup
    .array(strictObject({ name: dayName, date: isoDate('调休上班日期').required('请填写调休上班日期') }))
    .default([])
    .max(20, '调休上班日最多 20 天')
    .meta({ description: '调休上班日（周六或周日）' }),
}).meta({ name: 'CalendarYearInput' });

const basisSchema = yup
  .string()
  .oneOf(['official', 'provisional'])
  .required()
  .meta({ description: 'official 正式；provisional 预计（按法定节假日推算，无国务院通知）' });
const originSchema = yup
  .string()
  .oneOf(['package', 'entered', 'provisional'])
  .required()
  .meta({ description: '内置数据、管理员录入或推算' });
const dateTime = yup
  .string()
  .nullable()
  .defined()
  .meta({ jsonSchema: { format: 'date-time' } });
const calendarDay = yup
  .object({ date: yup.string().required(), name: yup.string().defined() })
  .meta({ name: 'CalendarDay' });

const calendarYearSummary = yup
  .object({
    year: yup.number().integer().required(),
    basis: basisSchema,
    origin: originSchema,
    source: yup.string().nullable().defined(),
    enteredAt: dateTime,
  })
  .meta({ name: 'CalendarYearSummary' });

const calendarYearDetail = calendarYearSummary
  .shape({
    holidays: yup.array(calendarDay).required(),
    workdays: yup.array(calendarDay).required(),
  })
  .meta({ name: 'CalendarYearDetail' });

const calendarChange = calendarYearDetail
  .shape({
    recomputed: yup
      .number()
      .integer()
      .min(0)
      .nullable()
      .defined()
      .meta({ description: '因本次修改而重算办理时限的在办事项数；null 表示由定时任务稍后完成' }),
  })
  .meta({ name: 'CalendarYearChange' });

const KINDS = RULE_FIGURE_KINDS.map((k) => k.code);
const kindSchema = yup
  .string()
  .required()
  .oneOf(KINDS, `参数类别应为：${RULE_FIGURE_KINDS.map((k) => `${k.code}（${k.label}）`).join('、')}`);
const kindParams = yup.object({ kind: kindSchema });
const periodParams = yup.object({
  kind: kindSchema,
  effectiveFrom: isoDate('生效日期').required('请填写生效日期'),
});

const yuan = () => strictNumber().typeError('金额应为数字');
const retirementRule = strictObject({
  baseYears: strictNumber().typeError('原法定退休年龄应为数字'),
  firstDelayedBirth: yup.string().max(7),
  birthMonthsPerExtraMonth: strictNumber().typeError('出生月数应为数字'),
  maxExtraMonths: strictNumber().typeError('最多延迟月数应为数字'),
});

/**
 * The fields any kind's value may have (each kind uses its own; shared's checkFigurePeriods says what is
 * missing or wrong for the kind, in Chinese). Bounded like every input: the county table at 200 entries.
 */
const figureValue = strictObject({
  zones: strictObject({ 1: yuan(), 2: yuan(), 3: yuan() }).default(undefined),
  counties: yup
    .object()
    .default(undefined)
    .test('counties', '县区最多 200 个，代码为 6 位数字，档次为 1、2 或 3', (v) => {
      if (v === undefined) return true;
      const entries = Object.entries(v as Record<string, unknown>);
      return (
        entries.length <= 200 &&
        entries.every(([code, zone]) => /^\d{6}$/.test(code) && ['1', '2', '3'].includes(zone as string))
      );
    })
    .meta({ jsonSchema: { additionalProperties: { enum: ['1', '2', '3'] }, maxProperties: 200 } }),
  defaultZone: yup.string().oneOf(['1', '2', '3'], '默认档次应为 1、2 或 3'),
  floor: yuan(),
  cap: yuan(),
  minPercent: strictNumber().typeError('比例应为数字'),
  maxPercent: strictNumber().typeError('比例应为数字'),
  male: retirementRule.default(undefined),
  femaleCadre: retirementRule.default(undefined),
  femaleWorker: retirementRule.default(undefined),
})
  .default(undefined)
  .meta({ name: 'FigureValue', description: '各类别的数值，见 API.md' });

const revision = strictNumber()
  .typeError('revision 应为数字')
  .integer()
  .min(0)
  .meta({ description: '所依据的版本号；与当前不符 → 409 RULES_CHANGED' });

const figureBody = strictObject({
  effectiveFrom: isoDate('生效日期').required('请填写生效日期'),
  effectiveTo: isoDate('截止日期').nullable(),
  value: figureValue.required('请填写数值'),
  placeholder: yup.boolean().strict().required('请说明是否为参考值（placeholder）'),
  source,
  revision,
}).meta({ name: 'FigureInput' });

const figurePatch = strictObject({
  effectiveTo: isoDate('截止日期').nullable(),
  value: figureValue,
  placeholder: yup.boolean().strict(),
  source: cleanString().max(200, '来源最多 200 个字'),
  revision,
}).meta({ name: 'FigurePatch' });

const figurePeriodShape = () =>
  yup.object({
    kind: yup.string().oneOf(KINDS).required(),
    effectiveFrom: yup.string().required(),
    effectiveTo: yup.string().nullable().defined(),
    value: yup.object().required(),
    placeholder: yup.boolean().required().meta({ description: 'true：参考值，不用于调整或拦截单位申报' }),
    source: yup.string().required(),
  });
const figurePeriod = figurePeriodShape().meta({ name: 'FigurePeriod' });

const figureSet = yup
  .object({
    kind: yup.string().oneOf(KINDS).required(),
    label: yup.string().required(),
    revision: yup.number().integer().min(0).required(),
    periods: yup.array(figurePeriod).required(),
  })
  .meta({ name: 'FigureSet' });

const figureList = yup.object({
  revision: yup.number().integer().min(0).required(),
  kinds: yup
    .array(
      figureSet
        .shape({
          shipped: yup.boolean().required().meta({ description: '尚未录入，使用内置数值' }),
          inForce: figurePeriodShape().nullable().defined().meta({ description: '今日生效的期间' }),
        })
        .meta({ name: 'FigureSetInForce' }),
    )
    .required(),
});

const figureHistory = yup.object({
  items: yup
    .array(
      yup.object({
        revision: yup.number().integer().required(),
        change: yup.string().oneOf(['add', 'update', 'delete']).required(),
        effectiveFrom: yup.string().nullable().defined(),
        by: yup.string().nullable().defined(),
        at: yup.date().required(),
        periods: yup.array(figurePeriod).required(),
      }),
    )
    .required(),
});

const EXAMPLE_NOTICE = {
  source: '国务院办公厅关于2027年部分节假日安排的通知',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
  workdays: [{ name: '春节', date: '2027-02-14' }],
};

export function ruleRoutes(services: Services): Route[] {
  const { calendar, figures } = services.rules;
  const anyStaff = staffLogin(services);
  const admin = staffLogin(services, 'admin');
  const figureSaved = { description: '已保存', schema: figureSet, name: 'FigureSetSaved' };
  const refused = errorResponse(
    '配置不合规，未保存（VALIDATION_FAILED，details 列出全部问题）',
    'RulesRefused',
  );
  return [
    defineRoute({
      method: 'get',
      path: '/staff/calendar/years',
      operationId: 'listCalendarYears',
      summary: '2004—2100 年各年工作日历是正式还是预计',
      tags: ['staff'],
      auth: anyStaff,
      responses: {
        200: {
          description: '各年',
          schema: yup.object({ items: yup.array(calendarYearSummary).required() }),
        },
      },
      handler: async (ctx) => {
        ctx.body = { items: await calendar.years() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/calendar/years/:year',
      operationId: 'getCalendarYear',
      summary: '某年的放假日与调休上班日',
      tags: ['staff'],
      auth: anyStaff,
      params: yearParams,
      responses: { 200: { description: '该年安排', schema: calendarYearDetail }, 400: 'BadRequest' },
      handler: async (ctx, { params }) => {
        ctx.body = await calendar.year(params.year);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/staff/admin/calendar/years/:year',
      operationId: 'enterCalendarYear',
      summary: '录入（或替换）某年的正式节假日安排；在办事项的办理时限随即重算（仅管理员）',
      description:
        '同样可用命令行导入：npm run calendar:import -w bff -- 文件.json。录入后所有 bff 进程下一次使用即生效。',
      tags: ['staff'],
      auth: admin,
      params: yearParams,
      body: calendarYearBody,
      example: EXAMPLE_NOTICE,
      responses: {
        200: { description: '已录入', schema: calendarChange },
        400: 'BadRequest',
        422: refused,
      },
      handler: async (ctx, { params, body }) => {
        const change = await calendar.enterYear(
          { year: params.year, source: body.source, holidays: body.holidays, workdays: body.workdays },
          ctx.state.staff as never,
        );
        ctx.body = { ...(await calendar.year(params.year)), recomputed: change.recomputed };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/staff/admin/calendar/years/:year',
      operationId: 'withdrawCalendarYear',
      summary: '撤回管理员录入的某年安排（回到内置数据或预计）（仅管理员）',
      tags: ['staff'],
      auth: admin,
      params: yearParams,
      responses: {
        200: { description: '已撤回', schema: calendarChange },
        400: 'BadRequest',
        404: 'NotFound',
      },
      handler: async (ctx, { params }) => {
        const change = await calendar.withdrawYear(params.year, ctx.state.staff as never);
        ctx.body = { ...(await calendar.year(params.year)), recomputed: change.recomputed };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/rules/figures',
      operationId: 'listRuleFigures',
      summary: '业务参数（最低工资、缴费基数上下限、公积金比例与基数上限、退休年龄）及今日生效的期间',
      tags: ['staff'],
      auth: anyStaff,
      responses: { 200: { description: '各类参数', schema: figureList } },
      handler: async (ctx) => {
        ctx.body = await figures.list();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/staff/rules/figures/:kind/history',
      operationId: 'getRuleFigureHistory',
      summary: '某类参数的修改历史（最近 100 次）',
      tags: ['staff'],
      auth: anyStaff,
      params: kindParams,
      responses: { 200: { description: '历史', schema: figureHistory }, 400: 'BadRequest' },
      handler: async (ctx, { params }) => {
        ctx.body = { items: await figures.history(params.kind as RuleFigureKind) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/staff/admin/rules/figures/:kind/periods',
      operationId: 'addRuleFigurePeriod',
      summary: '新增一个生效期间；此前长期有效的期间在其前一天截止（仅管理员）',
      tags: ['staff'],
      auth: admin,
      params: kindParams,
      body: figureBody,
      example: {
        effectiveFrom: '2027-01-01',
        value: { floor: 4200, cap: 21000 },
        placeholder: false,
        source: '关于公布2027年度社会保险缴费基数上下限的通知',
      },
      responses: {
        201: figureSaved,
        400: 'BadRequest',
        409: errorResponse('同一生效日期已有期间（PERIOD_EXISTS）或版本已变（RULES_CHANGED）'),
        422: refused,
      },
      handler: async (ctx, { params, body }) => {
        const { revision: expected, ...input } = body;
        ctx.status = 201;
        ctx.body = await figures.add(
          params.kind as RuleFigureKind,
          input as never,
          ctx.state.staff as never,
          expected,
        );
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/staff/admin/rules/figures/:kind/periods/:effectiveFrom',
      operationId: 'updateRuleFigurePeriod',
      summary: '修改一个期间的数值、参考值标记、来源或截止日期（仅管理员）',
      tags: ['staff'],
      auth: admin,
      params: periodParams,
      body: figurePatch,
      example: { placeholder: false, value: { floor: 4200, cap: 21000 }, source: '正式通知' },
      responses: {
        200: figureSaved,
        400: 'BadRequest',
        404: 'NotFound',
        409: 'Conflict',
        422: refused,
      },
      handler: async (ctx, { params, body }) => {
        const { revision: expected, ...patch } = body;
        ctx.body = await figures.update(
          params.kind as RuleFigureKind,
          params.effectiveFrom,
          patch as never,
          ctx.state.staff as never,
          expected,
        );
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/staff/admin/rules/figures/:kind/periods/:effectiveFrom',
      operationId: 'deleteRuleFigurePeriod',
      summary: '删除一个尚未生效的期间（仅管理员）',
      tags: ['staff'],
      auth: admin,
      params: periodParams,
      query: strictObject({ revision }),
      responses: {
        200: { description: '已删除', schema: figureSet },
        400: 'BadRequest',
        404: 'NotFound',
        409: errorResponse('已生效的期间不能删除（PERIOD_IN_FORCE）或版本已变（RULES_CHANGED）'),
        422: refused,
      },
      handler: async (ctx, { params, query }) => {
        ctx.body = await figures.remove(
          params.kind as RuleFigureKind,
          params.effectiveFrom,
          ctx.state.staff as never,
          query.revision,
        );
      },
    }),
  ];
}

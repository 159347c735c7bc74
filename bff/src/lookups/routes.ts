// Auto-fill ("系统自动获取"): the unit by its USCC and a person by ID number from the shared data sources.
import * as yup from 'yup';
import { parseIdNumber, validateUscc } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { AppError, notFound } from '../http/errors';
import { maskIdNumber } from '../security/mask';
import { defineRoute, routeModule, type Route } from '../http/route';
import { cleanString, objectIdOf, strictObject } from '../http/validate';
import { errorResponse } from '../http/errorSchema';
import { employeeKeySchema } from '../drafts/draftSchema';

const usccQuery = yup.object({
  uscc: cleanString({ upper: true })
    .required('请填写统一社会信用代码')
    .test('uscc', '统一社会信用代码应为 18 位数字或大写字母', (v) => validateUscc(v).valid)
    .meta({ jsonSchema: { pattern: '^[0-9A-Z]{18}$' } }),
});

const personBody = strictObject({
  draftId: objectIdOf('草稿编号').meta({ description: '正在填写的草稿：查询只为填写该草稿中的员工' }),
  // The hire's row on that draft: it must already hold this ID number as saved (save the row, then look up).
  employeeKey: employeeKeySchema,
  idNumber: cleanString({ upper: true })
    .required('请填写身份证号码')
    .test('id', '身份证号码不正确（位数、出生日期或校验位有误）', (v) => parseIdNumber(v) !== null)
    .meta({ description: '18 位居民身份证号码（校验位正确）' }),
});

const unitRecordSchema = yup
  .object({
    uscc: yup.string().required(),
    name: yup.string().required(),
    address: yup.string().required(),
    legalRepresentative: yup.string().required(),
    socialInsuranceCode: yup.string().nullable(),
    housingFundAccount: yup.string().nullable(),
  })
  .meta({ name: 'UnitRecord' });

const personRecordSchema = yup
  .object({
    name: yup.string().required(),
    ethnicity: yup.string().required(),
    gender: yup.string().required(),
    hukouAddress: yup.string().required(),
  })
  .meta({ name: 'PersonRecord' });

export function lookupRoutes(services: Services): Route[] {
  return routeModule({ tags: ['auto-fill'], auth: accountLogin(services) }, [
    defineRoute({
      method: 'get',
      path: '/units/lookup',
      operationId: 'lookupUnit',
      summary: '按统一社会信用代码自动获取单位信息',
      query: usccQuery,
      responses: {
        200: { description: '单位登记信息', schema: unitRecordSchema },
        400: 'BadRequest',
        404: 'NotFound',
        503: 'Unavailable',
      },
      handler: async (ctx, { query: { uscc } }) => {
        const unit = await services.govData.unit(uscc);
        if (!unit) throw notFound('未查到该单位的登记信息，请核对统一社会信用代码或手工填写');
        // The legal representative's ID number is for the authority check only: the form shows the name.
        ctx.body = { ...unit, legalRepresentative: unit.legalRepresentative?.name ?? '' };
      },
    }),
    // POST, not GET: an ID number must not travel in a URL (proxies and access logs keep URLs).
    defineRoute({
      method: 'post',
      path: '/persons/lookup',
      operationId: 'lookupPerson',
      summary:
        '按身份证号码自动获取人员信息：仅限草稿中已保存该号码的员工（employeeKey）；POST：身份证号不进 URL',
      body: personBody,
      example: {
        draftId: '0123456789abcdef01234567',
        employeeKey: '0123456789ab',
        idNumber: '361102199003072010',
      },
      responses: {
        200: { description: '人员信息（仅表单自动填写的字段）', schema: personRecordSchema },
        400: 'BadRequest',
        403: errorResponse('该身份证号码不在草稿的这位员工上（LOOKUP_NOT_ON_DRAFT）：先保存该员工再查询'),
        404: 'NotFound',
        429: 'TooManyRequests',
        503: 'Unavailable',
      },
      handler: async (ctx, { body }) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = await lookupPerson(services, ctx.state.accountId, body);
      },
    }),
  ]);
}

const DAY_MS = 86_400_000;
/** Daily windows start at midnight China time (UTC+8). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * A person lookup has a purpose and a trail: only for the ID number saved on a hire's row of a draft the
 * caller owns (so nobody can read the register by trying numbers), within a daily budget per account and
 * per unit, and every attempt (answered, refused or not found) is written to the audit log with the masked
 * ID number. The answer holds only what the form fills in.
 */
async function lookupPerson(
  services: Services,
  accountId: string,
  { draftId, employeeKey, idNumber }: { draftId: string; employeeKey: string; idNumber: string },
) {
  const { audit, rateCounters, config } = services;
  const draft = await services.drafts.rowOf(accountId, draftId, employeeKey);
  const trail = (outcome: 'ok' | 'refused' | 'not-found' | 'error', reason?: string) =>
    audit.record({
      actor: { kind: 'account', id: accountId },
      action: 'person.lookup',
      subject: maskIdNumber(idNumber),
      purpose: 'draft-employee-autofill',
      outcome,
      detail: { draftId, ...(draft?.uscc ? { uscc: draft.uscc } : {}), ...(reason ? { reason } : {}) },
    });
  if (!draft) {
    await trail('refused', 'not-own-draft');
    throw notFound('草稿不存在或已删除');
  }
  if (draft.row?.idNumber?.trim().toUpperCase() !== idNumber) {
    await trail('refused', draft.row ? 'not-on-row' : 'no-such-row');
    throw new AppError(
      403,
      'LOOKUP_NOT_ON_DRAFT',
      '只能为草稿中已保存的员工自动获取信息：请先保存这位员工的身份证号码，或手工填写',
    );
  }
  const now = Date.now() + CHINA_OFFSET_MS;
  const perAccount = await rateCounters.hit('person-lookup:account', accountId, DAY_MS, now);
  const perUnit = draft.uscc
    ? await rateCounters.hit('person-lookup:unit', draft.uscc, DAY_MS, now)
    : { count: 0 };
  if (
    perAccount.count > config.limits.personLookupsPerDay ||
    perUnit.count > config.limits.personLookupsPerUnitPerDay
  ) {
    await trail('refused', 'daily-cap');
    throw new AppError(429, 'LOOKUP_LIMIT_REACHED', '今日自动获取人员信息的次数已用完，请手工填写');
  }
  let person;
  try {
    person = await services.govData.person(idNumber);
  } catch (error) {
    await trail('error');
    throw error;
  }
  await trail(person ? 'ok' : 'not-found');
  if (!person) throw notFound('未查到该身份证号码对应的人员信息，请手工填写');
  return {
    name: person.name,
    ethnicity: person.ethnicity,
    gender: person.gender,
    hukouAddress: person.hukouAddress,
  };
}

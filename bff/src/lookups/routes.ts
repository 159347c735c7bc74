// Auto-fill ("系统自动获取"): the unit by its USCC and a person by ID number from the shared data sources.
import * as yup from 'yup';
import { parseIdNumber, validateUscc } from '@hiring/shared';
import type { Services } from '../context';
import { accountLogin } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { defineRoute, routeModule, type Route } from '../http/route';
import { cleanString, strictObject } from '../http/validate';

const usccQuery = yup.object({
  uscc: cleanString({ upper: true })
    .required('请填写统一社会信用代码')
    .test('uscc', '统一社会信用代码应为 18 位数字或大写字母', (v) => validateUscc(v).valid)
    .meta({ jsonSchema: { pattern: '^[0-9A-Z]{18}$' } }),
});

const personBody = strictObject({
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
      summary: '按身份证号码自动获取人员信息（POST：身份证号不进 URL）',
      body: personBody,
      example: { idNumber: '361102199003072010' },
      responses: {
        200: { description: '人员信息', schema: personRecordSchema },
        400: 'BadRequest',
        404: 'NotFound',
        503: 'Unavailable',
      },
      handler: async (ctx, { body: { idNumber } }) => {
        const person = await services.govData.person(idNumber);
        if (!person) throw notFound('未查到该身份证号码对应的人员信息，请手工填写');
        ctx.body = {
          name: person.name,
          ethnicity: person.ethnicity,
          gender: person.gender,
          hukouAddress: person.hukouAddress,
        };
      },
    }),
  ]);
}

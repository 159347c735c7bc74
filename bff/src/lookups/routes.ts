// Auto-fill ("系统自动获取"): the unit by its USCC and a person by ID number from the shared data sources.
import Router from 'koa-router';
import * as yup from 'yup';
import { parseIdNumber, validateUscc } from '@hiring/shared';
import type { Services } from '../context';
import { requireAccount } from '../accounts/requireAccount';
import { notFound } from '../http/errors';
import { cleanString, parseInput, strictObject } from '../http/validate';

const usccQuery = yup.object({
  uscc: cleanString({ upper: true })
    .required('请填写统一社会信用代码')
    .test('uscc', '统一社会信用代码应为 18 位数字或大写字母', (v) => validateUscc(v).valid),
});

const personBody = strictObject({
  idNumber: cleanString({ upper: true })
    .required('请填写身份证号码')
    .test('id', '身份证号码不正确（位数、出生日期或校验位有误）', (v) => parseIdNumber(v) !== null),
});

export function lookupRoutes(services: Services): Router {
  const router = new Router();
  // Login is checked route by route: koa-router runs a nested router's use() middleware for every route
  // mounted after it, so a router-wide use() would also lock routes that must stay public.
  const auth = requireAccount(services);

  router.get('/units/lookup', auth, async (ctx) => {
    const { uscc } = parseInput(usccQuery, { uscc: ctx.query.uscc });
    const unit = await services.govData.unit(uscc);
    if (!unit) throw notFound('未查到该单位的登记信息，请核对统一社会信用代码或手工填写');
    ctx.body = unit;
  });

  // POST, not GET: an ID number must not travel in a URL (proxies and access logs keep URLs).
  router.post('/persons/lookup', auth, async (ctx) => {
    const { idNumber } = parseInput(personBody, ctx.request.body);
    const person = await services.govData.person(idNumber);
    if (!person) throw notFound('未查到该身份证号码对应的人员信息，请手工填写');
    ctx.body = {
      name: person.name,
      ethnicity: person.ethnicity,
      gender: person.gender,
      hukouAddress: person.hukouAddress,
    };
  });

  return router;
}

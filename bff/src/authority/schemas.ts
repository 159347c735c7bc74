// Bounded request schemas of the identity and authority routes (the OpenAPI document mirrors them).
import * as yup from 'yup';
import {
  addDays,
  isMainlandMobile,
  isRealDate,
  normalizeMobile,
  parseIdNumber,
  todayInChina,
  validateUscc,
} from '@hiring/shared';
import { cleanString, strictObject } from '../http/validate';

/** Longest authorization the app issues: a year and a day (a paper one may say the same). */
export const MAX_AUTHORIZATION_DAYS = 366;

export const personName = (label: string) =>
  cleanString()
    .required(`请填写${label}姓名`)
    .max(30, `${label}姓名最多 30 个字`)
    .matches(/^[\p{L}·•]{2,30}$/u, `${label}姓名只能包含文字和间隔号“·”`);

export const idNumber = (label: string) =>
  cleanString({ upper: true })
    .required(`请填写${label}身份证号码`)
    .max(18, `${label}身份证号码应为 18 位`)
    .test(
      'id',
      `${label}身份证号码不正确（位数、出生日期或校验位有误）`,
      (v) => !!v && parseIdNumber(v) !== null,
    );

export const usccValue = cleanString({ upper: true })
  .required('请填写统一社会信用代码')
  .max(18, '统一社会信用代码应为 18 位')
  .test(
    'uscc',
    '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
    (v) => validateUscc(v).valid,
  );

const phone = cleanString()
  .required('请填写经办人手机号码')
  .max(20, '手机号码应为 11 位')
  .test('mobile', '手机号码应为 11 位中国大陆手机号', (v) => isMainlandMobile(v))
  .transform((v: unknown) => (typeof v === 'string' ? normalizeMobile(v) : v));

const expiresOn = cleanString()
  .required('请选择授权截止日期')
  .matches(/^\d{4}-\d{2}-\d{2}$/, '授权截止日期格式应为 YYYY-MM-DD')
  .test('real', '授权截止日期不是有效日期', (v) => !!v && isRealDate(v))
  .test('future', '授权截止日期应晚于今天', (v) => !!v && v > todayInChina())
  .test(
    'bounded',
    `授权期限最长 ${MAX_AUTHORIZATION_DAYS} 天`,
    (v) => !!v && v <= addDays(todayInChina(), MAX_AUTHORIZATION_DAYS),
  );

export const identityBody = strictObject({ name: personName('本人'), idNumber: idNumber('本人') });

export const claimBody = strictObject({ uscc: usccValue });

export const grantBody = strictObject({
  name: personName('经办人'),
  idNumber: idNumber('经办人'),
  phone,
  expiresOn,
});

export const paperGrantBody = strictObject({
  uscc: usccValue,
  name: personName('经办人'),
  idNumber: idNumber('经办人'),
  phone,
  expiresOn,
  reference: cleanString()
    .required('请填写纸质授权书编号')
    .max(40, '授权书编号最多 40 个字符')
    .matches(/^[\p{L}\p{N}_-]+$/u, '授权书编号只能包含文字、数字、下划线和短横线'),
});

export const usccParam = yup.object({ uscc: usccValue });

// Production start-up refuses what only belongs beside the stand-ins: stand-in URLs and
// secrets, a localhost CORS default, one callback key for every agency.
import { ConfigError, loadConfig } from '../../src/config';
import { productionEnv } from '../helpers/productionEnv';

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as never);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

it('starts with a complete production environment, with two keys for an agency in rotation', () => {
  expect(problemsOf(productionEnv())).toEqual([]);
  expect(loadConfig(productionEnv()).agencyCallbackKeys.housingFund).toHaveLength(2);
});

it('refuses stand-in URLs, whether left to the default or set to a local address', () => {
  expect(problemsOf({ ...productionEnv(), HRSS_URL: undefined })).toEqual([
    '生产环境必须设置 HRSS_URL（不能使用本机替身系统地址）',
  ]);
  expect(problemsOf({ ...productionEnv(), GOV_DATA_URL: 'http://127.0.0.1:4301' })).toEqual([
    '生产环境必须设置 GOV_DATA_URL（不能使用本机替身系统地址）',
  ]);
});

it('refuses the stand-in secrets and one key shared by the agencies', () => {
  const env = productionEnv();
  expect(problemsOf({ ...env, WECHAT_APP_SECRET: 'mock-wechat-app-secret' })).toEqual([
    '生产环境不能使用替身系统的密钥（WECHAT_APP_SECRET、各部门回调密钥）',
  ]);
  expect(problemsOf({ ...env, HRSS_CALLBACK_KEYS: 'mock-callback-secret-change-me' })).toEqual([
    '生产环境不能使用替身系统的密钥（WECHAT_APP_SECRET、各部门回调密钥）',
  ]);
  expect(problemsOf({ ...env, MEDICAL_SECURITY_CALLBACK_KEYS: env.HRSS_CALLBACK_KEYS })).toEqual([
    '各部门的回调签名密钥不能相同',
  ]);
  expect(problemsOf({ ...env, HOUSING_FUND_CALLBACK_KEYS: undefined })).toEqual([
    '生产环境必须设置 HOUSING_FUND_CALLBACK_KEYS（该部门回调的签名密钥）',
  ]);
});

it('refuses a missing CORS_ORIGINS instead of the localhost default', () => {
  expect(problemsOf({ ...productionEnv(), CORS_ORIGINS: undefined })).toEqual([
    '生产环境必须设置 CORS_ORIGINS（允许调用接口的前端来源）',
  ]);
});

it('keeps the stand-in defaults outside production', () => {
  const config = loadConfig({ MONGODB_URI: 'mongodb://127.0.0.1/x' });
  expect(config.agencyCallbackKeys.hrss).toEqual(['mock-callback-secret-change-me']);
  expect(config.corsOrigins).toContain('http://127.0.0.1:10086');
});

it('refuses a DATA_KEY that is also another secret', () => {
  const env = productionEnv();
  for (const other of ['HRSS_CALLBACK_KEYS', 'WECHAT_APP_SECRET', 'STAFF_OIDC_CLIENT_SECRET']) {
    expect(problemsOf({ ...env, [other]: env.DATA_KEY })).toContain(
      'DATA_KEY 不能与回调签名密钥、WECHAT_APP_SECRET 或 STAFF_OIDC_CLIENT_SECRET 相同',
    );
  }
  expect(problemsOf(env)).toEqual([]);
});

// A complete production environment (fresh random keys each call): loadConfig accepts it without a problem.
// Tests of what production refuses change one thing in it.
import { randomBytes } from 'node:crypto';

const key = () => randomBytes(32).toString('base64');

export function productionEnv(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    MONGODB_URI: 'mongodb://db.internal:27017/hiring',
    DATA_KEY: key(),
    STAFF_OIDC_ISSUER: 'https://idp.example.gov.cn/oidc',
    STAFF_OIDC_CLIENT_SECRET: randomBytes(24).toString('hex'),
    STAFF_OIDC_REDIRECT_URI: 'https://zp.example.gov.cn/api/v1/staff/auth/callback',
    WECHAT_URL: 'https://wechat.gateway.internal',
    WECHAT_APP_ID: 'wx1234567890abcdef',
    WECHAT_APP_SECRET: randomBytes(16).toString('hex'),
    ALIPAY_URL: 'https://alipay.gateway.internal',
    ALIPAY_APP_ID: '2021001234567890',
    GOV_DATA_URL: 'https://data.gov.internal',
    HRSS_URL: 'https://hrss.gov.internal',
    MEDICAL_SECURITY_URL: 'https://ybj.gov.internal',
    HOUSING_FUND_URL: 'https://gjj.gov.internal',
    HRSS_CALLBACK_KEYS: randomBytes(16).toString('hex'),
    MEDICAL_SECURITY_CALLBACK_KEYS: randomBytes(16).toString('hex'),
    HOUSING_FUND_CALLBACK_KEYS: `${randomBytes(16).toString('hex')},${randomBytes(16).toString('hex')}`,
    CORS_ORIGINS: 'https://hiring.shangrao.gov.cn',
  };
}

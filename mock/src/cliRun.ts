// What `node mock/dist/cli.js` does, importable so a test can run it on free ports.
import { DEFAULT_PORTS, SERVICE_NAMES, startMocks, type RunningMocks, type ServiceName } from './index';

const ENV_PORTS: Record<ServiceName, string> = {
  hrss: 'MOCK_HRSS_PORT',
  medicalSecurity: 'MOCK_MEDICAL_SECURITY_PORT',
  housingFund: 'MOCK_HOUSING_FUND_PORT',
  wechat: 'MOCK_WECHAT_PORT',
  alipay: 'MOCK_ALIPAY_PORT',
  govData: 'MOCK_GOV_DATA_PORT',
  staffIdp: 'MOCK_STAFF_IDP_PORT',
};

function port(env: NodeJS.ProcessEnv, name: ServiceName): number {
  const raw = env[ENV_PORTS[name]];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${ENV_PORTS[name]} 不是有效端口：${raw}`);
  return value;
}

/** Starts all stand-ins from environment variables and writes the ready line to `out`. */
export async function runFromEnv(env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<RunningMocks> {
  const reviewMode = env.MOCK_REVIEW_MODE === 'manual' ? 'manual' : 'auto';
  const workingDayMs = env.MOCK_WORKING_DAY_MS ? Number(env.MOCK_WORKING_DAY_MS) : undefined;
  if (workingDayMs !== undefined && !(workingDayMs >= 10)) {
    throw new Error(`MOCK_WORKING_DAY_MS 必须是不小于 10 的数字：${env.MOCK_WORKING_DAY_MS}`);
  }
  const mocks = await startMocks({
    ports: Object.fromEntries(SERVICE_NAMES.map((name) => [name, port(env, name)])),
    host: env.MOCK_HOST || '127.0.0.1',
    callbackSecret: env.MOCK_CALLBACK_SECRET || undefined,
    workingDayMs,
    reviewMode,
    seed: env.MOCK_SEED || undefined,
    callbackUrls: {
      hrss: env.MOCK_CALLBACK_URL_HRSS || env.MOCK_CALLBACK_URL || undefined,
      medicalSecurity: env.MOCK_CALLBACK_URL_MEDICAL_SECURITY || env.MOCK_CALLBACK_URL || undefined,
      housingFund: env.MOCK_CALLBACK_URL_HOUSING_FUND || env.MOCK_CALLBACK_URL || undefined,
    },
    wechat:
      env.MOCK_WECHAT_APPID && env.MOCK_WECHAT_SECRET
        ? { appId: env.MOCK_WECHAT_APPID, appSecret: env.MOCK_WECHAT_SECRET }
        : undefined,
    alipay: env.MOCK_ALIPAY_APPID ? { appId: env.MOCK_ALIPAY_APPID } : undefined,
  });
  out(JSON.stringify({ ready: true, urls: mocks.urls }));
  return mocks;
}

// `node mock/dist/cli.js`: all stand-ins on fixed ports, one JSON line on stdout when they are listening.
import { DEFAULT_PORTS, SERVICE_NAMES, startMocks, type ServiceName } from './index';

const ENV_PORTS: Record<ServiceName, string> = {
  hrss: 'MOCK_HRSS_PORT',
  medicalSecurity: 'MOCK_MEDICAL_SECURITY_PORT',
  housingFund: 'MOCK_HOUSING_FUND_PORT',
  wechat: 'MOCK_WECHAT_PORT',
  alipay: 'MOCK_ALIPAY_PORT',
  govData: 'MOCK_GOV_DATA_PORT',
};

function port(name: ServiceName): number {
  const raw = process.env[ENV_PORTS[name]];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${ENV_PORTS[name]} 不是有效端口：${raw}`);
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const reviewMode = env.MOCK_REVIEW_MODE === 'manual' ? 'manual' : 'auto';
  const mocks = await startMocks({
    ports: Object.fromEntries(SERVICE_NAMES.map((name) => [name, port(name)])),
    host: env.MOCK_HOST || '127.0.0.1',
    callbackSecret: env.MOCK_CALLBACK_SECRET || undefined,
    workingDayMs: env.MOCK_WORKING_DAY_MS ? Number(env.MOCK_WORKING_DAY_MS) : undefined,
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
  process.stdout.write(`${JSON.stringify({ ready: true, urls: mocks.urls })}\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`mock: ${signal} received, stopping`);
    mocks.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`mock: failed to start: ${error.message}`);
  process.exit(1);
});

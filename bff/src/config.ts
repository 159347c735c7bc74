// Configuration from the environment, checked once at start-up so a bad deployment fails loudly and early.
import * as yup from 'yup';
import { DEV_STAFF_TOKENS, parseStaffTokens, type StaffTokenEntry } from './staff/staffTokens';
import { ocrConfigFromEnv, OcrConfigError, type OcrConfig } from './ocr/config';

const DEV_DATA_KEY = Buffer.alloc(32, 'dev-only-data-key').toString('base64');
/** The client secret the identity provider stand-in registers (mock/src/idp). */
const DEV_STAFF_OIDC_SECRET = 'mock-staff-oidc-secret-change-me';

/** What the stand-ins (mock/) use: fine beside them, refused in production. */
const STAND_IN_SECRETS = ['mock-callback-secret-change-me', 'mock-wechat-app-secret'];
const STAND_IN_HOST = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;
const AGENCY_KEY_VARS = {
  hrss: 'HRSS_CALLBACK_KEYS',
  medicalSecurity: 'MEDICAL_SECURITY_CALLBACK_KEYS',
  housingFund: 'HOUSING_FUND_CALLBACK_KEYS',
} as const;
type AgencyKey = keyof typeof AGENCY_KEY_VARS;

/** "key" or "new,old" during a rotation: at most two keys, each at least 16 characters. */
const callbackKeys = (name: string) =>
  yup.string().test('keys', `${name} 应为 1-2 个逗号分隔的密钥，每个至少 16 个字符`, (value) => {
    if (value === undefined) return true;
    const keys = value.split(',').map((k) => k.trim());
    return keys.length <= 2 && keys.every((k) => k.length >= 16);
  });

const base64Key = (name: string) =>
  yup
    .string()
    .test(
      'key-32-bytes',
      `${name} 必须是 32 字节密钥的 base64 编码（例如 openssl rand -base64 32 的输出）`,
      (value) => !value || Buffer.from(value, 'base64').length === 32,
    );

const url = (name: string) => yup.string().matches(/^https?:\/\/[^\s]+$/, `${name} 必须是 http(s) 地址`);

/** A whole-number setting: at least `min` (and at most `max` when given), `fallback` when it is not set. */
const wholeNumber = (min: number, fallback: number, max?: number) => {
  const number = yup.number().integer().min(min);
  return (max === undefined ? number : number.max(max)).default(fallback);
};

const schema = yup.object({
  NODE_ENV: yup.string().oneOf(['development', 'test', 'production']).default('development'),
  HOST: yup.string().default('127.0.0.1'),
  PORT: wholeNumber(0, 3000, 65535),
  MONGODB_URI: yup
    .string()
    .required('MONGODB_URI 未设置：请提供 MongoDB 连接串（npm start 会自动启动内置数据库并设置它）')
    .matches(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI 必须以 mongodb:// 或 mongodb+srv:// 开头'),
  LOG_LEVEL: yup
    .string()
    .oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  BODY_LIMIT: yup
    .string()
    .matches(/^\d+(\.\d+)?\s*(b|kb|mb)?$/i, 'BODY_LIMIT 应为大小，例如 1mb、512kb')
    .default('1mb'),
  BODY_TIMEOUT_MS: wholeNumber(100, 30000, 300000),
  CORS_ORIGINS: yup.string().default('http://127.0.0.1:10086,http://localhost:10086'),
  DATA_KEY: base64Key('DATA_KEY'),
  DEV_LOGIN: yup.boolean().default(false),
  // External systems. Defaults point at the stand-ins that `npm start` runs (mock/).
  WECHAT_URL: url('WECHAT_URL').default('http://127.0.0.1:4201'),
  WECHAT_APP_ID: yup.string().default('wx0000000000mock01'),
  WECHAT_APP_SECRET: yup.string().default('mock-wechat-app-secret'),
  ALIPAY_URL: url('ALIPAY_URL').default('http://127.0.0.1:4202'),
  ALIPAY_APP_ID: yup.string().default('2021000000000001'),
  GOV_DATA_URL: url('GOV_DATA_URL').default('http://127.0.0.1:4301'),
  HRSS_URL: url('HRSS_URL').default('http://127.0.0.1:4101'),
  MEDICAL_SECURITY_URL: url('MEDICAL_SECURITY_URL').default('http://127.0.0.1:4102'),
  HOUSING_FUND_URL: url('HOUSING_FUND_URL').default('http://127.0.0.1:4103'),
  AGENCY_CALLBACK_SECRET: yup
    .string()
    .min(16, 'AGENCY_CALLBACK_SECRET 至少 16 个字符')
    .default('mock-callback-secret-change-me'),
  HRSS_CALLBACK_KEYS: callbackKeys('HRSS_CALLBACK_KEYS'),
  MEDICAL_SECURITY_CALLBACK_KEYS: callbackKeys('MEDICAL_SECURITY_CALLBACK_KEYS'),
  HOUSING_FUND_CALLBACK_KEYS: callbackKeys('HOUSING_FUND_CALLBACK_KEYS'),
  /** How many reverse proxies in front of the bff append to X-Forwarded-For (0: none, use the peer). */
  TRUST_PROXY: wholeNumber(0, 0, 5),
  /** Failed logins/tokens per IP and minute before that IP must wait (valid sessions are not affected). */
  AUTH_FAILURES_PER_MINUTE: wholeNumber(1, 60),
  LOGINS_PER_MINUTE: wholeNumber(1, 30),
  CALLBACKS_PER_MINUTE: wholeNumber(1, 3000),
  HEALTH_CHECKS_PER_MINUTE: wholeNumber(1, 1200),
  PERSON_LOOKUPS_PER_DAY: wholeNumber(1, 200),
  PERSON_LOOKUPS_PER_UNIT_PER_DAY: wholeNumber(1, 1000),
  /** Excel exports of the supervision dashboard per staff member and hour, and the rows one may hold. */
  SUPERVISOR_EXPORTS_PER_HOUR: wholeNumber(1, 20, 1000),
  SUPERVISOR_EXPORT_MAX_ROWS: wholeNumber(1, 5000, 50000),
  MAX_OPEN_DRAFTS: wholeNumber(1, 50, 1000),
  AGENCY_TIMEOUT_MS: wholeNumber(100, 5000, 60000),
  SESSION_TTL_HOURS: wholeNumber(1, 24 * 7, 24 * 30),
  RATE_LIMIT_PER_MINUTE: wholeNumber(1, 600),
  WORKERS: yup.boolean().default(true),
  DISPATCH_CONCURRENCY: wholeNumber(1, 4, 64),
  DISPATCH_LEASE_MS: wholeNumber(500, 30000),
  DISPATCH_BACKOFF_MS: wholeNumber(10, 1000),
  DISPATCH_BACKOFF_CAP_MS: wholeNumber(100, 300000),
  DISPATCH_POLL_MS: wholeNumber(10, 500),
  RECONCILE_AFTER_MS: wholeNumber(100, 600000),
  JOB_INTERVAL_MS: wholeNumber(100, 3600000),
  RELIEF_REMINDER_DAYS: wholeNumber(1, 7, 28),
  // Subscribe-message templates; the defaults are the ones the stand-ins know.
  TEMPLATE_CASE_RESULT: yup.string().max(64).default('mock_tpl_case_result'),
  TEMPLATE_CASE_RETURNED: yup.string().max(64).default('mock_tpl_case_returned'),
  // Staff login: OpenID Connect against the province's 统一身份认证 (the stand-in in mock/src/idp by default).
  STAFF_OIDC_ISSUER: url('STAFF_OIDC_ISSUER').default('http://127.0.0.1:4401'),
  STAFF_OIDC_CLIENT_ID: yup.string().max(200).default('hiring-staff-console'),
  STAFF_OIDC_CLIENT_SECRET: yup.string().max(500).default(DEV_STAFF_OIDC_SECRET),
  STAFF_OIDC_SCOPE: yup
    .string()
    .max(500)
    .matches(
      /^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/,
      'STAFF_OIDC_SCOPE 应为空格分隔的 scope',
    )
    .default('openid profile staff'),
  STAFF_OIDC_REDIRECT_URI: url('STAFF_OIDC_REDIRECT_URI'),
  STAFF_CONSOLE_URL: url('STAFF_CONSOLE_URL'),
  STAFF_SESSION_IDLE_MINUTES: wholeNumber(1, 30, 480),
  STAFF_SESSION_MAX_HOURS: wholeNumber(1, 12, 24),
  // Staff bearer tokens, for tests and development only (refused in production): see staff/staffTokens.ts.
  STAFF_TOKENS: yup.string().max(20000, 'STAFF_TOKENS 过长（最多 20000 个字符）'),
  // The public status-lookup page the QR codes on the printed form and receipt open (?code= is appended).
  LOOKUP_PAGE_URL: url('LOOKUP_PAGE_URL').default('http://127.0.0.1:10086/#/pages/lookup/index'),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  mongodbUri: string;
  logLevel: string;
  /** Bytes: the largest body (a draft with its employees); other routes allow less, see app.ts. */
  bodyLimit: number;
  /** A request body must have arrived within this time (a slow body holds a connection and memory). */
  bodyTimeoutMs: number;
  corsOrigins: string[];
  /** AES-256-GCM key for personal data at rest. */
  dataKey: Buffer;
  /** HMAC key for lookup hashes of ID numbers. */
  devLogin: boolean;
  wechat: { url: string; appId: string; appSecret: string };
  alipay: { url: string; appId: string };
  govDataUrl: string;
  agencies: { hrss: string; medicalSecurity: string; housingFund: string };
  /** Per agency, the keys its callbacks may be signed with (two during a rotation). */
  agencyCallbackKeys: Record<AgencyKey, string[]>;
  agencyTimeoutMs: number;
  sessionTtlMs: number;
  rateLimitPerMinute: number;
  /** Reverse proxies trusted to append the client's address to X-Forwarded-For. */
  trustProxy: number;
  /** Separate budgets, so one kind of traffic cannot lock out another. */
  limits: {
    authFailuresPerMinute: number;
    loginsPerMinute: number;
    callbacksPerMinute: number;
    healthChecksPerMinute: number;
    personLookupsPerDay: number;
    personLookupsPerUnitPerDay: number;
    supervisorExportsPerHour: number;
    supervisorExportMaxRows: number;
  };
  maxOpenDrafts: number;
  /** Whether this process runs the background workers (dispatch, purge, reminders). */
  workers: boolean;
  dispatch: {
    concurrency: number;
    leaseMs: number;
    backoffBaseMs: number;
    backoffCapMs: number;
    pollMs: number;
    reconcileAfterMs: number;
  };
  jobIntervalMs: number;
  reliefReminderDays: number;
  templates: NoticeTemplates;
  /** Bearer tokens for staff routes in tests and development (never in production). */
  staffTokens: StaffTokenEntry[];
  staff: StaffLoginConfig;
  /** The status-lookup page behind the QR codes (H5; the mini-programs map it to pages/lookup/index). */
  lookupPageUrl: string;
  /** ID-card OCR engine and its queue (OCR_* variables, see ocr/config.ts). */
  ocr: OcrConfig;
}

export interface StaffLoginConfig {
  oidc: { issuer: string; clientId: string; clientSecret: string; scope: string; redirectUri?: string };
  /** Where the console is served; unset: the origin the login was started from (console behind the same origin). */
  consoleUrl?: string;
  idleMs: number;
  maxMs: number;
}

export interface NoticeTemplates {
  result: string;
  returned: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function sizeInBytes(text: string): number {
  const [, amount, unit = 'b'] = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/i.exec(text.trim())!;
  return Math.floor(Number(amount) * { b: 1, kb: 1024, mb: 1024 * 1024 }[unit.toLowerCase() as 'b']);
}

/**
 * The configuration for a command line, or null once its problems are printed (the caller exits with 78,
 * EX_CONFIG): an operator sees what to fix in Chinese, not a stack trace.
 */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | null {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return null;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let parsed: yup.InferType<typeof schema>;
  try {
    parsed = schema.validateSync(env, { abortEarly: false, stripUnknown: true });
  } catch (error) {
    if (error instanceof yup.ValidationError) throw new ConfigError(error.errors);
    throw error;
  }
  const problems: string[] = [];
  const production = parsed.NODE_ENV === 'production';
  if (production && !parsed.DATA_KEY) problems.push('生产环境必须设置 DATA_KEY（个人信息加密密钥）');
  if (production && parsed.DEV_LOGIN) problems.push('生产环境不允许开启 DEV_LOGIN');
  const agencyCallbackKeys = Object.fromEntries(
    (Object.entries(AGENCY_KEY_VARS) as [AgencyKey, string][]).map(([agency, name]) => {
      const value = parsed[name as keyof typeof parsed] as string | undefined;
      // Beside the stand-ins one shared secret may serve all three; production names each agency's keys.
      if (production && !value) problems.push(`生产环境必须设置 ${name}（该部门回调的签名密钥）`);
      const fallback = production ? [] : [parsed.AGENCY_CALLBACK_SECRET];
      const keys = value ? value.split(',').map((k) => k.trim()) : fallback;
      return [agency, keys];
    }),
  ) as Record<AgencyKey, string[]>;
  if (production) {
    const allKeys = Object.values(agencyCallbackKeys).flat();
    if (new Set(allKeys).size !== allKeys.length) problems.push('各部门的回调签名密钥不能相同');
    const secrets = [...allKeys, parsed.WECHAT_APP_SECRET];
    // The data key encrypts everything personal: it must not also travel as another system's secret.
    if (parsed.DATA_KEY && [...secrets, parsed.STAFF_OIDC_CLIENT_SECRET].includes(parsed.DATA_KEY))
      problems.push('DATA_KEY 不能与回调签名密钥、WECHAT_APP_SECRET 或 STAFF_OIDC_CLIENT_SECRET 相同');
    if (secrets.some((secret) => STAND_IN_SECRETS.includes(secret)))
      problems.push('生产环境不能使用替身系统的密钥（WECHAT_APP_SECRET、各部门回调密钥）');
    const urls = {
      WECHAT_URL: parsed.WECHAT_URL,
      ALIPAY_URL: parsed.ALIPAY_URL,
      GOV_DATA_URL: parsed.GOV_DATA_URL,
      HRSS_URL: parsed.HRSS_URL,
      MEDICAL_SECURITY_URL: parsed.MEDICAL_SECURITY_URL,
      HOUSING_FUND_URL: parsed.HOUSING_FUND_URL,
    };
    for (const [name, value] of Object.entries(urls)) {
      if (!env[name] || STAND_IN_HOST.test(value))
        problems.push(`生产环境必须设置 ${name}（不能使用本机替身系统地址）`);
    }
    if (!env.CORS_ORIGINS) problems.push('生产环境必须设置 CORS_ORIGINS（允许调用接口的前端来源）');
    if (!env.WECHAT_APP_ID || !env.WECHAT_APP_SECRET || !env.ALIPAY_APP_ID)
      problems.push('生产环境必须设置 WECHAT_APP_ID、WECHAT_APP_SECRET 与 ALIPAY_APP_ID');
  }
  let staffTokens: StaffTokenEntry[] = production ? [] : [...DEV_STAFF_TOKENS];
  if (parsed.STAFF_TOKENS !== undefined && production) {
    problems.push('生产环境不使用 STAFF_TOKENS：工作人员通过统一身份认证（STAFF_OIDC_*）登录');
  } else if (parsed.STAFF_TOKENS !== undefined) {
    const staff = parseStaffTokens(parsed.STAFF_TOKENS);
    problems.push(...staff.problems);
    staffTokens = staff.entries;
  }
  if (production) {
    if (!parsed.STAFF_OIDC_ISSUER.startsWith('https://'))
      problems.push('生产环境的 STAFF_OIDC_ISSUER 必须是 https 地址');
    if (parsed.STAFF_OIDC_CLIENT_SECRET === DEV_STAFF_OIDC_SECRET)
      problems.push('生产环境必须设置 STAFF_OIDC_CLIENT_SECRET（统一身份认证分配的客户端密钥）');
    if (!parsed.STAFF_OIDC_REDIRECT_URI?.startsWith('https://'))
      problems.push('生产环境必须设置 STAFF_OIDC_REDIRECT_URI（https，在统一身份认证登记的回调地址）');
  }
  let ocr: OcrConfig | undefined;
  try {
    ocr = ocrConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof OcrConfigError)) throw error;
    problems.push(error.message);
  }
  if (problems.length || !ocr) throw new ConfigError(problems);

  return {
    env: parsed.NODE_ENV as Config['env'],
    host: parsed.HOST,
    port: parsed.PORT,
    mongodbUri: parsed.MONGODB_URI,
    logLevel: parsed.LOG_LEVEL,
    bodyLimit: sizeInBytes(parsed.BODY_LIMIT),
    bodyTimeoutMs: parsed.BODY_TIMEOUT_MS,
    corsOrigins: parsed.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    dataKey: Buffer.from(parsed.DATA_KEY ?? DEV_DATA_KEY, 'base64'),
    devLogin: parsed.DEV_LOGIN,
    wechat: { url: parsed.WECHAT_URL, appId: parsed.WECHAT_APP_ID, appSecret: parsed.WECHAT_APP_SECRET },
    alipay: { url: parsed.ALIPAY_URL, appId: parsed.ALIPAY_APP_ID },
    govDataUrl: parsed.GOV_DATA_URL,
    agencies: {
      hrss: parsed.HRSS_URL,
      medicalSecurity: parsed.MEDICAL_SECURITY_URL,
      housingFund: parsed.HOUSING_FUND_URL,
    },
    agencyCallbackKeys,
    agencyTimeoutMs: parsed.AGENCY_TIMEOUT_MS,
    sessionTtlMs: parsed.SESSION_TTL_HOURS * 3600 * 1000,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    trustProxy: parsed.TRUST_PROXY,
    limits: {
      authFailuresPerMinute: parsed.AUTH_FAILURES_PER_MINUTE,
      loginsPerMinute: parsed.LOGINS_PER_MINUTE,
      callbacksPerMinute: parsed.CALLBACKS_PER_MINUTE,
      healthChecksPerMinute: parsed.HEALTH_CHECKS_PER_MINUTE,
      personLookupsPerDay: parsed.PERSON_LOOKUPS_PER_DAY,
      personLookupsPerUnitPerDay: parsed.PERSON_LOOKUPS_PER_UNIT_PER_DAY,
      supervisorExportsPerHour: parsed.SUPERVISOR_EXPORTS_PER_HOUR,
      supervisorExportMaxRows: parsed.SUPERVISOR_EXPORT_MAX_ROWS,
    },
    maxOpenDrafts: parsed.MAX_OPEN_DRAFTS,
    workers: parsed.WORKERS,
    dispatch: {
      concurrency: parsed.DISPATCH_CONCURRENCY,
      leaseMs: parsed.DISPATCH_LEASE_MS,
      backoffBaseMs: parsed.DISPATCH_BACKOFF_MS,
      backoffCapMs: parsed.DISPATCH_BACKOFF_CAP_MS,
      pollMs: parsed.DISPATCH_POLL_MS,
      reconcileAfterMs: parsed.RECONCILE_AFTER_MS,
    },
    jobIntervalMs: parsed.JOB_INTERVAL_MS,
    reliefReminderDays: parsed.RELIEF_REMINDER_DAYS,
    templates: {
      result: parsed.TEMPLATE_CASE_RESULT,
      returned: parsed.TEMPLATE_CASE_RETURNED,
    },
    staffTokens,
    staff: {
      oidc: {
        issuer: parsed.STAFF_OIDC_ISSUER,
        clientId: parsed.STAFF_OIDC_CLIENT_ID,
        clientSecret: parsed.STAFF_OIDC_CLIENT_SECRET,
        scope: parsed.STAFF_OIDC_SCOPE,
        redirectUri: parsed.STAFF_OIDC_REDIRECT_URI,
      },
      consoleUrl: parsed.STAFF_CONSOLE_URL?.replace(/\/$/, ''),
      idleMs: parsed.STAFF_SESSION_IDLE_MINUTES * 60_000,
      maxMs: parsed.STAFF_SESSION_MAX_HOURS * 3_600_000,
    },
    lookupPageUrl: parsed.LOOKUP_PAGE_URL,
    ocr,
  };
}

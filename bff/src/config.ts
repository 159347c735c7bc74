// Configuration from the environment, checked once at start-up so a bad deployment fails loudly and early.
import * as yup from 'yup';

const DEV_DATA_KEY = Buffer.alloc(32, 'dev-only-data-key').toString('base64');

const base64Key = (name: string) =>
  yup
    .string()
    .test(
      'key-32-bytes',
      `${name} 必须是 32 字节密钥的 base64 编码（例如 openssl rand -base64 32 的输出）`,
      (value) => !value || Buffer.from(value, 'base64').length === 32,
    );

const schema = yup.object({
  NODE_ENV: yup.string().oneOf(['development', 'test', 'production']).default('development'),
  HOST: yup.string().default('127.0.0.1'),
  PORT: yup.number().integer().min(0).max(65535).default(3000),
  MONGODB_URI: yup
    .string()
    .required('MONGODB_URI 未设置：请提供 MongoDB 连接串（npm start 会自动启动内置数据库并设置它）')
    .matches(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI 必须以 mongodb:// 或 mongodb+srv:// 开头'),
  LOG_LEVEL: yup
    .string()
    .oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  BODY_LIMIT: yup.string().default('1mb'),
  CORS_ORIGINS: yup.string().default('http://127.0.0.1:10086,http://localhost:10086'),
  DATA_KEY: base64Key('DATA_KEY'),
  HASH_KEY: base64Key('HASH_KEY'),
  DEV_LOGIN: yup.boolean().default(false),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  mongodbUri: string;
  logLevel: string;
  bodyLimit: string;
  corsOrigins: string[];
  /** AES-256-GCM key for personal data at rest. */
  dataKey: Buffer;
  /** HMAC key for lookup hashes of ID numbers. */
  hashKey: Buffer;
  devLogin: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
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
  if (production && !parsed.HASH_KEY) problems.push('生产环境必须设置 HASH_KEY（身份证号检索哈希密钥）');
  if (production && parsed.DEV_LOGIN) problems.push('生产环境不允许开启 DEV_LOGIN');
  if (problems.length) throw new ConfigError(problems);

  return {
    env: parsed.NODE_ENV as Config['env'],
    host: parsed.HOST,
    port: parsed.PORT,
    mongodbUri: parsed.MONGODB_URI,
    logLevel: parsed.LOG_LEVEL,
    bodyLimit: parsed.BODY_LIMIT,
    corsOrigins: parsed.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    dataKey: Buffer.from(parsed.DATA_KEY ?? DEV_DATA_KEY, 'base64'),
    hashKey: Buffer.from(parsed.HASH_KEY ?? DEV_DATA_KEY, 'base64').reverse(),
    devLogin: parsed.DEV_LOGIN,
  };
}

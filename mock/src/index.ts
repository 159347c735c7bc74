// @hiring/mock: stand-ins for the agencies, the platforms and the government data sources, over real HTTP.
import { AGENCIES, type AgencyId } from './agency/agencies';
import { createAgencyApp } from './agency/app';
import { AgencyService, type ReviewMode } from './agency/service';
import type { World } from './agency/world';
import { createGovDataApp } from './govdata/app';
import { listen, type RunningServer } from './http/server';
import { NO_FAULTS, type Faults } from './http/faults';
import { AlipayStandIn, createAlipayApp, DEFAULT_ALIPAY_APP } from './platforms/alipay';
import { createWechatApp, DEFAULT_WECHAT_APP, WechatStandIn } from './platforms/wechat';
import { DEFAULT_SEED, population, type PopulationSizes } from './population/generate';
import { startStaffIdp, type RunningStaffIdp, type StaffIdpOptions } from './idp/provider';

export * from './signing';
export { createRng, type Rng } from './rng';
export * from './samples';
export * from './sheets';
export * from './population/generate';
export { AGENCIES, MATTER_LABELS, type AgencyId, type AgencySpec } from './agency/agencies';
export {
  AgencyService,
  hashJson,
  type AgencyConfig,
  type CaseRecord,
  type KeyCounts,
  type ReviewMode,
} from './agency/service';
export { HOUSING_FUND_LIMITS, type Reason } from './agency/rules';
export type { CaseBody, CaseEmployee } from './agency/schema';
export type { CallbackPayload, DeliveryRecord } from './agency/callbacks';
export type { Faults } from './http/faults';
export { DEFAULT_TEMPLATES, type Template } from './platforms/templates';
export { DEFAULT_WECHAT_APP, WechatStandIn } from './platforms/wechat';
export { DEFAULT_ALIPAY_APP, AlipayStandIn } from './platforms/alipay';
export { maskIdNumber } from './http/server';
export {
  DEFAULT_STAFF_OIDC_CLIENT,
  STAFF_CALLBACK_PATH,
  startStaffIdp,
  type RunningStaffIdp,
} from './idp/provider';
export { STAFF_ACCOUNTS, STAFF_DEMO_PASSWORD, staffAccount, type StaffAccount } from './idp/accounts';
export { CookieJar, STAFF_SESSION_COOKIE, staffLogin, type StaffCookie } from './idp/staffLogin';

export type ServiceName = AgencyId | 'wechat' | 'alipay' | 'govData' | 'staffIdp';

export const SERVICE_NAMES: readonly ServiceName[] = [
  'hrss',
  'medicalSecurity',
  'housingFund',
  'wechat',
  'alipay',
  'govData',
  'staffIdp',
];

/** The fixed ports the CLI uses (tests use 0: a free port each). */
export const DEFAULT_PORTS: Record<ServiceName, number> = {
  hrss: 4101,
  medicalSecurity: 4102,
  housingFund: 4103,
  wechat: 4201,
  alipay: 4202,
  govData: 4301,
  staffIdp: 4401,
};

export const DEFAULT_CALLBACK_SECRET = 'mock-callback-secret-change-me';
export const DEFAULT_WORKING_DAY_MS = 60_000;

export interface MockOptions {
  /** Per service; 0 or missing = any free port. */
  ports?: Partial<Record<ServiceName, number>>;
  host?: string;
  /** Where each agency POSTs its results; can be set later with POST /_admin/config or agencies.x.configure(). */
  callbackUrls?: Partial<Record<AgencyId, string>>;
  /** HMAC key shared with the bff (each agency's, unless callbackSecrets names its own). */
  callbackSecret?: string;
  /** A key per agency: how production works (the bff keeps one list of keys per agency). */
  callbackSecrets?: Partial<Record<AgencyId, string>>;
  /** How long one working day lasts, in ms (default 60,000: 3 working days = 3 minutes). */
  workingDayMs?: number;
  reviewMode?: ReviewMode;
  seed?: string;
  populationSizes?: PopulationSizes;
  wechat?: { appId: string; appSecret: string };
  alipay?: { appId: string };
  /** Waits between callback attempts (default 200, 1000, 3000, 10000 ms: five attempts). */
  callbackRetryDelaysMs?: number[];
  /** The staff identity provider's client registration (defaults: DEFAULT_STAFF_OIDC_CLIENT). */
  staffIdp?: Omit<StaffIdpOptions, 'port' | 'host'>;
}

export interface RunningMocks {
  urls: Record<ServiceName, string>;
  agencies: Record<AgencyId, AgencyService>;
  wechat: WechatStandIn;
  alipay: AlipayStandIn;
  govData: { faults: Faults };
  /** The staff identity provider (OIDC issuer = urls.staffIdp). */
  staffIdp: RunningStaffIdp;
  world: World;
  stop(): Promise<void>;
}

export async function startMocks(options: MockOptions = {}): Promise<RunningMocks> {
  const seed = options.seed ?? DEFAULT_SEED;
  const world: World = {
    population: population(seed, options.populationSizes),
    assignedUnitCodes: new Map(),
    seed,
  };
  const agencyIds = Object.keys(AGENCIES) as AgencyId[];
  const agencies = Object.fromEntries(
    agencyIds.map((id) => [
      id,
      new AgencyService({
        agency: id,
        world,
        callbackRetryDelaysMs: options.callbackRetryDelaysMs,
        config: {
          callbackUrl: options.callbackUrls?.[id],
          callbackSecret: options.callbackSecrets?.[id] ?? options.callbackSecret ?? DEFAULT_CALLBACK_SECRET,
          reviewMode: options.reviewMode ?? 'auto',
          workingDayMs: options.workingDayMs ?? DEFAULT_WORKING_DAY_MS,
        },
      }),
    ]),
  ) as Record<AgencyId, AgencyService>;
  const wechat = new WechatStandIn({ ...(options.wechat ?? DEFAULT_WECHAT_APP), seed });
  const alipay = new AlipayStandIn({ ...(options.alipay ?? DEFAULT_ALIPAY_APP), seed });
  const govDataFaults: Faults = { ...NO_FAULTS };
  const apps = {
    hrss: createAgencyApp(agencies.hrss),
    medicalSecurity: createAgencyApp(agencies.medicalSecurity),
    housingFund: createAgencyApp(agencies.housingFund),
    wechat: createWechatApp(wechat),
    alipay: createAlipayApp(alipay),
    govData: createGovDataApp(world, govDataFaults),
  };
  const servers: Partial<Record<ServiceName, RunningServer | RunningStaffIdp>> = {};
  const stopAll = async () => {
    for (const agency of Object.values(agencies)) agency.stop();
    await Promise.all(Object.values(servers).map((server) => server.close()));
  };
  try {
    for (const name of SERVICE_NAMES) {
      servers[name] =
        name === 'staffIdp'
          ? await startStaffIdp({
              ...options.staffIdp,
              port: options.ports?.staffIdp ?? 0,
              host: options.host,
            })
          : await listen(apps[name], options.ports?.[name] ?? 0, options.host);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, servers[name]!.url])) as Record<
    ServiceName,
    string
  >;
  const staffIdp = servers.staffIdp as RunningStaffIdp;
  return {
    urls,
    agencies,
    wechat,
    alipay,
    govData: { faults: govDataFaults },
    staffIdp,
    world,
    stop: stopAll,
  };
}

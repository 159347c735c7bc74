// Everything a route or worker needs, built once per process from the configuration.
import type { Connection, Model } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import { accountModels, type AccountModels } from './accounts/models';
import { SessionStore } from './accounts/sessions';
import { createFieldCipher, type FieldCipher } from './security/fieldCipher';
import { GovDataClient } from './govdata/govDataClient';
import { counterModel, MemoryRateLimiter, RateCounters, RateLimiter } from './http/rateLimit';
import { draftModel } from './drafts/models';
import { DraftService } from './drafts/draftService';
import { applicationModel, idempotencyModel, type ApplicationDoc } from './applications/models';
import { IdempotencyStore } from './applications/idempotency';
import type { SubmissionDeps } from './applications/submission';
import { noticeModels, type NoticeModels } from './notices/models';
import { NoticeService } from './notices/noticeService';
import { SubscriptionService } from './notices/platformPush';
import { AgencyClient } from './dispatch/agencyClient';
import { MatterProgress } from './dispatch/matterProgress';
import { Dispatcher } from './dispatch/dispatcher';
import { unitCodesModel, type UnitCodesDoc } from './dispatch/agencyResults';
import { nonceModel } from './dispatch/callbackSignature';
import { AuditLog, auditModel } from './audit/auditLog';
import { ruleModels } from './rules/models';
import { CalendarService } from './rules/calendarService';
import { FigureService } from './rules/figureService';
import { recomputeOpenDueDates } from './rules/dueDates';
import { sharedOcrProvider } from './ocr/config';
import type { OcrProvider } from './ocr/types';
import { authorityModels } from './authority/models';
import { IdentityService } from './authority/identityService';
import { AuthorityService } from './authority/authorityService';
import { MaterialStore } from './applications/materials';
import { StaffSessionStore } from './staff/staffSessions';
import { StaffOidc } from './staff/oidcLogin';

export interface Services {
  config: Config;
  logger: Logger;
  db: Connection;
  cipher: FieldCipher;
  accounts: AccountModels;
  sessions: SessionStore;
  govData: GovDataClient;
  drafts: DraftService;
  applications: Model<ApplicationDoc>;
  idempotency: IdempotencyStore;
  submission: SubmissionDeps;
  noticeModels: NoticeModels;
  notices: NoticeService;
  subscriptions: SubscriptionService;
  progress: MatterProgress;
  dispatcher: Dispatcher;
  /** The codes agencies assigned to each unit (by USCC), to pre-fill its next application. */
  unitCodes: Model<UnitCodesDoc>;
  /** The agencies' intake and status queries (the dispatcher's deliveries, callback confirmation). */
  agencies: AgencyClient;
  /** 补正材料 uploaded for returned matters. */
  materials: MaterialStore;
  callbackNonces: ReturnType<typeof nonceModel>;
  /** Request budgets, counted in the database (shared by every process) except health checks. */
  rateCounters: RateCounters;
  accountLimiter: RateLimiter;
  ipLimiter: RateLimiter;
  authFailureLimiter: RateLimiter;
  loginLimiter: RateLimiter;
  callbackLimiter: RateLimiter;
  healthLimiter: MemoryRateLimiter;
  /** The audit trail of personal-data lookups, staff views and administrative changes. */
  audit: AuditLog;
  /** Administered rules: the working-day calendar and the rule figures, current in every process. */
  rules: { calendar: CalendarService; figures: FigureService };
  /** The ID-card OCR engine, one per process and configuration (PP-OCR takes ~200 MB to load). */
  ocr: OcrProvider;
  /** Who the account holder is and which units they may act for. */
  authority: AuthorityService;
  /** Staff sessions (the staff_session cookie) and the staff login at the identity provider. */
  staffSessions: StaffSessionStore;
  staffOidc: StaffOidc;
}

export function createServices(config: Config, logger: Logger, db: Connection): Services {
  const accounts = accountModels(db);
  const rateCounters = new RateCounters(counterModel(db));
  const cipher = createFieldCipher(config.dataKey);
  const drafts = new DraftService(draftModel(db), cipher, config.maxOpenDrafts);
  const applications = applicationModel(db);
  const notices = noticeModels(db);
  const subscriptions = new SubscriptionService(config, notices, accounts);
  const noticeService = new NoticeService(notices, logger, subscriptions.send);
  const audit = new AuditLog(auditModel(db));
  const govData = new GovDataClient(config.govDataUrl);
  const authorityDb = authorityModels(db);
  const authority = new AuthorityService(
    authorityDb,
    new IdentityService(authorityDb, cipher, govData, audit),
    cipher,
    govData,
    audit,
  );
  const rules = ruleModels(db);
  const calendar = new CalendarService(rules, audit, (current) =>
    recomputeOpenDueDates(applications, current, logger).catch((error: unknown) => {
      logger.error({ err: error }, 'due date recompute failed; the scheduled jobs finish it');
      throw error;
    }),
  );
  const figures = new FigureService(rules, audit);
  const unitCodes = unitCodesModel(db);
  const progress = new MatterProgress(
    applications,
    noticeService,
    logger,
    config.templates,
    () => calendar.calendar(),
    { cipher, UnitCodes: unitCodes },
  );
  const agencies = new AgencyClient(config.agencies, config.agencyTimeoutMs);
  const materials = new MaterialStore(MaterialStore.model(db), cipher);
  const dispatcher = new Dispatcher(
    applications,
    agencies,
    progress,
    cipher,
    logger,
    config.dispatch,
    materials,
  );
  return {
    config,
    logger,
    db,
    cipher,
    accounts,
    sessions: new SessionStore(accounts, config.sessionTtlMs),
    govData,
    drafts,
    applications,
    idempotency: new IdempotencyStore(idempotencyModel(db), cipher),
    submission: {
      Application: applications,
      drafts,
      cipher,
      accounts,
      authority,
      nudge: () => dispatcher.nudge(),
      materials,
      ruleConfigs: () => figures.configs(),
    },
    noticeModels: notices,
    notices: noticeService,
    subscriptions,
    progress,
    dispatcher,
    unitCodes,
    agencies,
    materials,
    callbackNonces: nonceModel(db),
    rateCounters,
    accountLimiter: new RateLimiter(rateCounters, 'account', config.rateLimitPerMinute),
    // Several employees of one company may share an office's public IP: the IP limit is looser.
    ipLimiter: new RateLimiter(rateCounters, 'ip', config.rateLimitPerMinute * 5),
    authFailureLimiter: new RateLimiter(rateCounters, 'auth-failure', config.limits.authFailuresPerMinute),
    loginLimiter: new RateLimiter(rateCounters, 'login', config.limits.loginsPerMinute),
    callbackLimiter: new RateLimiter(rateCounters, 'callback', config.limits.callbacksPerMinute),
    healthLimiter: new MemoryRateLimiter(config.limits.healthChecksPerMinute),
    audit,
    rules: { calendar, figures },
    ocr: sharedOcrProvider(config.ocr),
    authority,
    staffSessions: new StaffSessionStore(db, config.staff),
    staffOidc: new StaffOidc(config.staff.oidc),
  };
}

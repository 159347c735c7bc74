// Everything a route or worker needs, built once per process from the configuration.
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import { accountModels, type AccountModels } from './accounts/models';
import { SessionStore } from './accounts/sessions';
import { createFieldCipher, type FieldCipher } from './security/fieldCipher';
import { GovDataClient } from './govdata/govDataClient';
import { RateLimiter } from './http/rateLimit';
import { draftModel } from './drafts/models';
import { DraftService } from './drafts/draftService';

export interface Services {
  config: Config;
  logger: Logger;
  db: Connection;
  cipher: FieldCipher;
  accounts: AccountModels;
  sessions: SessionStore;
  govData: GovDataClient;
  drafts: DraftService;
  accountLimiter: RateLimiter;
  ipLimiter: RateLimiter;
}

export function createServices(config: Config, logger: Logger, db: Connection): Services {
  const accounts = accountModels(db);
  const cipher = createFieldCipher(config.dataKey, config.hashKey);
  return {
    config,
    logger,
    db,
    cipher,
    accounts,
    sessions: new SessionStore(accounts, config.sessionTtlMs),
    govData: new GovDataClient(config.govDataUrl),
    drafts: new DraftService(draftModel(db), cipher),
    accountLimiter: new RateLimiter(config.rateLimitPerMinute),
    // Several employees of one company may share an office's public IP: the IP limit is looser.
    ipLimiter: new RateLimiter(config.rateLimitPerMinute * 5),
  };
}

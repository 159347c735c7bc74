// The Koa application factory: builds the app without listening, so tests and the server share it.
import Koa from 'koa';
import Router from 'koa-router';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import { pingDatabase } from './db';
import { errorHandler } from './http/errorHandler';
import { requestContext } from './http/requestContext';
import { rateLimit } from './http/rateLimit';
import { createServices, type Services } from './context';
import { accountRoutes } from './accounts/routes';
import { draftRoutes } from './drafts/routes';
import { lookupRoutes } from './lookups/routes';

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Connection;
}

export function createApp(
  { config, logger, db }: AppDeps,
  services: Services = createServices(config, logger, db),
): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true;

  const health = new Router();
  health.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  health.get('/readyz', async (ctx) => {
    const ok = await pingDatabase(db);
    ctx.status = ok ? 200 : 503;
    ctx.body = ok
      ? { status: 'ready' }
      : { error: { code: 'DATABASE_UNAVAILABLE', message: '数据库不可用' } };
  });

  const api = new Router({ prefix: '/api/v1' });
  api.use(rateLimit(services.ipLimiter, (ctx) => ctx.ip));
  for (const routes of [accountRoutes(services), lookupRoutes(services), draftRoutes(services)]) {
    api.use(routes.routes(), routes.allowedMethods());
  }

  app.use(requestContext(logger));
  app.use(errorHandler());
  app.use(helmet());
  app.use(
    cors({
      // Only our own front ends may call the API from a browser.
      origin: (ctx) => {
        const origin = ctx.get('Origin');
        return config.corsOrigins.includes(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id'],
    }),
  );
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: config.bodyLimit,
      encoding: 'utf-8',
      // Keep the raw text: agency callbacks are verified over the exact bytes that were signed.
      rawBody: true,
    } as Parameters<typeof bodyParser>[0]),
  );
  app.use(health.routes()).use(health.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}

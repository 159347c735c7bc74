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
import { AppError } from './http/errors';
import { requestContext } from './http/requestContext';
import { rateLimit } from './http/rateLimit';
import { createServices, type Services } from './context';
import { accountRoutes } from './accounts/routes';
import { draftRoutes } from './drafts/routes';
import { lookupRoutes } from './lookups/routes';
import { applicationRoutes } from './applications/routes';
import { noticeRoutes } from './notices/routes';
import { callbackRoutes } from './dispatch/callbackRoutes';
import { requireAccount } from './accounts/requireAccount';
import { createOcrRouter } from './ocr';
import { openApiRoutes } from './openapi';
import { staffRoutes } from './staff/routes';

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
  const callbacks = callbackRoutes({
    secret: config.agencyCallbackSecret,
    Application: services.applications,
    Nonce: services.callbackNonces,
    progress: services.progress,
    logger,
  });
  // ID-card OCR: only for logged-in operators (it is costly and handles sensitive photos).
  const ocr = new Router();
  ocr.use('/ocr', requireAccount(services)); // path-scoped: see the note in drafts/routes.ts
  const ocrRoutes = createOcrRouter();
  ocr.use(ocrRoutes.routes(), ocrRoutes.allowedMethods());
  for (const routes of [
    openApiRoutes(), // public: the API description
    callbacks,
    accountRoutes(services),
    lookupRoutes(services),
    applicationRoutes(services),
    draftRoutes(services),
    noticeRoutes(services),
    staffRoutes(services),
    ocr,
  ]) {
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
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Idempotency-Key',
        'X-Request-Id',
        'X-HTTP-Method-Override',
      ],
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
  app.use(async (ctx, next) => {
    // A body must be JSON (or the one photo upload): anything else would be read as an empty object.
    const hasBody = Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '';
    const upload = ctx.path === '/api/v1/ocr/id-card' && ctx.is('multipart/form-data');
    if (hasBody && !ctx.is('application/json') && !upload) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型，请使用 JSON');
    }
    await next();
  });
  app.use(async (ctx, next) => {
    // wx.request and my.request cannot send PATCH: the mini-programs send POST with this header instead.
    if (ctx.method === 'POST' && ctx.get('X-HTTP-Method-Override').toUpperCase() === 'PATCH')
      ctx.method = 'PATCH';
    await next();
  });
  app.use(health.routes()).use(health.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}

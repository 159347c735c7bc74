// The Koa application factory: builds the app without listening, so tests and the server share it.
import Koa from 'koa';
import cors from '@koa/cors';
import helmet from 'koa-helmet';
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import { trackInFlight } from './http/inFlight';
import { errorHandler } from './http/errorHandler';
import { AppError } from './http/errors';
import { requestContext } from './http/requestContext';
import { jsonBody } from './http/jsonBody';
import { bodyLimitsFor } from './http/bodyLimits';
import { rateLimit, tooManyRequests } from './http/rateLimit';
import { routeOf, routerOf, type Middleware, type Route, type RouteGroup } from './http/route';
import { createServices, type Services } from './context';
import { accountRoutes } from './accounts/routes';
import { draftRoutes } from './drafts/routes';
import { lookupRoutes } from './lookups/routes';
import { applicationRoutes } from './applications/routes';
import { correctionRoutes } from './applications/correctionRoutes';
import { materialRoutes } from './applications/materialRoutes';
import { ratingRoutes } from './applications/ratingRoutes';
import { noticeRoutes } from './notices/routes';
import { AGENCY_SIGNATURE_SCHEME, callbackRoutes } from './dispatch/callbackRoutes';
import { accountLogin } from './accounts/requireAccount';
import { healthRoutes } from './health/routes';
import { createOcrRoutes, OCR_UPLOAD_PATHS } from './ocr';
import { buildOpenApiDocument, openApiRoutes, type OpenApiDocument } from './openapi';
import { staffRoutes } from './staff/routes';
import { staffAuthRoutes } from './staff/authRoutes';
import { clerkRoutes } from './staff/clerk/routes';
import { supervisorRoutes } from './staff/supervisor/routes';
import { documentRoutes } from './documents/routes';
import { statusLookupRoutes } from './statusLookup/routes';
import { ruleRoutes } from './rules/routes';
import { authorityRoutes } from './authority/routes';
import { importRoutes } from './imports/routes';

/** The sheet import's multipart upload (the photos are OCR_UPLOAD_PATHS); every other body is JSON. */
const UPLOAD_PATHS = [
  /^\/api\/v1\/drafts\/[^/]+\/import$/,
  /^\/api\/v1\/staff\/clerk\/ocr\/id-card$/,
  /^\/api\/v1\/applications\/[^/]+\/matters\/[^/]+\/materials$/,
];

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Connection;
}

/** What the app answered, for observers such as the test suite's response-schema check. */
export interface ObservedResponse {
  route: Route;
  method: string;
  path: string;
  status: number;
  body: unknown;
}

export interface AppOptions {
  onResponse?: (response: ObservedResponse) => void;
}

/**
 * Every route the app serves, in groups by prefix. New routes: declare them in your module with
 * defineRoute (http/route.ts) and add the list here.
 */
export function routeGroups(services: Services, document: () => OpenApiDocument): RouteGroup[] {
  const { config, logger } = services;
  return [
    { prefix: '', routes: healthRoutes(services.db, services.ocr) },
    {
      prefix: '/api/v1',
      middleware: [publicBudgets(services)],
      responses: { 429: 'TooManyRequests' },
      routes: [
        ...openApiRoutes(document), // public: the API description
        ...callbackRoutes({
          keys: config.agencyCallbackKeys,
          agencies: services.agencies,
          Application: services.applications,
          Nonce: services.callbackNonces,
          progress: services.progress,
          logger,
        }),
        ...accountRoutes(services),
        ...lookupRoutes(services),
        ...applicationRoutes(services),
        ...correctionRoutes(services),
        ...materialRoutes(services),
        ...ratingRoutes(services),
        ...draftRoutes(services),
        ...importRoutes(services),
        ...noticeRoutes(services),
        ...staffRoutes(services),
        ...staffAuthRoutes(services),
        ...clerkRoutes(services),
        ...supervisorRoutes(services),
        ...documentRoutes(services),
        ...statusLookupRoutes(services), // public: 办件编码 + 查询密码
        ...ruleRoutes(services),
        ...authorityRoutes(services),
        // ID-card OCR: only for logged-in operators (it is costly and handles sensitive photos).
        ...createOcrRoutes({ auth: accountLogin(services), provider: services.ocr }),
      ],
    },
  ];
}

const LOGIN_PATHS = /^\/api\/v1\/auth\/(login|dev-login)$/;
const CALLBACK_AGENCY = /^\/api\/v1\/agency-callbacks\/([^/]+)$/;

/**
 * Budgets of the traffic that comes without a session: logins per IP, callbacks per agency. Logged-in
 * traffic is counted by requireAccount (per account and per IP), failed authentication on its own.
 */
function publicBudgets(services: Services) {
  const logins = rateLimit(services.loginLimiter, (ctx) => ctx.ip);
  const callbacks = rateLimit(services.callbackLimiter, (ctx) => CALLBACK_AGENCY.exec(ctx.path)?.[1]);
  const budgets: Middleware = (ctx, next) => {
    if (LOGIN_PATHS.test(ctx.path)) return logins(ctx, next);
    if (CALLBACK_AGENCY.test(ctx.path)) return callbacks(ctx, next);
    return next();
  };
  return budgets;
}

/** The contract of these route groups (what GET /api/v1/openapi.json serves). */
export function documentOf(groups: RouteGroup[]): OpenApiDocument {
  return buildOpenApiDocument(groups, { securitySchemes: AGENCY_SIGNATURE_SCHEME });
}

export function createApp(
  { config, logger, db }: AppDeps,
  services: Services = createServices(config, logger, db),
  options: AppOptions = {},
): Koa {
  // The OCR engine loads in the background from here on; /readyz answers 503 until it has.
  services.ocr.start?.((error) =>
    logger.error({ err: error }, `OCR engine failed to load: ${error.message}`),
  );
  // Behind TRUST_PROXY reverse proxies the client is the address the outermost one saw (X-Forwarded-For,
  // counted from the right); with none, the peer address, and X-Forwarded-For is ignored.
  const app = new Koa({ proxy: config.trustProxy > 0, maxIpsCount: config.trustProxy });
  app.silent = true;

  let document: OpenApiDocument | undefined;
  const groups = routeGroups(services, () => (document ??= documentOf(groups)));

  trackInFlight(app);
  if (options.onResponse) {
    const observe = options.onResponse;
    app.use(async (ctx, next) => {
      await next();
      const route = routeOf(ctx);
      if (route) observe({ route, method: ctx.method, path: ctx.path, status: ctx.status, body: ctx.body });
    });
  }
  app.use(requestContext(logger));
  app.use(errorHandler());
  app.use(async (ctx, next) => {
    // API answers carry personal data (drafts, applications, lookups) or secrets (session tokens, the
    // query password on a receipt): no browser, proxy or mini-program cache may keep them. Only the
    // public contract may be cached.
    if (ctx.path.startsWith('/api/v1/') && ctx.path !== '/api/v1/openapi.json')
      ctx.set('Cache-Control', 'no-store');
    await next();
  });
  app.use(async (ctx, next) => {
    // Health checks have a budget of their own, in memory: they must answer without the database.
    if (ctx.path === '/healthz' || ctx.path === '/readyz') {
      const wait = services.healthLimiter.hit(ctx.ip);
      if (wait > 0) throw tooManyRequests(ctx, wait);
    }
    await next();
  });
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
        'X-Requested-With',
      ],
      exposeHeaders: ['X-Request-Id'],
    }),
  );
  app.use(jsonBody({ limitsFor: bodyLimitsFor(config.bodyLimit), timeoutMs: config.bodyTimeoutMs }));
  app.use(async (ctx, next) => {
    // A body must be JSON (or one of the uploads): anything else would be read as an empty object.
    const hasBody = Number(ctx.get('Content-Length') || 0) > 0 || ctx.get('Transfer-Encoding') !== '';
    const upload =
      (OCR_UPLOAD_PATHS.some((path) => ctx.path === `/api/v1${path}`) ||
        UPLOAD_PATHS.some((path) => path.test(ctx.path))) &&
      ctx.is('multipart/form-data');
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
  for (const group of groups) {
    const router = routerOf(group);
    app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}

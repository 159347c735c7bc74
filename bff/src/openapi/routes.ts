// Serves the API description, and lists what the app really routes so tests can compare the two.
import type Koa from 'koa';
import * as yup from 'yup';
import { defineRoute, PUBLIC, type HttpMethod, type Route } from '../http/route';
import type { OpenApiDocument } from './build';

/** GET /openapi.json, without login: the contract is public, the data behind it is not. */
export function openApiRoutes(document: () => OpenApiDocument): Route[] {
  let text: string | undefined;
  return [
    defineRoute({
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApi',
      summary: '本接口说明（OpenAPI 3.1）',
      tags: ['health'],
      auth: PUBLIC,
      responses: {
        200: {
          description: '本文档',
          schema: yup.object({ openapi: yup.string().required(), paths: yup.object().required() }),
        },
      },
      handler: (ctx) => {
        text ??= JSON.stringify(document());
        ctx.type = 'application/json';
        ctx.body = text;
      },
    }),
  ];
}

export interface RouteEntry {
  method: Uppercase<HttpMethod>;
  /** OpenAPI form: /api/v1/drafts/{id}. */
  path: string;
}

interface LayerLike {
  path: string | RegExp;
  methods: string[];
}

/**
 * Every method + path the app's routers answer, read from the koa-router layers the app mounted (nested
 * routers are flattened into their parent's stack with the prefix applied). HEAD and OPTIONS are left
 * out: koa-router adds HEAD to every GET and answers OPTIONS itself.
 */
export function routesOf(app: Koa): RouteEntry[] {
  const seen = new Map<string, RouteEntry>();
  for (const middleware of app.middleware as ((...args: unknown[]) => unknown)[]) {
    const router = (middleware as { router?: { stack: LayerLike[] } }).router;
    if (!router) continue;
    for (const layer of router.stack) {
      if (typeof layer.path !== 'string') continue;
      const path = layer.path.replace(/:(\w+)/g, '{$1}');
      for (const method of layer.methods) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        seen.set(`${method} ${path}`, { method: method as RouteEntry['method'], path });
      }
    }
  }
  return [...seen.values()];
}

/** Every operation the document describes, in the same form as routesOf. */
export function documentedRoutes(document: OpenApiDocument): RouteEntry[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({ method: method.toUpperCase() as RouteEntry['method'], path })),
  );
}

// One declaration per route: the koa-router registration and the OpenAPI operation are both built from it,
// so the published contract cannot drift from what the app serves.
//
// Declare a route (in your module's routes file) and return the list from a function of the services:
//
//   export function unitRoutes(services: Services): Route[] {
//     // What every route of the module shares; a declaration may override either.
//     return routeModule({ tags: ['units'], auth: accountLogin(services) }, [ // or PUBLIC, staffLogin(...)
//       defineRoute({
//         method: 'get',
//         path: '/units/:uscc', // relative to the group's prefix (/api/v1 for the API)
//         operationId: 'getUnit',
//         summary: '单位详情',
//         params: yup.object({ uscc: usccSchema }),
//         query: yup.object({ ... }), // optional; body: strictObject({ ... }) for JSON bodies
//         responses: {
//           200: { description: '单位', schema: unitSchema }, // a yup schema; .meta({ name }) makes it a component
//           400: 'BadRequest',
//           404: 'NotFound',
//         },
//         handler: async (ctx, { params }) => {
//           ctx.body = await services.units.get(ctx.state.accountId, params.uscc);
//         },
//       }),
//     ]);
//   }
//
// and mount the list in app.ts (`api: [...unitRoutes(services)]`). Params, query and body are validated with
// their schemas (parseInput: 400 with Chinese details) before the handler runs, in that order, after the
// guard. Headers are documented but left to the handler, since each has its own error codes.
import type { Context } from 'koa';
import Router from 'koa-router';
import * as yup from 'yup';
import { parseInput } from './validate';

declare module 'koa' {
  interface Request {
    /** The parsed JSON body (http/jsonBody.ts), validated here before a handler sees it. */
    body?: unknown;
  }
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Middleware a route or guard runs (koa-router's, so it sees ctx.params). */
export type Middleware = Router.IMiddleware;

/** Named error responses of the document (#/components/responses), each with the one error shape. */
export type ErrorResponseName =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'Unprocessable'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'Unavailable';

export interface ResponseSpec {
  description: string;
  /** The JSON body; omitted for responses without one (204). */
  schema?: yup.Schema;
  /** The body is not JSON (e.g. a file): its media type; the schema, if any, is for the document only. */
  contentType?: string;
  /**
   * For an answer several routes give alike (e.g. the photo upload's errors): the document describes it
   * once, in #/components/responses/<name>, and each operation refers to it.
   */
  name?: string;
}

export type Responses = Partial<Record<number, ResponseSpec | ErrorResponseName>>;

/** Who may call a route: the security scheme named in the document and the middleware that enforces it. */
export interface Guard {
  /** A key of the document's securitySchemes, or null for a public route. */
  scheme: string | null;
  middleware?: Middleware;
  /** What the guard itself may answer (e.g. 401, 429). */
  responses?: Responses;
}

export const PUBLIC: Guard = { scheme: null };

export interface HeaderSpec {
  name: string;
  required?: boolean;
  description: string;
  schema: yup.Schema;
}

type Inferred<S> = S extends yup.Schema ? yup.InferType<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Inferred<P>;
  query: Inferred<Q>;
  body: Inferred<B>;
}

/** The context a handler sees: koa-router's, with the state our guards set. */
export type RouteContext = Router.RouterContext<RouteState>;

export interface RouteState {
  accountId: string;
  token: string;
  [key: string]: unknown;
}

export interface RouteDeclaration<
  P extends yup.Schema | undefined = undefined,
  Q extends yup.Schema | undefined = undefined,
  B extends yup.Schema | undefined = undefined,
> {
  method: HttpMethod;
  /** koa-router syntax (/drafts/:id), relative to the group's prefix. */
  path: string;
  operationId: string;
  summary: string;
  /** Longer notes for the reader (shown under the summary). */
  description?: string;
  /** Required, here or from routeModule's defaults. */
  tags?: string[];
  /** Who may call it (PUBLIC, accountLogin(...), staffLogin(...)); required, here or from routeModule. */
  auth?: Guard;
  params?: P;
  query?: Q;
  body?: B;
  /** Whether the body may be left out; by default it is required when its schema requires a field. */
  bodyRequired?: boolean;
  /** The example request body shown in the document. */
  example?: unknown;
  /** The top-level message of a 400 for a body that fails its schema (details still name each field). */
  bodyError?: string;
  /** A body that is not JSON (the photo upload): media type and the parts, for the document only. */
  upload?: { contentType: string; schema: yup.Schema };
  headers?: HeaderSpec[];
  /** Runs after the guard and before validation (e.g. receiving an upload). */
  middleware?: Middleware[];
  responses: Responses;
  handler: (ctx: RouteContext, input: RouteInput<P, Q, B>) => unknown | Promise<unknown>;
}

/** A declared route, type-erased so routes of any shape fit one list. */
export type Route = RouteDeclaration<yup.Schema | undefined, yup.Schema | undefined, yup.Schema | undefined>;

/** Declares a route; the types of params, query and body flow from their schemas into the handler. */
export function defineRoute<
  P extends yup.Schema | undefined = undefined,
  Q extends yup.Schema | undefined = undefined,
  B extends yup.Schema | undefined = undefined,
>(declaration: RouteDeclaration<P, Q, B>): Route {
  return declaration as unknown as Route;
}

/** A declaration after routeModule: it has its tags and its guard. */
export type DeclaredRoute = Route & { tags: string[]; auth: Guard };

/** The routes of one module with what they share (tags, guard) filled in where a declaration left it out. */
export function routeModule(defaults: { tags: string[]; auth: Guard }, routes: Route[]): DeclaredRoute[] {
  return routes.map((route) => ({ ...defaults, ...route }) as DeclaredRoute);
}

/** Fails at startup, not in production traffic, when a route says nothing about who may call it. */
export function declared(route: Route): DeclaredRoute {
  if (!route.auth || !route.tags?.length)
    throw new Error(`${route.operationId}: declare auth and tags (or use routeModule)`);
  return route as DeclaredRoute;
}

/** Routes served under one prefix ('' or /api/v1), with what every route of the group may answer. */
export interface RouteGroup {
  prefix: string;
  routes: Route[];
  /** Middleware of the whole group (e.g. the per-IP rate limit) and the responses it may give. */
  middleware?: Middleware[];
  responses?: Responses;
}

/** The declaration that is handling this request, for observers outside the router (tests). */
export function routeOf(ctx: Context): Route | undefined {
  return ctx.state.route as Route | undefined;
}

function firstMessage(error: unknown): string | undefined {
  return (error as { details?: { message: string }[] }).details?.[0]?.message;
}

/** Registers the routes on a koa-router, each with its guard and the validation of its input. */
export function mountRoutes(router: Router, routes: Route[]): Router {
  for (const route of routes.map(declared)) {
    const tag: Middleware = (ctx, next) => {
      ctx.state.route = route;
      return next();
    };
    const run = async (ctx: RouteContext) => {
      const input = {
        // A bad path parameter says which one (e.g. 草稿编号格式不正确) rather than a generic message.
        params: route.params ? parseParams(route.params, ctx.params) : undefined,
        query: route.query ? parseInput(route.query, { ...ctx.query }) : undefined,
        body: route.body ? parseInput(route.body, ctx.request.body, route.bodyError) : undefined,
      };
      await route.handler(ctx, input as never);
    };
    const chain = [
      tag,
      ...(route.auth.middleware ? [route.auth.middleware] : []),
      ...(route.middleware ?? []),
    ];
    router[route.method](route.path, ...chain, run as Middleware);
  }
  return router;
}

function parseParams(schema: yup.Schema, params: unknown) {
  try {
    return parseInput(schema, params);
  } catch (error) {
    const message = firstMessage(error);
    if (message && error instanceof Error) error.message = message;
    throw error;
  }
}

/** A Router with the group's prefix, middleware and routes. */
export function routerOf(group: RouteGroup): Router {
  const router = new Router(group.prefix ? { prefix: group.prefix } : {});
  for (const middleware of group.middleware ?? []) router.use(middleware);
  return mountRoutes(router, group.routes);
}

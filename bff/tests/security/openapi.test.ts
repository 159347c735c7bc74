// The published API description is the contract the client is built against: it must list exactly what
// the app routes, agree with API.md, and say truthfully which routes need a login.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { documentedRoutes, routesOf, type Operation } from '../../src/openapi';
import { callApi, startTestServer, type TestServer } from '../helpers/testServer';
import { ResponseCheck } from '../helpers/responseCheck';
import { deref, fillPath, openApiDocument, operations, parametersOf, resolveRef } from './openapiWalk';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { AUTH_FAILURES_PER_MINUTE: '100000' } });
});

afterAll(async () => {
  await server.close();
});

const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** The routes of an app built from configuration alone: listing routes needs no database. */
function appRoutes() {
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: 'mongodb://127.0.0.1:1/unused',
    DEV_LOGIN: 'true',
  });
  const db = mongoose.createConnection();
  return routesOf(createApp({ config, logger: createLogger('silent'), db }));
}

describe('GET /api/v1/openapi.json', () => {
  it('serves the document without a login', async () => {
    const res = await fetch(`${server.api}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });
});

describe('the document and the router agree', () => {
  // Both are built from the same declarations (http/route.ts), so this holds by construction; it stays to
  // catch a route mounted outside the declarations.
  it('documents every route the app serves', () => {
    const documented = new Set(documentedRoutes(openApiDocument).map(key));
    const undocumented = appRoutes()
      .map(key)
      .filter((route) => !documented.has(route));
    expect(undocumented).toEqual([]);
  });

  it('describes no operation the app does not serve', () => {
    const served = new Set(appRoutes().map(key));
    const phantom = documentedRoutes(openApiDocument)
      .map(key)
      .filter((route) => !served.has(route));
    expect(phantom).toEqual([]);
  });

  it('reaches a handler (not the router 404/405) for every documented operation over HTTP', async () => {
    const missing: string[] = [];
    for (const { method, path } of operations()) {
      const res = await fetch(`${server.url}${fillPath(path)}`, {
        method: method.toUpperCase(),
        redirect: 'manual', // the staff login answers with redirects; their targets are not ours to check
      });
      const body: any = await res.json().catch(() => null);
      if (res.status === 405 || body?.error?.message === '接口不存在') missing.push(`${method} ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('says which operations need a login, and the app enforces exactly that', async () => {
    const wrong: string[] = [];
    for (const { method, path, operation } of operations()) {
      const needsLogin = (operation.security ?? openApiDocument.security).some(
        (s) => 'bearerAuth' in s || 'staffSession' in s,
      );
      const body = method === 'get' ? undefined : {};
      const res = await callApi(
        server,
        null,
        method.toUpperCase(),
        fillPath(path).replace('/api/v1', ''),
        body,
      );
      const refused = res.status === 401 && res.body?.error?.code === 'UNAUTHORIZED';
      if (path.startsWith('/api/v1') && refused !== needsLogin)
        wrong.push(`${method} ${path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the document is complete and consistent', () => {
  it('resolves every $ref', () => {
    const broken: string[] = [];
    const visit = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && resolveRef(v as string) === undefined) broken.push(v as string);
        else visit(v);
      }
    };
    visit(openApiDocument);
    expect(broken).toEqual([]);
  });

  it('declares each path parameter exactly once and only the ones in the path', () => {
    const problems: string[] = [];
    for (const { method, path, operation } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = parametersOf(operation)
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(inPath) !== JSON.stringify(declared)) problems.push(`${method} ${path}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every operation a unique id, a success response and the JSON error shape for its errors', () => {
    const ids = operations().map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      // A success, or for the browser-navigated staff login a redirect.
      expect(statuses.some((s) => s.startsWith('2') || s === '302')).toBe(true);
      for (const status of statuses.filter((s) => !s.startsWith('2') && s !== '302')) {
        const schema = deref(
          resolveResponse(operation.responses[status]).content?.['application/json']?.schema,
        );
        expect(schema).toMatchObject({ required: expect.arrayContaining(['error']) });
        expect(schema.properties.error).toEqual(
          (openApiDocument.components.schemas.Error as any).properties.error,
        );
      }
    }
  });

  it('requires an Idempotency-Key on submit and resubmit, and the signature headers on callbacks', () => {
    const byId = Object.fromEntries(operations().map((o) => [o.operation.operationId, o.operation]));
    const headers = (id: string) =>
      parametersOf(byId[id])
        .filter((p) => p.in === 'header' && p.required)
        .map((p) => p.name);
    expect(headers('submitDraft')).toEqual(['Idempotency-Key']);
    expect(headers('resubmitMatter')).toEqual(['Idempotency-Key']);
    expect(headers('agencyCallback').sort()).toEqual([
      'x-agency',
      'x-agency-case-id',
      'x-agency-nonce',
      'x-agency-sequence',
      'x-agency-signature',
      'x-agency-timestamp',
    ]);
  });
});

describe('API.md', () => {
  it('lists the same routes as the document', () => {
    const text = readFileSync(join(__dirname, '../../API.md'), 'utf8');
    const inMarkdown = new Set(
      [...text.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^\s`?]*)/g)].map(([, method, path]) =>
        `${method} ${path.startsWith('/healthz') || path.startsWith('/readyz') || path.startsWith('/api/') ? path : `/api/v1${path}`}`.replace(
          /:(\w+)/g,
          '{$1}',
        ),
      ),
    );
    const documented = new Set(documentedRoutes(openApiDocument).map(key));
    expect([...documented].filter((r) => !inMarkdown.has(r))).toEqual([]);
    expect([...inMarkdown].filter((r) => !documented.has(r))).toEqual([]);
  });
});

function resolveResponse(response: Operation['responses'][string]) {
  return ('$ref' in response ? resolveRef(response.$ref) : response) as {
    content?: Record<string, { schema: Record<string, unknown> }>;
  };
}

describe('responses are checked against their declared schema', () => {
  const route = (operationId: string) => ({ operationId }) as never;

  it('accepts a conforming response and names what is wrong with one that is not', () => {
    const check = new ResponseCheck(openApiDocument);
    check.observe({
      route: route('healthz'),
      method: 'GET',
      path: '/healthz',
      status: 200,
      body: { status: 'ok' },
    });
    expect(check.problems).toEqual([]);
    check.observe({
      route: route('healthz'),
      method: 'GET',
      path: '/healthz',
      status: 200,
      body: { status: 1 },
    });
    check.observe({ route: route('healthz'), method: 'GET', path: '/healthz', status: 418, body: {} });
    check.observe({
      route: route('getDraft'),
      method: 'GET',
      path: '/api/v1/drafts/x',
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect(check.problems).toEqual([
      expect.stringContaining('/status'),
      expect.stringContaining('status 418 is not declared'),
      expect.stringContaining("must have required property 'message'"),
    ]);
  });

  it('checks every response of a suite (this one included)', () => {
    expect(server.responses.checked).toBeGreaterThanOrEqual(operations().length);
    expect(server.responses.problems).toEqual([]);
  });
});

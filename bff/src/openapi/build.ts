// The OpenAPI 3.1 document, built from the route declarations the app mounts (http/route.ts): nothing in
// it is written twice, so the router-vs-document check holds by construction.
import * as yup from 'yup';
import {
  declared,
  type Responses,
  type ResponseSpec,
  type Route,
  type RouteGroup,
  type HttpMethod,
} from '../http/route';
import { ERROR_RESPONSES, errorBodySchema } from '../http/errorSchema';
import { SchemaRegistry, type JsonSchema } from './jsonSchema';

export type { HttpMethod };
export type Schema = JsonSchema;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: Schema;
}

interface MediaType {
  schema: Schema;
  example?: unknown;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | { $ref: string }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, ResponseObject>;
    securitySchemes: Record<string, Schema>;
  };
}

const TAGS = [
  { name: 'health', description: '健康检查与接口说明' },
  { name: 'auth', description: '登录与会话' },
  { name: 'auto-fill', description: '系统自动获取' },
  { name: 'drafts', description: '草稿（向导自动保存）' },
  { name: 'applications', description: '提交、办件与补正' },
  { name: 'notices', description: '站内消息与订阅消息' },
  { name: 'callbacks', description: '部门回调' },
  { name: 'staff', description: '工作人员（窗口、监督、管理员）' },
];

const SECURITY_SCHEMES: Record<string, Schema> = {
  bearerAuth: { type: 'http', scheme: 'bearer', description: 'POST /auth/login 返回的令牌' },
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'staff_session',
    description:
      '工作人员会话：经 GET /staff/auth/login 由统一身份认证（OIDC）登录后设置的 httpOnly Cookie；长时间无操作即失效。改变数据的请求须带请求头 X-Requested-With。',
  },
};

export interface DocumentOptions {
  /** Extra security schemes a guard names (e.g. the agency callback signature). */
  securitySchemes?: Record<string, Schema>;
}

/** /drafts/:id → /drafts/{id} */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The schemas and the named responses the operations refer to, each described once. */
interface Components {
  schemas: SchemaRegistry;
  responses: Record<string, ResponseObject>;
}

export function buildOpenApiDocument(groups: RouteGroup[], options: DocumentOptions = {}): OpenApiDocument {
  const registry = new SchemaRegistry();
  registry.convert(errorBodySchema);
  const components: Components = {
    schemas: registry,
    responses: Object.fromEntries(
      Object.entries(ERROR_RESPONSES).map(([name, description]) => [
        name,
        { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ]),
    ),
  };
  const paths: OpenApiDocument['paths'] = {};
  for (const group of groups) {
    for (const route of group.routes) {
      const path = openApiPath(group.prefix + route.path);
      const item = (paths[path] ??= {});
      if (item[route.method]) throw new Error(`${route.method} ${path} is declared twice`);
      item[route.method] = operationOf(route, group, components);
    }
  }
  const securitySchemes = { ...SECURITY_SCHEMES, ...options.securitySchemes };
  for (const operation of Object.values(paths).flatMap((item) => Object.values(item))) {
    for (const name of operation.security.flatMap(Object.keys)) {
      if (!securitySchemes[name])
        throw new Error(`${operation.operationId}: unknown security scheme ${name}`);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '员工招聘一件事 BFF 接口',
      version: '1.0.0',
      description:
        '小程序与 H5 调用的后端接口。请求和响应均为 JSON（UTF-8）；错误统一为 { error: { code, message, details? } }，message 为中文。列表和摘要中的身份证号、手机号已脱敏。' +
        '\n\nwx.request / my.request 不能发送 PATCH：小程序以 POST 发送，并带请求头 X-HTTP-Method-Override: PATCH，服务端按 PATCH 处理。',
    },
    servers: [{ url: '/', description: '与本文档同一主机' }],
    tags: TAGS,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: registry.schemas,
      responses: components.responses,
      securitySchemes,
    },
  };
}

function operationOf(undeclared: Route, group: RouteGroup, components: Components): Operation {
  const route = declared(undeclared);
  const registry = components.schemas;
  const parameters = [
    ...fieldsOf(route.params, 'path', registry),
    ...fieldsOf(route.query, 'query', registry),
    ...(route.headers ?? []).map((h): Parameter => ({
      name: h.name,
      in: 'header',
      required: h.required ?? false,
      description: h.description,
      schema: registry.convert(h.schema),
    })),
  ];
  const operation: Operation = {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: route.tags,
    security: route.auth.scheme ? [{ [route.auth.scheme]: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    responses: responsesOf({ ...group.responses, ...route.auth.responses, ...route.responses }, components),
  };
  if (route.body) {
    const schema = registry.convert(route.body);
    const required = route.bodyRequired ?? requiresSomething(route.body);
    operation.requestBody = {
      required,
      content: {
        'application/json': { schema, ...(route.example !== undefined ? { example: route.example } : {}) },
      },
    };
  }
  if (route.upload) {
    operation.requestBody = {
      required: true,
      content: {
        [route.upload.contentType]: {
          schema: registry.convert(route.upload.schema),
          ...(route.example !== undefined ? { example: route.example } : {}),
        },
      },
    };
  }
  return operation;
}

function requiresSomething(schema: yup.Schema): boolean {
  const description = schema.describe() as { fields?: Record<string, { optional: boolean }> };
  return Object.values(description.fields ?? {}).some((f) => !f.optional);
}

function fieldsOf(
  schema: yup.Schema | undefined,
  where: 'path' | 'query',
  registry: SchemaRegistry,
): Parameter[] {
  if (!schema) return [];
  const fields = (schema as yup.AnyObjectSchema).fields as Record<string, yup.Schema>;
  return Object.entries(fields).map(([name, field]) => {
    const converted = registry.convert(field);
    const { description, ...rest } = converted as { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || !field.describe().optional,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function responsesOf(responses: Responses, components: Components): Operation['responses'] {
  const out: Operation['responses'] = {};
  for (const [status, response] of Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))) {
    if (!response) continue;
    if (typeof response === 'string') {
      out[status] = { $ref: `#/components/responses/${response}` };
      continue;
    }
    const described = responseObject(response, components.schemas);
    if (!response.name) {
      out[status] = described;
      continue;
    }
    // One name, one answer: two routes giving different answers under the same name is a declaration bug.
    const existing = components.responses[response.name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(described))
      throw new Error(`two different responses are both named ${response.name}`);
    components.responses[response.name] = described;
    out[status] = { $ref: `#/components/responses/${response.name}` };
  }
  return out;
}

function responseObject(response: ResponseSpec, registry: SchemaRegistry): ResponseObject {
  if (!response.schema && !response.contentType) return { description: response.description };
  const schema = response.schema ? registry.convert(response.schema) : {};
  return {
    description: response.description,
    content: { [response.contentType ?? 'application/json']: { schema } },
  };
}

// Malformed requests generated from the OpenAPI document: wrong types, missing and unknown fields, query
// operators in every field, huge strings, bad JSON, wrong content types, hostile path parameters, bad tokens,
// bad Idempotency-Keys and unsigned or mis-signed callbacks. Every answer must be a 4xx in the one JSON error
// shape with a Chinese message; none may be a 5xx or change the account's data.
// Reproduce a run with SECURITY_SEED=<seed printed below> npx jest tests/security/malformed.
import { randomBytes, randomUUID } from 'node:crypto';
import { signCallback as signAgencyCallback } from '@hiring/mock';
import {
  CALLBACK_SECRET,
  loginAs,
  startTestServer,
  type Client,
  type TestServer,
} from '../helpers/testServer';
import {
  deref,
  fillPath,
  operations,
  parametersOf,
  type DocumentedOperation,
  type JsonSchema,
} from './openapiWalk';
import { populateAccount, prng, type AccountData } from './flows';
import { DEV_STAFF_TOKENS } from '../../src/staff/staffTokens';

const SEED = Number(process.env.SECURITY_SEED ?? 20261126);
const random = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

interface Case {
  kind: string;
  operationId: string;
  label: string;
  method: string;
  /** Path (and query) after the host, already encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

interface Outcome extends Case {
  status: number;
  contentType: string;
  response: any;
}

let server: TestServer;
let owner: Client;
let data: AccountData;
let revokedToken: string;
let before: { drafts: unknown; draft: unknown; applications: unknown; notices: unknown };
const outcomes: Outcome[] = [];

const CJK = /[\u4e00-\u9fff]/;
const OPERATORS: unknown[] = [
  { $ne: null },
  { $regex: '.*' },
  { $in: [] },
  { $expr: { $eq: [1, 1] } },
  { $exists: true },
];
const HUGE = 'x'.repeat(20_000);
/** Malformed query strings of the operations that read one: the parameter missing, repeated, as an operator, and bad values. */
const BAD_QUERIES: Record<string, readonly string[]> = {
  lookupUnit: [
    '',
    '?uscc=a&uscc=b',
    '?uscc[$gt]=',
    ...['', '%00', '9'.repeat(5000), '{"$where":"1"}', '91361100MA0000000%27'].map((v) => `?uscc=${v}`),
  ],
  deleteDraftEmployee: [
    '?',
    '?version=1&version=2',
    '?version[$gt]=0',
    ...['', 'abc', '-1', '1.5', '1e999', '{"$gt":0}'].map((v) => `?version=${v}`),
  ],
};

type Path = (string | number)[];

function setAt(target: any, path: Path, value: unknown): any {
  const copy = structuredClone(target) ?? {};
  let node = copy;
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1) node[part] = value;
    else {
      if (node[part] === undefined || node[part] === null || typeof node[part] !== 'object') node[part] = {};
      node = node[part];
    }
  }
  return copy;
}

function deleteAt(target: any, path: Path): any {
  const copy = structuredClone(target);
  let node = copy;
  for (const part of path.slice(0, -1)) node = node?.[part];
  if (node) delete node[path[path.length - 1]];
  return copy;
}

/** Every field the schema describes under `value`, down to three levels, with its schema. */
function fieldsOf(schema: JsonSchema, value: any, prefix: Path = []): { path: Path; schema: JsonSchema }[] {
  const resolved = deref(schema);
  if (!resolved.properties || prefix.length > 4) return [];
  return Object.entries(resolved.properties as Record<string, JsonSchema>).flatMap(([name, child]) => {
    const childSchema = deref(child);
    const here = { path: [...prefix, name], schema: childSchema };
    const current = value?.[name];
    if (childSchema.type === 'object' && current && typeof current === 'object')
      return [here, ...fieldsOf(childSchema, current, [...prefix, name])];
    if (
      childSchema.type === 'array' &&
      Array.isArray(current) &&
      current.length &&
      deref(childSchema.items).properties
    )
      return [here, ...fieldsOf(childSchema.items, current[0], [...prefix, name, 0])];
    return [here];
  });
}

/** A value of the wrong type for the schema, chosen so that no lenient parser could turn it into a valid one. */
function wrongType(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'number' || type === 'integer') return pick<unknown>(['abc', {}, [], [1], 'NaN']);
  if (type === 'boolean') return pick<unknown>(['yes', {}, [], 2]);
  if (type === 'array') return pick<unknown>([{}, 'list', 1, { 0: 'a' }]);
  if (type === 'object') return pick<unknown>([[], [{}], 'object', 1]);
  return pick<unknown>([{}, [], ['a', 'b'], { toString: 'x' }]);
}

function headerSafe(raw: string): { caseId: string; sequence: string } {
  let body: { caseId?: unknown; sequence?: unknown } = {};
  try {
    body = JSON.parse(raw) ?? {};
  } catch {
    /* not JSON */
  }
  return {
    caseId: String(body.caseId ?? '').slice(0, 64),
    sequence: String(body.sequence ?? '').slice(0, 16),
  };
}

/** Signed as the 公积金 stand-in signs (mock/src/signing.ts); `headers` override what it would send. */
const signCallback = (raw: string, headers: Record<string, string> = {}, secret = CALLBACK_SECRET) => ({
  ...signAgencyCallback(secret, 'housingFund', raw, {
    timestamp: headers['X-Agency-Timestamp'],
    nonce: headers['X-Agency-Nonce'],
    // A huge or odd case id or sequence in the body must not become a huge header (431 from Node).
    ...headerSafe(raw),
  }),
  ...headers,
});

function generate(): Case[] {
  const cases: Case[] = [];
  const realParams = (op: DocumentedOperation): Record<string, string> => ({
    id: op.path.includes('/applications/')
      ? data.applicationId
      : op.path.includes('/notices/')
        ? data.noticeIds[0]
        : data.draftId,
    key: data.employeeKey,
    matter: 'employment',
    agency: 'housingFund',
  });

  for (const op of operations()) {
    const { method, path, operation } = op;
    const needsLogin = operation.security.some((s) => 'bearerAuth' in s);
    const needsStaff = operation.security.some((s) => 'staffSession' in s);
    const token = needsStaff ? DEV_STAFF_TOKENS[0].token : owner.token;
    const params = parametersOf(operation);
    const needsKey = params.some((p) => p.name === 'Idempotency-Key');
    const isCallback = operation.operationId === 'agencyCallback';
    const schema = operation.requestBody?.content['application/json']?.schema;
    const example = operation.requestBody?.content['application/json']?.example;
    const baseline: any = example === undefined ? undefined : structuredClone(example);
    if (baseline && 'version' in baseline) baseline.version = data.draftVersion;
    if (operation.operationId === 'resubmitMatter') baseline.employees[0].key = data.employeeKey;
    const url = (values: Record<string, string> = {}, query = '') =>
      fillPath(path, { ...realParams(op), ...values }) +
      (query || (operation.operationId === 'deleteDraftEmployee' ? `?version=${data.draftVersion}` : ''));
    const authHeader = (): Record<string, string> =>
      needsLogin || needsStaff ? { authorization: `Bearer ${token}` } : {};
    const keyHeader = (): Record<string, string> => (needsKey ? { 'Idempotency-Key': randomUUID() } : {});
    const add = (kind: string, label: string, c: Partial<Case> & { body?: string }) => {
      let headers = {
        ...authHeader(),
        ...keyHeader(),
        ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...c.headers,
      };
      if (
        isCallback &&
        c.body !== undefined &&
        !c.headers?.['X-Agency-Signature'] &&
        kind !== 'callback-signature'
      ) {
        // Body mutations of a callback are signed correctly, so they reach the body checks.
        headers = { ...headers, ...signCallback(c.body) };
      }
      cases.push({
        kind,
        operationId: operation.operationId,
        label,
        method: c.method ?? method.toUpperCase(),
        url: c.url ?? url(),
        headers,
        body: c.body,
      });
    };
    const withBody = (value: unknown) =>
      method === 'get' || method === 'delete' ? undefined : JSON.stringify(value ?? {});

    // Tokens: missing, malformed, unknown, revoked, another scheme.
    if (needsLogin || needsStaff) {
      for (const [label, value] of [
        ['no token', undefined],
        ['empty bearer', 'Bearer '],
        ['short token', 'Bearer abc'],
        ['unknown token', `Bearer ${randomBytes(32).toString('base64url')}`],
        ['revoked token', `Bearer ${revokedToken}`],
        ['basic scheme', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
        ['operator in token', 'Bearer {"$gt":""}'],
        ['token twice', `Bearer ${token} Bearer ${token}`],
      ] as const) {
        const headers: Record<string, string> = value === undefined ? {} : { authorization: value };
        cases.push({
          kind: 'token',
          operationId: operation.operationId,
          label,
          method: method.toUpperCase(),
          url: url(),
          headers: {
            ...keyHeader(),
            ...headers,
            ...(withBody(baseline) ? { 'content-type': 'application/json' } : {}),
          },
          body: withBody(baseline),
        });
      }
    }

    // Hostile path parameters (each parameter in turn, the others valid).
    for (const param of params.filter((p) => p.in === 'path')) {
      for (const value of [
        '../../../etc/passwd',
        '..%2F..%2Fhealthz',
        '%00',
        '\u0000',
        '%E0%A4%A',
        '{"$gt":""}',
        '[object Object]',
        '0123456789ABCDEF01234567',
        '0123456789abcdef0123456',
        'a'.repeat(3000),
        '$where',
        '草稿',
        ' ',
      ]) {
        const raw = value.startsWith('..%2F') || value === '%00' || value === '%E0%A4%A';
        const filled = url({ [param.name]: raw ? '\u0001' : value }).replace('%01', raw ? value : '%01');
        add('path-param', `${param.name}=${JSON.stringify(value).slice(0, 40)}`, {
          url: filled,
          body: withBody(baseline),
        });
      }
    }

    // Idempotency-Key values that are missing or malformed.
    if (needsKey) {
      for (const value of [
        undefined,
        '',
        'short',
        'k'.repeat(101),
        'has space in it',
        '../../etc/passwd',
        '$where:1',
        'clé-idempotence',
        '{"$gt":""}',
      ]) {
        const headers: Record<string, string> = { ...authHeader(), 'content-type': 'application/json' };
        if (value !== undefined) headers['Idempotency-Key'] = value;
        cases.push({
          kind: 'idempotency-key',
          operationId: operation.operationId,
          label: JSON.stringify(value ?? 'missing').slice(0, 30),
          method: method.toUpperCase(),
          url: url(),
          headers,
          body: JSON.stringify(baseline),
        });
      }
    }

    // Unsigned, half-signed, mis-signed and stale callbacks.
    if (isCallback) {
      const raw = JSON.stringify(baseline);
      const good = () => signCallback(raw);
      const variants: [string, Record<string, string>][] = [
        ['unsigned', {}],
        ['no signature', (({ 'X-Agency-Signature': _s, ...rest }) => rest)(good())],
        ['no nonce', (({ 'X-Agency-Nonce': _n, ...rest }) => rest)(good())],
        ['no timestamp', (({ 'X-Agency-Timestamp': _t, ...rest }) => rest)(good())],
        ['wrong secret', signCallback(raw, {}, 'not-the-callback-secret-0000')],
        ['stale timestamp', signCallback(raw, { 'X-Agency-Timestamp': String(Date.now() - 10 * 60_000) })],
        ['future timestamp', signCallback(raw, { 'X-Agency-Timestamp': String(Date.now() + 10 * 60_000) })],
        ['timestamp not a number', signCallback(raw, { 'X-Agency-Timestamp': '1e12' })],
        ['timestamp too long', signCallback(raw, { 'X-Agency-Timestamp': '1'.repeat(17) })],
        ['short nonce', signCallback(raw, { 'X-Agency-Nonce': 'abc' })],
        ['nonce with slashes', signCallback(raw, { 'X-Agency-Nonce': '../../../../x' })],
        ['signature not hex', { ...good(), 'X-Agency-Signature': 'zz'.repeat(32) }],
        [
          'signature truncated',
          { ...good(), 'X-Agency-Signature': good()['X-Agency-Signature'].slice(0, 40) },
        ],
        ['signature of another body', { ...signCallback(raw.replace('completed', 'returned')) }],
        ['signature as operator', { ...good(), 'X-Agency-Signature': '{"$gt":""}' }],
      ];
      for (const [label, headers] of variants) {
        add('callback-signature', label, {
          body: raw,
          headers: { 'content-type': 'application/json', ...headers },
        });
      }
      const signedUnknown = signCallback(raw);
      for (const agency of ['police', '..%2Fhrss', 'HRSS', '__proto__', 'constructor']) {
        cases.push({
          kind: 'callback-signature',
          operationId: operation.operationId,
          label: `agency ${agency}`,
          method: 'POST',
          url: fillPath(path, { agency: '\u0001' }).replace('%01', agency),
          headers: {
            'content-type': 'application/json',
            ...signedUnknown,
            'X-Agency-Nonce': randomBytes(12).toString('hex'),
          },
          body: raw,
        });
      }
    }

    // Uploads that are not one image in the `image` field.
    if (operation.requestBody?.content['multipart/form-data']) {
      const part = (name: string, type: string, content: string, filename = 'card.jpg') =>
        `--b\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`;
      const multipart = { 'content-type': 'multipart/form-data; boundary=b' };
      for (const [label, raw, headers] of [
        ['no parts', '--b--\r\n', multipart],
        ['other field', `${part('photo', 'image/jpeg', 'xx')}--b--\r\n`, multipart],
        [
          'two images',
          `${part('image', 'image/jpeg', 'xx')}${part('image', 'image/jpeg', 'yy')}--b--\r\n`,
          multipart,
        ],
        ['text as image', `${part('image', 'image/jpeg', '这不是图片')}--b--\r\n`, multipart],
        [
          'script as image',
          `${part('image', 'image/png', '<script>alert(1)</script>', '../../x.png')}--b--\r\n`,
          multipart,
        ],
        ['truncated', part('image', 'image/jpeg', '\xff\xd8\xff'), multipart],
        [
          'bad boundary',
          `${part('image', 'image/jpeg', 'xx')}--b--\r\n`,
          { 'content-type': 'multipart/form-data; boundary=zzz' },
        ],
        [
          'json instead',
          JSON.stringify({ image: 'data:image/jpeg;base64,AAAA' }),
          { 'content-type': 'application/json' },
        ],
      ] as const) {
        add('upload', label, { body: raw, headers });
      }
    }

    // Query strings.
    for (const query of BAD_QUERIES[operation.operationId] ?? []) {
      add('query', query || 'no query', { url: url({}, query || '?') });
    }

    if (!schema || baseline === undefined) continue;

    // Every field: query operators, a wrong type, a huge string; objects also get an unknown key.
    for (const { path: field, schema: fieldSchema } of fieldsOf(schema, baseline)) {
      const name = field.join('.');
      add('operator', `${name} = {$gt:""}`, { body: JSON.stringify(setAt(baseline, field, { $gt: '' })) });
      add('operator', `${name} = {$where:"1"}`, {
        body: JSON.stringify(setAt(baseline, field, { $where: '1' })),
      });
      const extra = pick(OPERATORS);
      add('operator', `${name} = ${JSON.stringify(extra)}`, {
        body: JSON.stringify(setAt(baseline, field, extra)),
      });
      const wrong = wrongType(fieldSchema);
      add('wrong-type', `${name} = ${JSON.stringify(wrong)}`, {
        body: JSON.stringify(setAt(baseline, field, wrong)),
      });
      if (fieldSchema.type === 'object') {
        add('unknown-field', `${name}.isAdmin`, {
          body: JSON.stringify(setAt(baseline, [...field, 'isAdmin'], true)),
        });
        add('array-for-object', `${name} = [..]`, {
          body: JSON.stringify(setAt(baseline, field, [baseline])),
        });
      } else if (fieldSchema.type !== 'array') {
        add('huge-string', `${name} = 20k chars`, { body: JSON.stringify(setAt(baseline, field, HUGE)) });
      }
    }

    // Missing required fields, unknown top-level fields, the body as another JSON type.
    for (const name of (deref(schema).required ?? []) as string[]) {
      add('missing-field', name, { body: JSON.stringify(deleteAt(baseline, [name])) });
    }
    for (const [label, raw] of [
      ['unknownField', JSON.stringify({ ...baseline, unknownField: 1 })],
      ['$where at top level', JSON.stringify({ ...baseline, $where: 'sleep(1000)' })],
      [
        '__proto__ key',
        JSON.stringify(baseline).replace(/^\{/, '{"__proto__":{"isAdmin":true},').replace(',}', '}'),
      ],
      [
        'constructor.prototype',
        JSON.stringify({ ...baseline, constructor: { prototype: { isAdmin: true } } }),
      ],
    ]) {
      add('unknown-field', label, { body: raw });
    }
    for (const raw of ['[]', '[{}]', JSON.stringify([baseline]), '"text"', '123', 'null', 'true']) {
      add('body-type', raw.slice(0, 20), { body: raw });
    }
    for (const raw of [
      '{',
      '{"a":',
      "{'a':1}",
      '{"a":1}}',
      'NaN',
      '\u0000',
      '{"a":"\\uZZZZ"}',
      '{"a":1,"a":',
    ]) {
      add('bad-json', JSON.stringify(raw), { body: raw });
    }
    for (const [type, raw] of [
      ['text/plain', JSON.stringify(baseline)],
      ['application/x-www-form-urlencoded', 'version=1&application=x'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
      ],
      ['application/xml', '<a>1</a>'],
    ]) {
      add('content-type', type, { body: raw, headers: { 'content-type': type } });
    }
    add('too-large', '1.1 MB', { body: JSON.stringify({ ...baseline, filler: 'x'.repeat(1_100_000) }) });
  }

  // Methods the document does not list for a path, and the mini-program method override on other routes.
  for (const [path, item] of Object.entries(
    operations().reduce<Record<string, string[]>>((all, o) => {
      (all[o.path] ??= []).push(o.method.toUpperCase());
      return all;
    }, {}),
  )) {
    const missing = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND'].filter((m) => !item.includes(m));
    const target = fillPath(path, { id: data.draftId, key: data.employeeKey });
    for (const method of missing) {
      cases.push({
        kind: 'wrong-method',
        operationId: `${method} ${path}`,
        label: method,
        method,
        url: target,
        headers: { authorization: `Bearer ${owner.token}` },
      });
    }
    if (!item.includes('PATCH') && item.includes('POST')) {
      cases.push({
        kind: 'wrong-method',
        operationId: `POST ${path}`,
        label: 'X-HTTP-Method-Override: PATCH',
        method: 'POST',
        url: target,
        headers: {
          authorization: `Bearer ${owner.token}`,
          'X-HTTP-Method-Override': 'PATCH',
          'content-type': 'application/json',
        },
        body: '{}',
      });
    }
  }
  return cases;
}

async function send(c: Case): Promise<Outcome> {
  const res = await fetch(`${server.url}${c.url}`, { method: c.method, headers: c.headers, body: c.body });
  const text = await res.text();
  let response: unknown = text;
  try {
    response = JSON.parse(text);
  } catch {
    // kept as text: the assertion reports it
  }
  return { ...c, status: res.status, contentType: res.headers.get('content-type') ?? '', response };
}

const snapshot = async () => ({
  drafts: (await owner.call('GET', '/drafts')).body,
  draft: (await owner.call('GET', `/drafts/${data.draftId}`)).body,
  applications: (await owner.call('GET', '/applications')).body,
  notices: (await owner.call('GET', '/notices')).body,
});

beforeAll(async () => {
  server = await startTestServer({ mocks: true, env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  owner = await loginAs(server, 'fuzz-owner');
  data = await populateAccount(server, owner, { skip: 60, unitIndex: 11, wage: 4321 });
  const revoked = await loginAs(server, 'fuzz-revoked');
  await revoked.call('POST', '/auth/logout');
  revokedToken = revoked.token;
  before = await snapshot();

  const cases = generate();
  // A few requests at a time: fast enough for the 2-core budget, and concurrent like real clients.
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < cases.length) outcomes.push(await send(cases[next++]));
    }),
  );
  const statuses = countBy(outcomes, (o) => String(o.status));
  const kinds = countBy(outcomes, (o) => o.kind);
  console.log(
    `malformed requests: seed ${SEED}, ${outcomes.length} requests, ` +
      `${operations().filter((o) => outcomes.some((x) => x.operationId === o.operation.operationId)).length} of ${operations().length} documented operations\n` +
      `  by status: ${JSON.stringify(statuses)}\n  by kind:   ${JSON.stringify(kinds)}`,
  );
}, 240_000); // about 2,900 requests: minutes when the 2 cores are shared

afterAll(async () => {
  await server?.close();
});

function countBy<T>(list: T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of list) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort());
}

const describeOutcome = (o: Outcome) =>
  `${o.kind} | ${o.method} ${o.url.slice(0, 80)} | ${o.label.slice(0, 60)} → ${o.status} ${JSON.stringify(o.response).slice(0, 160)}`;

function problemsOf(o: Outcome): string[] {
  const problems: string[] = [];
  if (o.status < 400 || o.status > 499) problems.push(`status ${o.status}`);
  if (!o.contentType.startsWith('application/json')) problems.push(`content-type ${o.contentType || 'none'}`);
  const error = o.response?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string')
    problems.push('no error shape');
  else if (!CJK.test(error.message)) problems.push('message not Chinese');
  if (error?.details !== undefined) {
    const ok =
      Array.isArray(error.details) &&
      error.details.every((d: any) => typeof d.path === 'string' && typeof d.message === 'string');
    if (!ok) problems.push('details not [{ path, message }]');
  }
  return problems;
}

/** The failing kinds with their counts, then the first examples: enough to see the pattern at a glance. */
function report(failures: Outcome[], problem = (o: Outcome) => problemsOf(o).join(', ')): string[] {
  if (!failures.length) return [];
  const byKind = countBy(failures, (o) => `${o.kind}: ${problem(o)}`);
  return [
    ...Object.entries(byKind).map(([kind, n]) => `${n} × ${kind}`),
    ...failures
      .slice(0, Number(process.env.SECURITY_EXAMPLES ?? 12))
      .map((o) => `${problem(o)} :: ${describeOutcome(o)}`),
  ];
}

it('generates at least 500 requests from the document, for every operation', () => {
  expect(outcomes.length).toBeGreaterThanOrEqual(500);
  const covered = new Set(outcomes.map((o) => o.operationId));
  for (const { operation } of operations()) {
    if (
      operation.operationId === 'healthz' ||
      operation.operationId === 'readyz' ||
      operation.operationId === 'getOpenApi' ||
      operation.operationId === 'getImportTemplate' || // no input at all: a fixed file
      // Browser navigations of the staff login, checked with bad input in tests/staff/login.test.ts.
      ['startStaffLogin', 'finishStaffLogin', 'staffLogout'].includes(operation.operationId)
    )
      continue;
    expect(covered).toContain(operation.operationId);
  }
});

/** Every kind of malformation the generator makes: a check that filters one must have something to filter. */
const KINDS = [
  'array-for-object',
  'bad-json',
  'body-type',
  'callback-signature',
  'content-type',
  'huge-string',
  'idempotency-key',
  'missing-field',
  'operator',
  'path-param',
  'query',
  'token',
  'too-large',
  'unknown-field',
  'upload',
  'wrong-method',
  'wrong-type',
];

it('generates every kind of malformed request, each more than once', () => {
  const counts = countBy(outcomes, (o) => o.kind);
  expect(Object.keys(counts).sort()).toEqual(KINDS);
  expect(Object.entries(counts).filter(([, n]) => n < 2)).toEqual([]);
});

it('never answers a malformed request with a server error', () => {
  expect(report(outcomes.filter((o) => o.status >= 500))).toEqual([]);
});

it('answers every malformed request with 4xx and the JSON error shape, in Chinese', () => {
  const failures = outcomes.filter((o) => problemsOf(o).length > 0);
  expect(report(failures)).toEqual([]);
});

it('refuses a body that is not JSON with 415 instead of treating it as empty', () => {
  const contentTypes = outcomes.filter((o) => o.kind === 'content-type');
  expect(contentTypes.length).toBeGreaterThanOrEqual(10);
  const failures = contentTypes.filter((o) => o.status !== 415 || problemsOf(o).length > 0);
  expect(report(failures, (o) => `status ${o.status} instead of 415`)).toEqual([]);
});

it('explains field errors in Chinese too', () => {
  const withDetails = outcomes.filter((o) => (o.response?.error?.details ?? []).length > 0);
  expect(withDetails.length).toBeGreaterThanOrEqual(50);
  const english = withDetails.filter((o) =>
    (o.response?.error?.details ?? []).some(
      (d: any) => typeof d.message === 'string' && !CJK.test(d.message),
    ),
  );
  expect(report(english, () => 'English field message')).toEqual([]);
});

it('logs no unhandled error and changes nothing in the account', async () => {
  expect(server.logLines.filter((l) => l.includes('unhandled error'))).toEqual([]);
  expect(await snapshot()).toEqual(before);
});

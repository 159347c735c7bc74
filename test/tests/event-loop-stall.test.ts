// No request under the body limit may keep the bff's event loop busy for everyone else. For every operation
// the running bff describes (its OpenAPI document, which lists exactly the routes it serves), this sends the
// worst bodies we know for it: each array filled to just under the body limit, tens of thousands of
// unknown keys at the top and in every nested object, each string field as one huge string. Meanwhile a
// probe asks /healthz every ~20 ms; the worst wait of any probe must stay under 100 ms. The bff runs as its
// own process, so the probe measures its event loop, not ours.
import { randomUUID } from 'node:crypto';
import {
  bffEnvFor,
  makeLegalRepresentative,
  type RunningMocks,
  sampleApplication,
  signCallback,
  startMocks,
  workingAgePeople,
} from '@hiring/mock';
import { testDatabaseUri } from '../../tools/jest/testDatabase';
import { freePort, startBff, type BffProcess } from '../src/bffProcess';

jest.setTimeout(300000);

const SECRET = 'stall-test-callback-secret-012345';
const BODY_BYTES = 950_000; // under the 1 MB body limit
const STALL_LIMIT_MS = 100;
/** A body that stalls is tried this often: a real stall repeats, a busy machine's hiccup does not. */
const TRIES = 5;

type JsonSchema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  operationId: string;
  requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> };
}

let mocks: RunningMocks;
let bff: BffProcess;
let doc: { paths: Record<string, Record<string, Operation>>; components?: unknown };
let token: string;
const ids: Record<string, string> = {};

interface Probe {
  start: number;
  end: number;
}
const probes: Probe[] = [];
let probing = true;
let probeLoop: Promise<void>;

beforeAll(async () => {
  mocks = await startMocks({ callbackSecret: SECRET, reviewMode: 'manual', workingDayMs: 3_600_000 });
  bff = await startBff(await freePort(), {
    MONGODB_URI: testDatabaseUri('stall'),
    DEV_LOGIN: 'true',
    ...bffEnvFor(mocks, SECRET),
    RATE_LIMIT_PER_MINUTE: '1000000',
    HEALTH_CHECKS_PER_MINUTE: '1000000',
    LOGINS_PER_MINUTE: '10000',
  });
  doc = (await (await fetch(`${bff.url}/api/v1/openapi.json`)).json()) as typeof doc;
  const login = await call('POST', '/auth/dev-login', { nickname: 'stall' });
  token = login.body.token;
  const population = mocks.world.population;
  await makeLegalRepresentative(`${bff.url}/api/v1`, token, population.units[3]);
  const people = workingAgePeople(population, 'normal', 2, 500);
  const draft = await call('POST', '/drafts', {
    application: sampleApplication(population.units[2], people, ['housingFund']),
  });
  ids.draft = draft.body.id;
  ids.key = draft.body.application.employees[0].key;
  const other = await call('POST', '/drafts', {
    application: sampleApplication(population.units[3], people.slice(1), ['housingFund']),
  });
  const submitted = await call(
    'POST',
    `/drafts/${other.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(submitted.status).toBe(201);
  ids.application = submitted.body.id;
  ids.code = submitted.body.code;
  ids.notice = '0123456789abcdef01234567';
  probeLoop = (async () => {
    while (probing) {
      const start = performance.now();
      await fetch(`${bff.url}/healthz`).then((r) => r.arrayBuffer());
      probes.push({ start, end: performance.now() });
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
});

afterAll(async () => {
  probing = false;
  await probeLoop;
  await bff?.kill('SIGKILL');
  await mocks?.stop();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${bff.url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

function deref(schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) {
    let node: any = doc;
    for (const part of String(schema.$ref).slice(2).split('/')) node = node?.[part];
    return deref(node);
  }
  if (schema.allOf) {
    return (schema.allOf as JsonSchema[])
      .map(deref)
      .reduce(
        (merged, part) => ({ ...part, ...merged, properties: { ...part.properties, ...merged.properties } }),
        {},
      );
  }
  return schema;
}

type Path = (string | number)[];

function setAt(target: unknown, path: Path, value: unknown): any {
  if (!path.length) return value;
  const copy: any = structuredClone(target ?? {});
  let node = copy;
  for (const [i, part] of path.entries()) {
    if (i === path.length - 1) node[part] = value;
    else {
      if (node[part] === null || typeof node[part] !== 'object')
        node[part] = typeof path[i + 1] === 'number' ? [] : {};
      node = node[part];
    }
  }
  return copy;
}

function getAt(target: any, path: Path): any {
  return path.reduce((node, part) => node?.[part], target);
}

/** A plausible value for a schema: its example, else something of its type. */
function sampleOf(schema: JsonSchema): unknown {
  const s = deref(schema);
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.enum?.length) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties)
    return Object.fromEntries(
      Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleOf(v as JsonSchema)]),
    );
  if (type === 'array') return [sampleOf(s.items ?? {})];
  if (type === 'number' || type === 'integer') return 1;
  if (type === 'boolean') return true;
  return 'x';
}

/** Every array, object and string the schema describes, with its path (array elements at index 0). */
function partsOf(
  schema: JsonSchema,
  path: Path = [],
  depth = 0,
): { path: Path; kind: 'array' | 'object' | 'string'; item?: JsonSchema }[] {
  const s = deref(schema);
  if (depth > 5) return [];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'array' || s.items)
    return [{ path, kind: 'array', item: s.items ?? {} }, ...partsOf(s.items ?? {}, [...path, 0], depth + 1)];
  if (type === 'object' || s.properties)
    return [
      { path, kind: 'object' },
      ...Object.entries(s.properties ?? {}).flatMap(([k, v]) =>
        partsOf(v as JsonSchema, [...path, k], depth + 1),
      ),
    ];
  if (type === 'string' && !s.enum && path.length <= 2) return [{ path, kind: 'string' }];
  return [];
}

function manyKeys(bytes: number, base: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = { ...base };
  for (let i = 0; i * 13 < bytes; i++) out[`k${String(i).padStart(6, '0')}`] = 1;
  return out;
}

/** The worst bodies for one operation, each just under the body limit. */
function worstBodies(op: Operation): { label: string; body: string }[] {
  const content = op.requestBody?.content?.['application/json'];
  const baseline: any =
    content?.example !== undefined
      ? structuredClone(content.example)
      : content
        ? sampleOf(content.schema)
        : {};
  if (baseline && typeof baseline === 'object' && 'version' in baseline) baseline.version = 1;
  const out: { label: string; body: string }[] = [
    { label: 'unknown keys', body: JSON.stringify(manyKeys(BODY_BYTES * 0.8)) },
  ];
  if (!content) return out;
  const budget = BODY_BYTES - Buffer.byteLength(JSON.stringify(baseline));
  for (const part of partsOf(content.schema)) {
    const label = `${part.kind} ${part.path.join('.') || '(root)'}`;
    let value: unknown;
    if (part.kind === 'array') {
      const existing = getAt(baseline, part.path);
      const element = Array.isArray(existing) && existing.length ? existing[0] : sampleOf(part.item!);
      const size = Buffer.byteLength(JSON.stringify(element)) + 1;
      value = Array.from({ length: Math.floor(budget / size) }, () => element);
    } else if (part.kind === 'object') {
      if (!part.path.length) continue; // the root: the "unknown keys" body
      value = manyKeys(budget * 0.8, getAt(baseline, part.path) ?? {});
    } else {
      value = 'x'.repeat(budget - 10);
    }
    const body = JSON.stringify(setAt(baseline, part.path, value));
    if (Buffer.byteLength(body) < 1_000_000) out.push({ label, body });
  }
  return out;
}

function urlOf(op: Operation): string {
  const values: Record<string, string> = {
    id: op.path.includes('/applications/')
      ? ids.application
      : op.path.includes('/notices/')
        ? ids.notice
        : ids.draft,
    key: ids.key,
    matter: 'housingFund',
    agency: 'housingFund',
  };
  const filled = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
  return filled + (op.operationId === 'deleteDraftEmployee' ? '?version=1' : '');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one body and returns its answer and the worst probe wait while it was being handled. */
async function measure(op: Operation, body: string) {
  // Logging out or rotating ends a session: those get a session of their own.
  const ends = /\/auth\/(logout|refresh)$/.test(op.path);
  const session = ends
    ? (await call('POST', '/auth/dev-login', { nickname: 'stall-spare' })).body.token
    : token;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'Idempotency-Key': randomUUID(),
    authorization: `Bearer ${session}`,
  };
  if (op.path.includes('agency-callbacks')) Object.assign(headers, signCallback(SECRET, 'housingFund', body));
  await sleep(30); // let our own preparation of the body pass before the window opens
  const from = performance.now();
  const res = await fetch(`${bff.url}${urlOf(op)}`, { method: op.method.toUpperCase(), headers, body });
  const text = await res.text();
  await sleep(60); // a stall right after the answer counts too
  const to = performance.now();
  const waits = probes.filter((p) => p.end >= from && p.start <= to).map((p) => p.end - p.start);
  return { status: res.status, bytes: Buffer.byteLength(text), worst: Math.max(0, ...waits) };
}

it('keeps every /healthz probe under 100 ms while each operation receives its worst bodies', async () => {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      ...operation,
      method,
      path: path.replace(/^\/api\/v1/, '/api/v1'),
    })),
  );
  const withBodies = operations.filter((op) => ['post', 'put', 'patch'].includes(op.method));
  expect(withBodies.length).toBeGreaterThan(10);
  const results: { op: string; label: string; status: number; bytes: number; worst: number }[] = [];
  for (const op of withBodies) {
    for (const { label, body } of worstBodies(op)) {
      let best = { status: 0, bytes: 0, worst: Infinity };
      for (let i = 0; i < TRIES && best.worst >= STALL_LIMIT_MS; i++) {
        if (i > 0) await sleep(300 * i); // let a neighbour's burst pass
        const m = await measure(op, body);
        if (m.worst < best.worst) best = m;
      }
      results.push({ op: `${op.method.toUpperCase()} ${op.path}`, label, ...best });
    }
  }
  const worst = results.reduce((a, b) => (b.worst > a.worst ? b : a));
  console.log(
    `event-loop stall: ${results.length} worst bodies over ${withBodies.length} operations; worst /healthz wait ${worst.worst.toFixed(1)} ms (${worst.op}, ${worst.label}); ${probes.length} probes`,
  );
  if (process.env.STALL_DEBUG)
    console.log(results.map((r) => `${r.worst.toFixed(0)} ${r.status} ${r.op} ${r.label}`).join('\n'));
  const stalls = results.filter((r) => r.worst >= STALL_LIMIT_MS);
  expect(stalls).toEqual([]);
  expect(results.filter((r) => r.status >= 500)).toEqual([]);
  expect(results.filter((r) => r.status >= 400 && r.bytes >= 4096)).toEqual([]);
});

// Size bounds checked before a schema looks at a single element. yup casts and validates every element of
// an array and every key of an object before its own max() or noUnknown() test runs, so 120,000 strings
// under a max(3) cost seconds of CPU. This walks the schema and the raw input side by side and stops at the
// first array that is too long and at the first few unknown keys, so the work is bounded by the schema,
// not by the input.
import type * as yup from 'yup';

/** How many unknown keys an object reports (and looks at) before it stops. */
export const UNKNOWN_KEYS_REPORTED = 3;
/** Extra keys an open object (one without noUnknown) may carry, e.g. an agency's own fields. */
export const OPEN_OBJECT_EXTRA_KEYS = 32;

export interface BoundIssue {
  path: string;
  message: string;
}

type AnySchema = yup.AnySchema & {
  type: string;
  tests?: { OPTIONS?: { name?: string; params?: Record<string, unknown> } }[];
  spec?: { noUnknown?: boolean; strip?: boolean };
  innerType?: AnySchema;
  fields?: Record<string, AnySchema>;
};

/** The max() of an array or string schema, if it has one. */
export function maxOf(schema: unknown): number | undefined {
  for (const test of (schema as AnySchema).tests ?? []) {
    if (test.OPTIONS?.name === 'max' && typeof test.OPTIONS.params?.max === 'number')
      return test.OPTIONS.params.max;
  }
  return undefined;
}

const join = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/**
 * Issues with the input's sizes (empty when within bounds). Cost: at most the schema's own bounds (each
 * array's max elements, each object's known fields plus a few unknown keys), whatever the input's size.
 */
export function checkBounds(schema: unknown, value: unknown, path = ''): BoundIssue[] {
  const issues: BoundIssue[] = [];
  walk(schema as AnySchema, value, path, issues);
  return issues;
}

function walk(schema: AnySchema, value: unknown, path: string, issues: BoundIssue[]): void {
  if (issues.length >= UNKNOWN_KEYS_REPORTED || value === null || typeof value !== 'object') return;
  if (schema.type === 'array' && Array.isArray(value)) {
    const max = maxOf(schema);
    if (max === undefined) throw new Error(`unbounded array schema at ${path || '(root)'}`);
    if (value.length > max) {
      issues.push({ path, message: `${path || '列表'}最多 ${max} 项` });
      return;
    }
    if (schema.innerType)
      for (let i = 0; i < value.length; i++) walk(schema.innerType, value[i], join(path, i), issues);
    return;
  }
  if (schema.type === 'object' && schema.fields && !Array.isArray(value)) {
    const fields = schema.fields;
    const closed = schema.spec?.noUnknown === true;
    const allowance = closed ? 0 : OPEN_OBJECT_EXTRA_KEYS;
    let extra = 0;
    const unknown: string[] = [];
    // A few unknown keys are left to the schema, which reports them with the other problems; more than a
    // few stop here. for…in can stop early, where Object.keys would first list all 70,000 keys.
    for (const key in value) {
      if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
      extra += 1;
      if (extra > allowance) unknown.push(key.slice(0, 40));
      if (unknown.length > UNKNOWN_KEYS_REPORTED) break;
    }
    if (unknown.length > (closed ? UNKNOWN_KEYS_REPORTED : 0)) {
      const listed = unknown.slice(0, UNKNOWN_KEYS_REPORTED).join('、');
      issues.push({
        path,
        message: closed ? `不支持的字段：${listed} 等` : `${path || '请求体'}含有过多字段`,
      });
      return;
    }
    for (const key of Object.keys(fields)) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) walk(fields[key], child, join(path, key), issues);
    }
  }
}

/**
 * Paths of arrays without a max() and of unchecked values in a schema, for tests that keep every schema bounded.
 * Stripped fields (never stored) and lazy schemas are not followed.
 */
export function unboundedParts(schema: unknown, path = ''): string[] {
  const s = schema as AnySchema;
  if (s.spec?.strip) return [];
  if (s.type === 'array') {
    const own = maxOf(s) === undefined ? [path || '(root)'] : [];
    return [...own, ...(s.innerType ? unboundedParts(s.innerType, `${path}[]`) : [])];
  }
  if (s.type === 'object' && s.fields) {
    return Object.entries(s.fields).flatMap(([key, child]) => unboundedParts(child, join(path, key)));
  }
  // Anything goes under mixed(): nothing bounds what it holds.
  const whitelist = (s as unknown as { _whitelist?: { size: number } })._whitelist;
  if (s.type === 'mixed' && !whitelist?.size) return [`${path || '(root)'} (any value)`];
  return [];
}

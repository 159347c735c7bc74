// Reading the OpenAPI document from tests: its operations, $ref resolution, and sample path values.
import type { HttpMethod, Operation, Parameter } from '../../src/openapi';
import { describeApi } from '../../src/openapi/describe';

/** The contract as the app builds it from its route declarations. */
export const openApiDocument = describeApi();

export interface DocumentedOperation {
  method: HttpMethod;
  path: string;
  operation: Operation;
}

export function operations(): DocumentedOperation[] {
  return Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
    (Object.entries(item) as [HttpMethod, Operation][]).map(([method, operation]) => ({
      method,
      path,
      operation,
    })),
  );
}

/** The node a local `#/components/...` reference points to, or undefined when it points nowhere. */
export function resolveRef(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = openApiDocument;
  for (const part of ref.slice(2).split('/')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

export type JsonSchema = Record<string, any>;

/** Follows $ref and merges allOf, so a generator sees one object schema with all its properties. */
export function deref(schema: JsonSchema | undefined): JsonSchema {
  if (!schema) return {};
  if (schema.$ref) return deref(resolveRef(schema.$ref) as JsonSchema);
  if (schema.allOf) {
    const parts = (schema.allOf as JsonSchema[]).map(deref);
    const { allOf: _allOf, ...rest } = schema;
    return parts.reduce(
      (merged, part) => ({
        ...part,
        ...merged,
        properties: { ...(part.properties ?? {}), ...(merged.properties ?? {}) },
        required: [...(part.required ?? []), ...(merged.required ?? [])],
      }),
      rest,
    );
  }
  return schema;
}

export function parametersOf(operation: Operation): Parameter[] {
  return operation.parameters ?? [];
}

/** Replaces each {param} with a well-formed value (an id that exists nowhere, a known matter…). */
export function fillPath(path: string, values: Record<string, string> = {}): string {
  const samples: Record<string, string> = {
    id: '0123456789abcdef01234567',
    key: '0123456789ab',
    matter: 'employment',
    agency: 'hrss',
  };
  return path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? samples[name] ?? 'x'),
  );
}

/**
 * Checks a value against the subset of JSON Schema the document uses ($ref, allOf, type, enum, const,
 * required, properties, additionalProperties, items, pattern, maxLength, minimum, maximum). Returns the
 * problems as `path: reason`, empty when the value conforms.
 */
export function conformance(schema: JsonSchema, value: unknown, path = '$'): string[] {
  if (schema.$ref) return conformance(resolveRef(schema.$ref) as JsonSchema, value, path);
  const problems: string[] = [];
  for (const part of (schema.allOf ?? []) as JsonSchema[]) problems.push(...conformance(part, value, path));
  if (schema.const !== undefined && value !== schema.const)
    problems.push(`${path}: expected ${schema.const}`);
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    problems.push(`${path}: not one of the enum`);
  if (schema.type) {
    const types = ([] as string[]).concat(schema.type);
    const actual =
      value === null
        ? 'null'
        : Array.isArray(value)
          ? 'array'
          : typeof value === 'number' && Number.isInteger(value)
            ? 'integer'
            : typeof value;
    const ok = types.includes(actual) || (actual === 'integer' && types.includes('number'));
    if (!ok) return [...problems, `${path}: ${actual} where ${types.join('|')} belongs`];
  }
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value))
      problems.push(`${path}: does not match`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${path}: too long`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${path}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${path}: above maximum`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => problems.push(...conformance(schema.items, item, `${path}[${i}]`)));
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in record)) problems.push(`${path}.${key}: missing`);
    }
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) problems.push(...conformance(properties[key], item, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${key}: not documented`);
      else if (typeof schema.additionalProperties === 'object')
        problems.push(...conformance(schema.additionalProperties, item, `${path}.${key}`));
    }
  }
  return problems;
}

/** The documented schema of an operation's response with this status. */
export function responseSchema(operationId: string, status: number): JsonSchema | undefined {
  const found = operations().find((o) => o.operation.operationId === operationId);
  let response: any = found?.operation.responses[String(status)];
  if (response?.$ref) response = resolveRef(response.$ref);
  return response?.content?.['application/json']?.schema;
}

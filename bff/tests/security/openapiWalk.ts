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

// yup → JSON Schema for the OpenAPI document. @sodaru/yup-to-json-schema converts each node; this walk adds
// what it leaves out: closed objects (noUnknown → additionalProperties: false), named schemas hoisted into
// #/components/schemas, and the Chinese message of every custom .test() as the field's description, so a
// rule the converter cannot express still reaches the reader of the contract.
import { convertSchema } from '@sodaru/yup-to-json-schema';
import type * as yup from 'yup';

export type JsonSchema = Record<string, unknown>;

/**
 * What a yup schema may carry in .meta() for the contract:
 * - name: hoist into #/components/schemas/<name> and refer to it by $ref;
 * - description / example: shown beside the field;
 * - jsonSchema: merged last, for what yup cannot say (e.g. a map's additionalProperties, a date format).
 */
export interface ContractMeta {
  name?: string;
  description?: string;
  example?: unknown;
  jsonSchema?: JsonSchema;
}

/** Tests the converter turns into JSON Schema keywords; any other test is described by its message. */
const EXPRESSED = new Set([
  'required',
  'defined',
  'nullable',
  'optional',
  'typeError',
  'length',
  'min',
  'max',
  'matches',
  'email',
  'url',
  'uuid',
  'integer',
  'noUnknown',
  'trim',
]);

interface TestOptions {
  name?: string;
  message?: unknown;
}

type AnyYup = yup.Schema & {
  type: string;
  spec: { meta?: ContractMeta; nullable?: boolean };
  tests: { OPTIONS?: TestOptions }[];
  fields?: Record<string, AnyYup>;
  innerType?: AnyYup;
};

/** Collects the component schemas named along the way; one name must always mean the same schema. */
export class SchemaRegistry {
  readonly schemas: Record<string, JsonSchema> = {};

  add(name: string, schema: JsonSchema): void {
    const existing = this.schemas[name];
    if (existing && JSON.stringify(existing) !== JSON.stringify(schema))
      throw new Error(`two different schemas are both named ${name}`);
    this.schemas[name] = schema;
  }

  /** Converts a yup schema, hoisting named parts into this registry. */
  convert(schema: yup.Schema): JsonSchema {
    return this.node(schema as AnyYup);
  }

  private node(schema: AnyYup): JsonSchema {
    const meta = schema.spec.meta ?? {};
    const converted = this.inline(schema, meta);
    if (!meta.name) return converted;
    this.add(meta.name, converted);
    return { $ref: `#/components/schemas/${meta.name}` };
  }

  private inline(schema: AnyYup, meta: ContractMeta): JsonSchema {
    // Only the node itself is converted by the library; children are walked here so their metadata counts.
    const own = convertSchema(schema as never) as JsonSchema;
    delete own.title; // labels are message prefixes here, not titles
    if (schema.type === 'object') {
      delete own.default; // yup gives every object a default of undefined keys
      if (schema.fields) {
        const properties: Record<string, JsonSchema> = {};
        for (const [key, field] of Object.entries(schema.fields)) properties[key] = this.node(field);
        if (Object.keys(properties).length) own.properties = properties;
      }
      if (schema.tests.some((t) => t.OPTIONS?.name === 'noUnknown')) own.additionalProperties = false;
    }
    if (schema.type === 'array' && schema.innerType) own.items = this.node(schema.innerType);
    const rules = schema.tests
      .map((t): TestOptions => t.OPTIONS ?? {})
      .filter(
        (o) =>
          o.name &&
          !EXPRESSED.has(o.name) &&
          typeof o.message === 'string' &&
          o.message &&
          !o.message.includes('${'),
      )
      .map((o) => o.message as string);
    const checked = rules.length ? `不符合时提示：${rules.join('；')}` : '';
    const description = [meta.description, checked].filter(Boolean).join('。');
    if (description) own.description = description;
    if (meta.example !== undefined) own.examples = [meta.example];
    // A meta key set to undefined removes what the converter said (e.g. an enum that depends on configuration).
    const merged: JsonSchema = { ...own, ...meta.jsonSchema };
    for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
    return merged;
  }
}

// The agencies' intake (POST /cases) as JSON Schema for mock/openapi.yaml, from the same declaration the
// stand-ins validate with (shared's MATTER_FIELDS, see schema.ts). The document's block between the two
// marker comments is written by `npm run openapi -w mock` and a test fails when it is stale, so the
// published field names cannot drift from what the stand-ins accept.
import { MATTER_FIELDS, MATTERS, type FieldDeclaration, type MatterCode } from '@hiring/shared';
import {
  CONTRACT_PERIOD,
  FORM_DATE,
  FORM_MONTH,
  MATERIAL_TYPES,
  MAX_APPLICATION_CODE,
  MAX_CASE_EMPLOYEES,
  MAX_CASE_MATERIALS,
  MAX_MATERIAL_BYTES,
} from './schema';

export type JsonSchema = Record<string, unknown>;

export const GENERATED_BEGIN =
  "    # ---- generated from shared's MATTER_FIELDS by `npm run openapi -w mock`: do not edit by hand ----";
export const GENERATED_END = '    # ---- end of generated intake schemas ----';

const EXAMPLES: Partial<Record<FieldDeclaration['format'], string>> = {
  formDate: '2026.11.26',
  formMonth: '2026.11',
  contractPeriod: '2026.11.01—2029.10.31',
};

function fieldJson(field: FieldDeclaration): JsonSchema {
  const description = field.label;
  const text = { type: 'string', maxLength: field.max ?? 200, description };
  switch (field.format) {
    case 'text':
      return text;
    case 'code':
      return {
        ...text,
        ...(field.pattern ? { pattern: field.pattern } : {}),
        ...(field.codes ? { enum: [...field.codes] } : {}),
      };
    case 'codes':
      return {
        type: 'array',
        minItems: 1,
        items: { type: 'string', enum: [...(field.codes ?? [])] },
        description: field.anyOf?.length
          ? `${description}（至少含 ${field.anyOf.join('、')} 之一，否则退回 INSURANCE_TYPES_MISSING）`
          : description,
      };
    case 'formDate':
      return { ...text, pattern: FORM_DATE.source, example: EXAMPLES.formDate };
    case 'formMonth':
      return { ...text, pattern: FORM_MONTH.source, example: EXAMPLES.formMonth };
    case 'contractPeriod':
      return { ...text, pattern: CONTRACT_PERIOD.source, example: EXAMPLES.contractPeriod };
    case 'yuan':
      return { type: 'number', minimum: 0, exclusiveMinimum: true, description: `${description}（元）` };
    case 'percent':
      return { type: 'number', minimum: 0, exclusiveMinimum: true, description: `${description}（%）` };
    case 'firstWithout':
      return { type: 'boolean', description };
  }
}

function objectOf(fields: readonly FieldDeclaration[], prefix: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of fields) {
    if (!field.agency.startsWith(prefix)) continue;
    const name = field.agency.slice(prefix.length);
    if (name.includes('.')) continue;
    properties[name] = fieldJson(field);
    if (field.required) required.push(name);
  }
  return { type: 'object', additionalProperties: false, required, properties };
}

/** POST /cases for one matter, exactly as the stand-in validates it (strict: no coercion, no extra fields). */
export function caseRequestJsonSchema(matter: MatterCode): JsonSchema {
  const { fields } = MATTER_FIELDS[matter];
  const top = objectOf(
    fields.filter((f) => !f.agency.includes('.')),
    '',
  );
  return {
    type: 'object',
    additionalProperties: false,
    description: `${MATTERS.find((m) => m.code === matter)?.label ?? matter}的办件`,
    required: ['matter', 'applicationCode', ...(top.required as string[]), 'unit', 'employees'],
    properties: {
      matter: { type: 'string', enum: [matter] },
      applicationCode: { type: 'string', maxLength: MAX_APPLICATION_CODE, description: '联办申请的办件编码' },
      ...(top.properties as Record<string, JsonSchema>),
      unit: objectOf(fields, 'unit.'),
      employees: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_CASE_EMPLOYEES,
        items: objectOf(fields, 'employees[].'),
      },
      verifiedOperator: {
        type: 'object',
        description: '公安核验的经办人及其代表单位的依据（不是表单字段）',
        properties: {
          name: { type: 'string', maxLength: 50 },
          idNumber: { type: 'string', maxLength: 32 },
          verifiedAt: { type: 'string', maxLength: 40 },
          verifiedBy: { type: 'string', maxLength: 20 },
          authority: { type: 'string', maxLength: 40 },
        },
      },
      materials: {
        type: 'array',
        maxItems: MAX_CASE_MATERIALS,
        description: '补正材料：部门以 MATERIALS_MISSING 退回后，重新提交时附上（不是表单字段）',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['label', 'fileName', 'contentType', 'size', 'sha256', 'content'],
          properties: {
            label: { type: 'string', maxLength: 100, description: '材料名称' },
            fileName: { type: 'string', maxLength: 200 },
            contentType: { type: 'string', enum: [...MATERIAL_TYPES] },
            size: { type: 'integer', minimum: 1, maximum: MAX_MATERIAL_BYTES, description: '字节数' },
            sha256: {
              type: 'string',
              pattern: '^[0-9a-f]{64}$',
              description: '文件的 SHA-256（小写十六进制）',
            },
            content: {
              type: 'string',
              format: 'byte',
              description: '文件内容（base64），须与 size、sha256 相符',
            },
          },
        },
      },
    },
  };
}

const schemaName = (matter: MatterCode) => `CaseRequest${matter[0].toUpperCase()}${matter.slice(1)}`;

/** The components the block defines: CaseRequest (one of the four) and one schema per matter. */
export function intakeSchemas(): Record<string, JsonSchema> {
  const matters = MATTERS.map((m) => m.code);
  return {
    CaseRequest: {
      description:
        'The case body for one matter; each agency accepts only its own matters. Field names and formats are those of shared/FIELD-MAPPING.md (dates as on the paper form: YYYY.MM.DD).',
      oneOf: matters.map((matter) => ({ $ref: `#/components/schemas/${schemaName(matter)}` })),
      discriminator: {
        propertyName: 'matter',
        mapping: Object.fromEntries(matters.map((m) => [m, `#/components/schemas/${schemaName(m)}`])),
      },
    },
    ...Object.fromEntries(matters.map((matter) => [schemaName(matter), caseRequestJsonSchema(matter)])),
  };
}

/** The block as YAML lines at the indentation of components.schemas' entries (JSON is valid YAML). */
export function intakeBlock(): string {
  const lines = Object.entries(intakeSchemas()).map(
    ([name, schema]) => `    ${name}: ${JSON.stringify(schema)}`,
  );
  return [GENERATED_BEGIN, ...lines, GENERATED_END].join('\n');
}

/** The document with its generated block replaced by `block`. */
export function withIntakeBlock(document: string, block: string): string {
  const begin = document.indexOf(GENERATED_BEGIN);
  const end = document.indexOf(GENERATED_END);
  if (begin < 0 || end < begin) throw new Error('mock/openapi.yaml has no generated intake block markers');
  return document.slice(0, begin) + block + document.slice(end + GENERATED_END.length);
}

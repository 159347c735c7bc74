// Schema check of every client or agency input before it touches the database.
import * as yup from 'yup';
import { checkBounds, unboundedParts } from '@hiring/shared';
import { AppError, type ErrorDetail } from './errors';

/** An error answer lists at most this many problems (each message short), so it stays well under 4 KB. */
export const MAX_ERROR_DETAILS = 20;

/** The first problems only, each message cut short: an error answer never grows with the input. */
export function boundedDetails(details: ErrorDetail[]): ErrorDetail[] {
  return details
    .slice(0, MAX_ERROR_DETAILS)
    .map((d) => ({ path: d.path.slice(0, 80), message: d.message.slice(0, 120) }));
}

// Chinese defaults for every schema, and never the submitted value in a message (it may be personal data).
yup.setLocale({
  mixed: {
    default: '${path} 的值无效',
    required: '${path} 为必填项',
    oneOf: '${path} 不是允许的取值',
    notOneOf: '${path} 不是允许的取值',
    notType: ({ path, type }: { path: string; type: string }) =>
      `${path} 的类型不正确，应为${{ string: '字符串', number: '数字', boolean: '布尔值', object: '对象', array: '数组', date: '日期' }[type] ?? type}`,
    defined: '${path} 必须提供',
  },
  string: {
    length: '${path} 必须是 ${length} 个字符',
    min: '${path} 至少 ${min} 个字符',
    max: '${path} 最多 ${max} 个字符',
    matches: '${path} 格式不正确',
    email: '${path} 不是有效的邮箱',
    url: '${path} 不是有效的网址',
    trim: '${path} 前后不能有空格',
  },
  number: {
    min: '${path} 不能小于 ${min}',
    max: '${path} 不能大于 ${max}',
    integer: '${path} 必须是整数',
    positive: '${path} 必须大于 0',
    negative: '${path} 必须小于 0',
  },
  boolean: { isValue: '${path} 必须是 ${value}' },
  object: { noUnknown: '${path} 含有不支持的字段' },
  array: {
    min: '${path} 至少 ${min} 项',
    max: '${path} 最多 ${max} 项',
    length: '${path} 必须是 ${length} 项',
  },
});

/** A number schema that accepts only numbers (and numeric strings), never arrays or objects that yup would coerce. */
export const strictNumber = () =>
  yup
    .number()
    .transform((value: unknown, original: unknown) =>
      typeof original === 'number' || typeof original === 'string' ? value : Number.NaN,
    );

const checkedSchemas = new WeakSet<object>();

/** Every schema a route validates with must bound its arrays: checked once, on first use. */
function assertBounded(schema: yup.AnySchema): void {
  if (checkedSchemas.has(schema)) return;
  const unbounded = unboundedParts(schema);
  if (unbounded.length) throw new Error(`schema without size bounds at: ${unbounded.join(', ')}`);
  checkedSchemas.add(schema);
}

/**
 * Validates and returns the typed value; unknown keys are refused so nothing unexpected is stored. Sizes
 * are checked first (shared's checkBounds), so an oversized array or an object with thousands of keys is
 * refused before a single element is validated.
 */
export function parseInput<S extends yup.AnySchema>(
  schema: S,
  input: unknown,
  message = '请求参数有误',
): yup.InferType<S> {
  assertBounded(schema);
  const oversized = checkBounds(schema, input ?? {});
  if (oversized.length) throw new AppError(400, 'BAD_REQUEST', message, boundedDetails(oversized));
  try {
    return schema.validateSync(input ?? {}, { abortEarly: false, strict: false, stripUnknown: false });
  } catch (error) {
    if (error instanceof yup.ValidationError) {
      const inner = error.inner.length ? error.inner : [error];
      throw new AppError(
        400,
        'BAD_REQUEST',
        message,
        boundedDetails(inner.map((e) => ({ path: e.path ?? '', message: e.message }))),
      );
    }
    // yup's own transforms (trim, uppercase…) throw TypeError on values of the wrong type, e.g. an object
    // where a string belongs: that is a bad request, not a server failure.
    if (error instanceof TypeError) throw new AppError(400, 'BAD_REQUEST', message);
    throw error;
  }
}

/** A string schema that trims (and optionally upper-cases) only when the value is a string. */
export const cleanString = ({ upper = false } = {}) =>
  yup.string().transform((value: unknown) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return upper ? trimmed.toUpperCase() : trimmed;
  });

/** A plain object with only the given keys (yup's noUnknown, with a Chinese message). */
export const strictObject = <T extends yup.ObjectShape>(shape: T) =>
  yup
    .object(shape)
    .noUnknown(true, ({ unknown }) => `不支持的字段：${unknown}`)
    .typeError('请求体必须是 JSON 对象');

export const objectIdParam = yup
  .string()
  .required()
  .matches(/^[0-9a-f]{24}$/, '编号格式不正确');

/** A path parameter holding a database id; `what` names it in the error (草稿编号格式不正确). */
export const objectIdOf = (what: string) =>
  yup
    .string()
    .required()
    .matches(/^[0-9a-f]{24}$/, `${what}格式不正确`)
    .meta({ description: what });

/** A database id in a response. */
/** A day in an answer, YYYY-MM-DD, or null when there is none yet (e.g. a due date before acceptance). */
export const dayOrNull = () =>
  yup
    .string()
    .matches(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .defined()
    .meta({ jsonSchema: { format: 'date' } });

export const objectIdSchema = yup
  .string()
  .required()
  .matches(/^[0-9a-f]{24}$/)
  .meta({ name: 'ObjectId' });

/** One page of a list, as every list route answers. */
export const pageOf = (item: yup.Schema) =>
  yup.object({
    items: yup.array(item).required(),
    total: yup.number().integer().min(0).required(),
    page: yup.number().integer().min(1).required(),
    pageSize: yup.number().integer().min(1).max(100).required(),
  });

/** ?page=&pageSize= for lists: 1-based pages of at most 100 items. */
export const pageQuery = yup.object({
  page: strictNumber()
    .typeError('page 必须是数字')
    .integer('page 必须是整数')
    .min(1, 'page 至少为 1')
    .default(1),
  pageSize: strictNumber()
    .typeError('pageSize 必须是数字')
    .integer('pageSize 必须是整数')
    .min(1, 'pageSize 至少为 1')
    .max(100, 'pageSize 最多为 100')
    .default(20),
});

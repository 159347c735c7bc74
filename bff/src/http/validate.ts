// Schema check of every client or agency input before it touches the database.
import * as yup from 'yup';
import { AppError } from './errors';

/** Validates and returns the typed value; unknown keys are refused so nothing unexpected is stored. */
export function parseInput<S extends yup.AnySchema>(
  schema: S,
  input: unknown,
  message = '请求参数有误',
): yup.InferType<S> {
  try {
    return schema.validateSync(input ?? {}, { abortEarly: false, strict: false, stripUnknown: false });
  } catch (error) {
    if (error instanceof yup.ValidationError) {
      const inner = error.inner.length ? error.inner : [error];
      throw new AppError(
        400,
        'BAD_REQUEST',
        message,
        inner.map((e) => ({ path: e.path ?? '', message: e.message })),
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

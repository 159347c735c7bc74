// The one error body every route answers with, as a schema for the contract and for response checks.
import * as yup from 'yup';
import { ERROR_CODES } from '@hiring/shared';
import type { ErrorResponseName, ResponseSpec } from './route';

export const errorBodySchema = yup
  .object({
    error: yup
      .object({
        code: yup
          .string()
          .oneOf(ERROR_CODES)
          .required()
          .meta({ name: 'ErrorCode', description: '稳定的错误代码，供程序判断', example: 'BAD_REQUEST' }),
        message: yup
          .string()
          .required()
          .meta({ description: '中文，可直接展示给用户', example: '请求参数有误' }),
        details: yup.array(
          yup.object({
            path: yup.string().required().meta({ example: 'employees[0].phone' }),
            message: yup.string().required(),
          }),
        ),
        requestId: yup.string().meta({ description: '仅 500：排查用的请求编号' }),
      })
      .required()
      .meta({ name: 'ErrorInfo' }),
  })
  .meta({ name: 'Error', description: '所有错误的统一形状；message 为中文，可直接展示给用户。' });

/** The named error responses and what each means; a route lists the ones it can give. */
export const ERROR_RESPONSES: Record<ErrorResponseName, string> = {
  BadRequest: '请求格式或参数有误（BAD_REQUEST、INVALID_JSON），details 指出具体字段',
  Unauthorized: '未登录或登录已失效（UNAUTHORIZED）',
  Forbidden: '无权执行该操作（FORBIDDEN），如工作人员角色不符',
  NotFound: '对象不存在或不属于当前账号（NOT_FOUND）——两种情况回答相同',
  Conflict: '与当前状态冲突',
  Unprocessable: '内容不符合业务规则（VALIDATION_FAILED，details 列出全部问题）或 IDEMPOTENCY_KEY_REUSED',
  PayloadTooLarge: '请求内容过大（PAYLOAD_TOO_LARGE）',
  UnsupportedMediaType: '请求体不是 JSON（UNSUPPORTED_MEDIA_TYPE）',
  TooManyRequests: '请求过于频繁（TOO_MANY_REQUESTS），见 Retry-After',
  Unavailable: '依赖的数据服务暂时不可用',
};

/**
 * An error response with its own description (e.g. the codes one route can give); named when several
 * routes give it, so the document describes it once (#/components/responses/<name>).
 */
export const errorResponse = (description: string, name?: string): ResponseSpec => ({
  description,
  schema: errorBodySchema,
  ...(name ? { name } : {}),
});

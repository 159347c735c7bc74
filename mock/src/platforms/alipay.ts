// Alipay open platform stand-in: the gateway (POST /gateway.do, method=...) with Alipay's response and error
// envelopes. Request signatures (RSA2) are neither checked nor produced: responses carry sign "MOCK-UNSIGNED".
import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import Router from 'koa-router';
import { isAppPage } from '@hiring/shared';
import { platformApp } from './platformApp';
import { PlatformStandIn } from './standIn';

export interface AlipayOptions {
  appId: string;
  seed: string;
}

export const DEFAULT_ALIPAY_APP = { appId: '2021000000000001' };

const ACCESS_TOKEN_TTL_S = 1_296_000;
const REFRESH_TOKEN_TTL_S = 2_592_000;

interface SentMessage {
  to_user_id: string;
  user_template_id: string;
  page?: string;
  data: unknown;
  sentAt: string;
}

export class AlipayStandIn extends PlatformStandIn<{ userId: string }, SentMessage> {
  readonly refreshTokens = new Map<string, { userId: string; expiresAt: number }>();

  constructor(readonly options: AlipayOptions) {
    super();
  }

  /** Alipay user ids are 16 digits starting with 2088; derived from the dev nickname so logins are stable. */
  userIdFor(input: { userId?: string; nickname?: string }): string {
    if (input.userId) return input.userId;
    const basis = input.nickname ?? randomBytes(8).toString('hex');
    const digits = BigInt(
      `0x${createHash('sha256').update(`${this.options.appId}:${basis}`).digest('hex').slice(0, 15)}`,
    );
    return `2088${(digits % 10n ** 12n).toString().padStart(12, '0')}`;
  }

  override reset(): void {
    super.reset();
    this.refreshTokens.clear();
  }
}

const SIGN = 'MOCK-UNSIGNED';

function errorResponse(code: string, msg: string, subCode: string, subMsg: string) {
  return { error_response: { code, msg, sub_code: subCode, sub_msg: subMsg }, sign: SIGN };
}

function responseKey(method: string): string {
  return `${method.replace(/\./g, '_')}_response`;
}

export function createAlipayApp(alipay: AlipayStandIn): Koa {
  const router = new Router();

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', service: 'alipay', appId: alipay.options.appId };
  });

  router.post('/gateway.do', (ctx) => {
    const params: Record<string, unknown> = {
      ...(ctx.query as Record<string, unknown>),
      ...((ctx.request.body as object) ?? {}),
    };
    const method = typeof params.method === 'string' ? params.method : '';
    if (!params.app_id)
      return void (ctx.body = errorResponse(
        '40001',
        'Missing Required Arguments',
        'isv.missing-app-id',
        '缺少AppID参数',
      ));
    if (params.app_id !== alipay.options.appId) {
      return void (ctx.body = errorResponse(
        '40002',
        'Invalid Arguments',
        'isv.invalid-app-id',
        '无效的AppID参数',
      ));
    }
    if (!method)
      return void (ctx.body = errorResponse(
        '40001',
        'Missing Required Arguments',
        'isv.missing-method',
        '缺少方法名参数',
      ));
    if (method === 'alipay.system.oauth.token') return void (ctx.body = oauthToken(alipay, params, method));
    if (method === 'alipay.open.app.mini.templatemessage.send')
      return void (ctx.body = sendTemplateMessage(alipay, params, method));
    ctx.body = errorResponse('40002', 'Invalid Arguments', 'isv.invalid-method', '不存在的方法名');
  });

  router.post('/_dev/code', (ctx) => {
    const b = (ctx.request.body ?? {}) as { userId?: unknown; nickname?: unknown };
    const userId = alipay.userIdFor({
      userId: typeof b.userId === 'string' && b.userId ? b.userId : undefined,
      nickname: typeof b.nickname === 'string' && b.nickname ? b.nickname : undefined,
    });
    ctx.body = { code: alipay.codes.mint({ userId }), userId, expiresIn: 300 };
  });

  router.get('/_admin/messages', (ctx) => {
    ctx.body = { messages: alipay.messages };
  });

  return platformApp('alipay', alipay.options.seed, alipay, router, 'userId');
}

function oauthToken(alipay: AlipayStandIn, params: Record<string, unknown>, method: string) {
  let userId: string;
  if (params.grant_type === 'authorization_code') {
    if (typeof params.code !== 'string' || !params.code) {
      return errorResponse('40001', 'Missing Required Arguments', 'isv.missing-code', '缺少授权码code参数');
    }
    const redeemed = alipay.codes.redeem(params.code);
    if (!redeemed.ok)
      return errorResponse('40002', 'Invalid Arguments', 'isv.code-invalid', '授权码code无效');
    userId = redeemed.subject.userId;
  } else if (params.grant_type === 'refresh_token') {
    const entry =
      typeof params.refresh_token === 'string' ? alipay.refreshTokens.get(params.refresh_token) : undefined;
    if (!entry || alipay.clock.now() > entry.expiresAt) {
      return errorResponse(
        '40002',
        'Invalid Arguments',
        'isv.refresh-token-invalid',
        '刷新令牌refresh_token无效',
      );
    }
    userId = entry.userId;
  } else {
    return errorResponse('40002', 'Invalid Arguments', 'isv.grant-type-invalid', 'grant_type参数不正确');
  }
  const refreshToken = `authbseB${randomBytes(16).toString('hex')}`;
  alipay.refreshTokens.set(refreshToken, {
    userId,
    expiresAt: alipay.clock.now() + REFRESH_TOKEN_TTL_S * 1000,
  });
  return {
    [responseKey(method)]: {
      user_id: userId,
      open_id: `0${createHash('sha256').update(`open:${userId}`).digest('base64url').slice(0, 40)}`,
      access_token: `authusrB${randomBytes(16).toString('hex')}`,
      expires_in: ACCESS_TOKEN_TTL_S,
      refresh_token: refreshToken,
      re_expires_in: REFRESH_TOKEN_TTL_S,
      auth_start: new Date(alipay.clock.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
    },
    sign: SIGN,
  };
}

function sendTemplateMessage(alipay: AlipayStandIn, params: Record<string, unknown>, method: string) {
  let biz: Record<string, unknown>;
  try {
    biz =
      typeof params.biz_content === 'string'
        ? JSON.parse(params.biz_content)
        : (params.biz_content as Record<string, unknown>);
  } catch {
    biz = {};
  }
  // Alipay answers a known method's errors inside that method's response key, not in error_response.
  const failure = (code: string, msg: string, subCode: string, subMsg: string) => ({
    [responseKey(method)]: { code, msg, sub_code: subCode, sub_msg: subMsg },
    sign: SIGN,
  });
  if (!biz || typeof biz !== 'object') {
    return failure(
      '40001',
      'Missing Required Arguments',
      'isv.missing-biz-content',
      '缺少业务参数biz_content',
    );
  }
  const business = (subCode: string, subMsg: string) => failure('40004', 'Business Failed', subCode, subMsg);
  const toUser = typeof biz.to_user_id === 'string' ? biz.to_user_id : '';
  if (!toUser) return business('USER_ID_ILLEGAL', '用户ID不合法');
  const templateId = typeof biz.user_template_id === 'string' ? biz.user_template_id : '';
  const template = alipay.templates.get(templateId);
  if (!template) return business('USER_TEMPLATE_ILLEGAL', '模板不存在');
  let data: unknown;
  try {
    data = typeof biz.data === 'string' ? JSON.parse(biz.data) : biz.data;
  } catch {
    data = undefined;
  }
  const dataOk =
    data !== null &&
    typeof data === 'object' &&
    template.keys.every(
      (key) => typeof (data as Record<string, { value?: unknown }>)[key]?.value === 'string',
    );
  if (!dataOk) return business('DATA_ILLEGAL', `消息内容不合法，需要字段：${template.keys.join('、')}`);
  // As the real platform: the page must be one of the published mini-program's pages.
  if (biz.page !== undefined && (typeof biz.page !== 'string' || !isAppPage(biz.page)))
    return business('PAGE_ILLEGAL', '跳转页面不存在于小程序中');
  if (!alipay.consents.take(toUser, templateId))
    return business('USER_NOT_SUBSCRIBED', '用户未订阅该消息或订阅次数已用完');
  alipay.messages.push({
    to_user_id: toUser,
    user_template_id: templateId,
    page: typeof biz.page === 'string' ? biz.page : undefined,
    data,
    sentAt: new Date(alipay.clock.now()).toISOString(),
  });
  return { [responseKey(method)]: { code: '10000', msg: 'Success' }, sign: SIGN };
}

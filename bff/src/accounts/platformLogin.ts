// Exchanges a mini-program login code for the platform's user id (and session key) on the server side.
import type { Config } from '../config';
import { AppError } from '../http/errors';
import { OutboundError, requestJson } from '../http/outbound';

export type Platform = 'weapp' | 'alipay';

export interface PlatformIdentity {
  platformUserId: string;
  sessionKey?: string;
}

const loginFailed = (message = '登录凭证无效或已过期，请重新进入小程序') =>
  new AppError(401, 'LOGIN_FAILED', message);
const platformDown = () => new AppError(503, 'PLATFORM_UNAVAILABLE', '登录服务暂时不可用，请稍后重试');

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof OutboundError) throw platformDown();
    throw error;
  }
}

export async function exchangeWechatCode(config: Config, code: string): Promise<PlatformIdentity> {
  const url = new URL('/sns/jscode2session', config.wechat.url);
  url.search = new URLSearchParams({
    appid: config.wechat.appId,
    secret: config.wechat.appSecret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();
  const { status, body } = await call(() =>
    requestJson<{ openid?: string; session_key?: string; errcode?: number }>(url.toString(), {
      timeoutMs: 5000,
    }),
  );
  if (status >= 500) throw platformDown();
  if (!body?.openid) throw loginFailed();
  return { platformUserId: body.openid, sessionKey: body.session_key };
}

export async function exchangeAlipayCode(config: Config, code: string): Promise<PlatformIdentity> {
  const { status, body } = await call(() =>
    requestJson<{
      alipay_system_oauth_token_response?: { user_id?: string; open_id?: string; access_token?: string };
    }>(new URL('/gateway.do', config.alipay.url).toString(), {
      method: 'POST',
      timeoutMs: 5000,
      form: {
        app_id: config.alipay.appId,
        method: 'alipay.system.oauth.token',
        grant_type: 'authorization_code',
        code,
        charset: 'utf-8',
        version: '1.0',
        timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19),
      },
    }),
  );
  if (status >= 500) throw platformDown();
  const token = body?.alipay_system_oauth_token_response;
  const userId = token?.user_id ?? token?.open_id;
  if (!userId) throw loginFailed();
  return { platformUserId: userId, sessionKey: token?.access_token };
}

/** Dev login (H5 beside the stand-ins only): mints a code at the WeChat stand-in and exchanges it. */
export async function devLogin(config: Config, nickname: string): Promise<PlatformIdentity> {
  const { status, body } = await call(() =>
    requestJson<{ code?: string }>(new URL('/_dev/code', config.wechat.url).toString(), {
      method: 'POST',
      body: { nickname },
      timeoutMs: 5000,
    }),
  );
  if (status !== 200 || !body?.code) throw platformDown();
  return exchangeWechatCode(config, body.code);
}

// Login through the platform, logout, token rotation and "who am I".
import * as yup from 'yup';
import type { Services } from '../context';
import { AppError, notFound } from '../http/errors';
import { defineRoute, PUBLIC, type Route } from '../http/route';
import { cleanString, strictObject } from '../http/validate';
import {
  devLogin,
  exchangeAlipayCode,
  exchangeWechatCode,
  type Platform,
  type PlatformIdentity,
} from './platformLogin';
import { accountLogin } from './requireAccount';

const PLATFORMS = ['weapp', 'alipay'] as const;

const loginBody = strictObject({
  platform: yup.string().oneOf(PLATFORMS, '不支持的登录平台').required('请指定登录平台'),
  code: cleanString().min(1).max(128, '登录凭证格式不正确').required('缺少登录凭证'),
});

const devLoginBody = strictObject({
  nickname: cleanString()
    .max(32, '昵称最多 32 个字符')
    .matches(/^[\p{L}\p{N}_-]*$/u, '昵称只能包含文字、数字、下划线和短横线')
    .default('开发者'),
});

const tokenSchema = yup
  .string()
  .required()
  .matches(/^[\w-]{20,100}$/);

const accountSchema = yup
  .object({ id: yup.string().required(), platform: yup.string().oneOf(PLATFORMS).required() })
  .meta({ name: 'Account' });

const sessionSchema = yup
  .object({ token: tokenSchema, expiresAt: yup.date().required(), account: accountSchema.required() })
  .meta({ name: 'Session' });
const signedIn = { description: '登录成功', schema: sessionSchema, name: 'SignedIn' };

const refreshedSchema = yup.object({ token: tokenSchema, expiresAt: yup.date().required() });

const meSchema = yup
  .object({
    account: accountSchema.required(),
    units: yup
      .array(yup.object({ uscc: yup.string().required(), name: yup.string().required() }))
      .required()
      .meta({ description: '办理过的单位' }),
  })
  .meta({ name: 'Me' });

export function accountRoutes(services: Services): Route[] {
  const { config, accounts, sessions, cipher } = services;
  const login = accountLogin(services);

  async function signIn(platform: Platform, identity: PlatformIdentity) {
    const account = await accounts.Account.findOneAndUpdate(
      { platform, platformUserId: identity.platformUserId },
      {
        $set: identity.sessionKey ? { sessionKeySealed: cipher.encrypt(identity.sessionKey) } : {},
        $setOnInsert: { platform, platformUserId: identity.platformUserId, units: [] },
      },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    const session = await sessions.issue(account!._id);
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      account: { id: String(account!._id), platform },
    };
  }

  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      summary: '用平台登录凭证（wx.login / my.getAuthCode 的 code）登录',
      tags: ['auth'],
      auth: PUBLIC,
      body: loginBody,
      example: { platform: 'weapp', code: 'mock-code-0001' },
      responses: {
        200: signedIn,
        400: 'BadRequest',
        401: 'Unauthorized',
        503: 'Unavailable',
      },
      handler: async (ctx, { body: { platform, code } }) => {
        const identity =
          platform === 'weapp'
            ? await exchangeWechatCode(config, code)
            : await exchangeAlipayCode(config, code);
        ctx.body = await signIn(platform as Platform, identity);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/dev-login',
      operationId: 'devLogin',
      summary: '开发登录（仅 DEV_LOGIN=1，配合模拟服务；生产环境不存在，回答 404）',
      tags: ['auth'],
      auth: PUBLIC,
      body: devLoginBody,
      example: { nickname: '开发者' },
      responses: {
        200: signedIn,
        400: 'BadRequest',
        404: 'NotFound',
        503: 'Unavailable',
      },
      handler: async (ctx, { body }) => {
        // Exists only beside the stand-ins (DEV_LOGIN); production refuses to start with it on.
        if (!config.devLogin) throw notFound('接口不存在');
        ctx.body = await signIn('weapp', await devLogin(config, body.nickname));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      summary: '退出登录（令牌立即失效）',
      tags: ['auth'],
      auth: login,
      responses: { 204: { description: '已退出' } },
      handler: async (ctx) => {
        await sessions.revoke(ctx.state.token, 'logout');
        ctx.status = 204;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/refresh',
      operationId: 'refreshToken',
      summary: '换发令牌：返回新令牌，旧令牌立即失效',
      tags: ['auth'],
      auth: login,
      responses: { 200: { description: '新令牌', schema: refreshedSchema } },
      handler: async (ctx) => {
        const rotated = await sessions.rotate(ctx.state.token);
        if (!rotated) throw new AppError(401, 'UNAUTHORIZED', '登录已失效，请重新登录');
        ctx.body = { token: rotated.token, expiresAt: rotated.expiresAt };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/me',
      operationId: 'me',
      summary: '当前账号及其可以代表办理的单位',
      tags: ['auth'],
      auth: login,
      responses: { 200: { description: '当前账号', schema: meSchema } },
      handler: async (ctx) => {
        const account = await accounts.Account.findById(ctx.state.accountId).lean();
        if (!account) throw new AppError(401, 'UNAUTHORIZED', '登录已失效，请重新登录');
        ctx.body = {
          account: { id: String(account._id), platform: account.platform },
          // The units the verified holder may act for now (not merely ever filed for).
          units: (await services.authority.myUnits(String(account._id))).map((u) => ({
            uscc: u.uscc,
            name: u.unitName,
          })),
        };
      },
    }),
  ];
}

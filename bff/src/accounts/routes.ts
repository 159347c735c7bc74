// Login through the platform, logout, token rotation and "who am I".
import Router from 'koa-router';
import * as yup from 'yup';
import type { Services } from '../context';
import { AppError, notFound } from '../http/errors';
import { cleanString, parseInput, strictObject } from '../http/validate';
import {
  devLogin,
  exchangeAlipayCode,
  exchangeWechatCode,
  type Platform,
  type PlatformIdentity,
} from './platformLogin';
import { requireAccount } from './requireAccount';

const loginBody = strictObject({
  platform: yup.string().oneOf(['weapp', 'alipay'], '不支持的登录平台').required('请指定登录平台'),
  code: cleanString().min(1).max(128, '登录凭证格式不正确').required('缺少登录凭证'),
});

const devLoginBody = strictObject({
  nickname: cleanString()
    .max(32, '昵称最多 32 个字符')
    .matches(/^[\p{L}\p{N}_-]*$/u, '昵称只能包含文字、数字、下划线和短横线')
    .default('开发者'),
});

export function accountRoutes(services: Services): Router {
  const { config, accounts, sessions, cipher } = services;
  const router = new Router();

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

  router.post('/auth/login', async (ctx) => {
    const { platform, code } = parseInput(loginBody, ctx.request.body);
    const identity =
      platform === 'weapp' ? await exchangeWechatCode(config, code) : await exchangeAlipayCode(config, code);
    ctx.body = await signIn(platform as Platform, identity);
  });

  router.post('/auth/dev-login', async (ctx) => {
    // Exists only beside the stand-ins (DEV_LOGIN); production refuses to start with it on.
    if (!config.devLogin) throw notFound('接口不存在');
    const { nickname } = parseInput(devLoginBody, ctx.request.body);
    ctx.body = await signIn('weapp', await devLogin(config, nickname));
  });

  const authenticated = requireAccount(services);

  router.post('/auth/logout', authenticated, async (ctx) => {
    await sessions.revoke(ctx.state.token, 'logout');
    ctx.status = 204;
  });

  router.post('/auth/refresh', authenticated, async (ctx) => {
    const rotated = await sessions.rotate(ctx.state.token);
    if (!rotated) throw new AppError(401, 'UNAUTHORIZED', '登录已失效，请重新登录');
    ctx.body = { token: rotated.token, expiresAt: rotated.expiresAt };
  });

  router.get('/me', authenticated, async (ctx) => {
    const account = await accounts.Account.findById(ctx.state.accountId).lean();
    if (!account) throw new AppError(401, 'UNAUTHORIZED', '登录已失效，请重新登录');
    ctx.body = {
      account: { id: String(account._id), platform: account.platform },
      units: (account.units ?? []).map((u) => ({ uscc: u.uscc, name: u.name })),
    };
  });

  return router;
}

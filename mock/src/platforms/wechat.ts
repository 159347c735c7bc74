// WeChat server API stand-in: the calls a mini-program backend makes, with WeChat's error codes.
// Errors come back as HTTP 200 with { errcode, errmsg }, as the real API does.
import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import Router from 'koa-router';
import { isAppPage } from '@hiring/shared';
import { platformApp } from './platformApp';
import { PlatformStandIn } from './standIn';
import { checkTemplateData } from './templates';

export interface WechatOptions {
  appId: string;
  appSecret: string;
  seed: string;
}

export const DEFAULT_WECHAT_APP = { appId: 'wx0000000000mock01', appSecret: 'mock-wechat-app-secret' };

const TOKEN_TTL_S = 7200;

interface SentMessage {
  msgid: number;
  touser: string;
  template_id: string;
  page?: string;
  data: unknown;
  miniprogram_state?: string;
  sentAt: string;
}

export class WechatStandIn extends PlatformStandIn<{ openid: string }, SentMessage> {
  readonly users = new Map<string, { nickname?: string; sessionKey: string; unionid: string }>();
  private readonly tokens = new Map<string, number>();
  private msgid = 1_000_000;

  constructor(readonly options: WechatOptions) {
    super();
  }

  /** Stable openid per (app, dev user) so the same nickname logs in as the same person every time. */
  openidFor(input: { openid?: string; nickname?: string }): string {
    if (input.openid) return input.openid;
    const basis = input.nickname ?? randomBytes(8).toString('hex');
    return `o${createHash('sha256').update(`${this.options.appId}:${basis}`).digest('base64url').slice(0, 27)}`;
  }

  issueToken(): { access_token: string; expires_in: number } {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.clock.now() + TOKEN_TTL_S * 1000);
    return { access_token: token, expires_in: TOKEN_TTL_S };
  }

  tokenState(token: string | undefined): 'missing' | 'invalid' | 'expired' | 'ok' {
    if (!token) return 'missing';
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined) return 'invalid';
    return this.clock.now() > expiresAt ? 'expired' : 'ok';
  }

  override reset(): void {
    super.reset();
    this.users.clear();
    this.tokens.clear();
  }

  nextMsgid(): number {
    this.msgid += 1;
    return this.msgid;
  }
}

const rid = () => randomBytes(6).toString('hex');
const fail = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg} rid: ${rid()}` });

export function createWechatApp(wechat: WechatStandIn): Koa {
  const router = new Router();
  const { appId, appSecret } = wechat.options;

  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', service: 'wechat', appId };
  });

  router.get('/sns/jscode2session', (ctx) => {
    const q = ctx.query as Record<string, string | undefined>;
    if (!q.appid) return void (ctx.body = fail(41002, 'appid missing'));
    if (!q.secret) return void (ctx.body = fail(41004, 'appsecret missing'));
    if (!q.js_code) return void (ctx.body = fail(41008, 'missing code'));
    if (q.grant_type !== 'authorization_code') return void (ctx.body = fail(40002, 'invalid grant_type'));
    if (q.appid !== appId) return void (ctx.body = fail(40013, 'invalid appid'));
    if (q.secret !== appSecret) return void (ctx.body = fail(40125, 'invalid appsecret'));
    const redeemed = wechat.codes.redeem(q.js_code);
    if (!redeemed.ok) {
      ctx.body = redeemed.error === 'used' ? fail(40163, 'code been used') : fail(40029, 'invalid code');
      return;
    }
    const { openid } = redeemed.subject;
    const user = wechat.users.get(openid)!;
    user.sessionKey = randomBytes(16).toString('base64');
    ctx.body = { openid, session_key: user.sessionKey, unionid: user.unionid };
  });

  router.get('/cgi-bin/token', (ctx) => {
    const q = ctx.query as Record<string, string | undefined>;
    if (q.grant_type !== 'client_credential') return void (ctx.body = fail(40002, 'invalid grant_type'));
    if (q.appid !== appId) return void (ctx.body = fail(40013, 'invalid appid'));
    if (q.secret !== appSecret)
      return void (ctx.body = fail(40001, 'invalid credential, access_token is invalid or not latest'));
    ctx.body = wechat.issueToken();
  });

  router.post('/cgi-bin/stable_token', (ctx) => {
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (b.grant_type !== 'client_credential') return void (ctx.body = fail(40002, 'invalid grant_type'));
    if (b.appid !== appId) return void (ctx.body = fail(40013, 'invalid appid'));
    if (b.secret !== appSecret) return void (ctx.body = fail(40125, 'invalid appsecret'));
    ctx.body = wechat.issueToken();
  });

  router.post('/cgi-bin/message/subscribe/send', (ctx) => {
    const token = ctx.query.access_token as string | undefined;
    const state = wechat.tokenState(token);
    if (state === 'missing') return void (ctx.body = fail(41001, 'access_token missing'));
    if (state === 'invalid')
      return void (ctx.body = fail(40001, 'invalid credential, access_token is invalid or not latest'));
    if (state === 'expired') return void (ctx.body = fail(42001, 'access_token expired'));
    const b = (ctx.request.body ?? {}) as Record<string, unknown>;
    const touser = typeof b.touser === 'string' ? b.touser : '';
    if (!touser || !wechat.users.has(touser)) return void (ctx.body = fail(40003, 'invalid openid'));
    const templateId = typeof b.template_id === 'string' ? b.template_id : '';
    const template = wechat.templates.get(templateId);
    if (!template) return void (ctx.body = fail(40037, 'invalid template id'));
    if (
      b.miniprogram_state !== undefined &&
      !['developer', 'trial', 'formal'].includes(String(b.miniprogram_state))
    ) {
      return void (ctx.body = fail(47003, 'argument invalid! miniprogram_state invalid'));
    }
    const dataError = checkTemplateData(template, b.data);
    if (dataError) return void (ctx.body = fail(47003, dataError));
    // As the real platform: the page must be one of the published app's pages (app.json).
    if (b.page !== undefined && (typeof b.page !== 'string' || !isAppPage(b.page)))
      return void (ctx.body = fail(41030, 'invalid page rid: page not exist in the miniprogram'));
    if (!wechat.consents.take(touser, templateId))
      return void (ctx.body = fail(43101, 'user refuse to accept the msg'));
    const msgid = wechat.nextMsgid();
    wechat.messages.push({
      msgid,
      touser,
      template_id: templateId,
      page: typeof b.page === 'string' ? b.page : undefined,
      data: b.data,
      miniprogram_state: typeof b.miniprogram_state === 'string' ? b.miniprogram_state : undefined,
      sentAt: new Date(wechat.clock.now()).toISOString(),
    });
    ctx.body = { errcode: 0, errmsg: 'ok', msgid };
  });

  // Exists only in the stand-in: mints what wx.login() would give the client.
  router.post('/_dev/code', (ctx) => {
    const b = (ctx.request.body ?? {}) as { openid?: unknown; nickname?: unknown };
    const openid = wechat.openidFor({
      openid: typeof b.openid === 'string' && b.openid ? b.openid : undefined,
      nickname: typeof b.nickname === 'string' && b.nickname ? b.nickname : undefined,
    });
    if (!wechat.users.has(openid)) {
      wechat.users.set(openid, {
        nickname: typeof b.nickname === 'string' ? b.nickname : undefined,
        sessionKey: '',
        unionid: `u${createHash('sha256').update(`union:${openid}`).digest('base64url').slice(0, 27)}`,
      });
    }
    ctx.body = { code: wechat.codes.mint({ openid }), openid, expiresIn: 300 };
  });

  router.get('/_admin/consents', (ctx) => {
    const { openid, templateId } = ctx.query as Record<string, string>;
    ctx.body = { openid, templateId, remaining: wechat.consents.remaining(openid, templateId) };
  });

  router.get('/_admin/templates', (ctx) => {
    ctx.body = { templates: [...wechat.templates.values()] };
  });

  router.get('/_admin/messages', (ctx) => {
    const touser = ctx.query.touser as string | undefined;
    ctx.body = { messages: touser ? wechat.messages.filter((m) => m.touser === touser) : wechat.messages };
  });

  return platformApp('wechat', wechat.options.seed, wechat, router, 'openid');
}

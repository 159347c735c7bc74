// Platform subscribe messages: WeChat subscribeMessage.send and Alipay's mini-program template message.
// One consent allows one message; a message without consent is not attempted (in-app notice only).
import { trusted } from 'mongoose';
import type { Config } from '../config';
import { OutboundError, requestJson } from '../http/outbound';
import type { AccountModels } from '../accounts/models';
import type { NoticeModels } from './models';
import type { PushSender } from './noticeService';

/** WeChat access_token, cached until shortly before it expires. */
class WechatToken {
  private token: { value: string; until: number } | null = null;

  constructor(private readonly config: Config) {}

  async get(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.config.wechat.url);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.config.wechat.appId,
      secret: this.config.wechat.appSecret,
    }).toString();
    const { body } = await requestJson<{ access_token?: string; expires_in?: number; errcode?: number }>(
      url.toString(),
    );
    if (!body?.access_token) throw new Error(`access_token errcode ${body?.errcode}`);
    this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  invalidate() {
    this.token = null;
  }
}

export class SubscriptionService {
  private readonly wechatToken: WechatToken;

  constructor(
    private readonly config: Config,
    private readonly models: NoticeModels,
    private readonly accounts: AccountModels,
  ) {
    this.wechatToken = new WechatToken(config);
  }

  /** Records consents the user just granted in the platform dialog (one message each). */
  async grant(accountId: string, templateIds: string[]): Promise<Record<string, number>> {
    for (const templateId of templateIds) {
      await this.models.Consent.updateOne(
        { accountId, templateId },
        { $inc: { remaining: 1 } },
        { upsert: true },
      );
      if (this.config.devLogin) await this.mirrorToStandIn(accountId, templateId);
    }
    return this.counts(accountId);
  }

  async counts(accountId: string): Promise<Record<string, number>> {
    const rows = await this.models.Consent.find({ accountId }).lean();
    return Object.fromEntries(rows.map((r) => [r.templateId, r.remaining]));
  }

  /**
   * In the H5 dev setup there is no platform dialog to tell the stand-in about a consent, so the bff does
   * it (DEV_LOGIN only; production refuses DEV_LOGIN).
   */
  private async mirrorToStandIn(accountId: string, templateId: string) {
    const account = await this.accounts.Account.findById(accountId).lean();
    if (!account) return;
    const [base, body] =
      account.platform === 'alipay'
        ? [this.config.alipay.url, { userId: account.platformUserId, templateId, count: 1 }]
        : [this.config.wechat.url, { openid: account.platformUserId, templateId, count: 1 }];
    await requestJson(new URL('/_admin/consents', base).toString(), { method: 'POST', body }).catch(
      () => undefined,
    );
  }

  readonly send: PushSender = async (accountId, push) => {
    // Take one consent atomically; no consent, no attempt.
    const consent = await this.models.Consent.findOneAndUpdate(
      { accountId, templateId: push.templateId, remaining: trusted({ $gte: 1 }) },
      { $inc: { remaining: -1 } },
    ).lean();
    if (!consent) return { ok: false, detail: 'no-consent' };
    const account = await this.accounts.Account.findById(accountId).lean();
    if (!account) return { ok: false, detail: 'no-account' };
    try {
      return account.platform === 'alipay'
        ? await this.sendAlipay(account.platformUserId, push)
        : await this.sendWechat(account.platformUserId, push);
    } catch (error) {
      if (error instanceof OutboundError) return { ok: false, detail: `${error.kind}: ${error.message}` };
      throw error;
    }
  };

  private async sendWechat(openid: string, push: Parameters<PushSender>[1]) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.wechatToken.get();
      const url = new URL('/cgi-bin/message/subscribe/send', this.config.wechat.url);
      url.searchParams.set('access_token', token);
      const { body } = await requestJson<{ errcode?: number; errmsg?: string }>(url.toString(), {
        method: 'POST',
        body: {
          touser: openid,
          template_id: push.templateId,
          page: push.page,
          miniprogram_state: this.config.env === 'production' ? 'formal' : 'developer',
          data: Object.fromEntries(Object.entries(push.data).map(([k, value]) => [k, { value }])),
        },
      });
      if (body?.errcode === 0) return { ok: true };
      if ((body?.errcode === 40001 || body?.errcode === 42001) && attempt === 0) {
        this.wechatToken.invalidate();
        continue;
      }
      return { ok: false, detail: `wechat errcode ${body?.errcode}` };
    }
    return { ok: false, detail: 'wechat token' };
  }

  private async sendAlipay(userId: string, push: Parameters<PushSender>[1]) {
    const { body } = await requestJson<Record<string, { code?: string; sub_code?: string }>>(
      new URL('/gateway.do', this.config.alipay.url).toString(),
      {
        method: 'POST',
        form: {
          app_id: this.config.alipay.appId,
          method: 'alipay.open.app.mini.templatemessage.send',
          charset: 'utf-8',
          version: '1.0',
          timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19),
          biz_content: JSON.stringify({
            to_user_id: userId,
            user_template_id: push.templateId,
            page: push.page,
            data: JSON.stringify(
              Object.fromEntries(Object.entries(push.data).map(([k, value]) => [k, { value }])),
            ),
          }),
        },
      },
    );
    const response = body?.alipay_open_app_mini_templatemessage_send_response;
    return response?.code === '10000'
      ? { ok: true }
      : { ok: false, detail: `alipay ${response?.sub_code ?? response?.code}` };
  }
}

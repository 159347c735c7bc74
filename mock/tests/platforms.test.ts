import { DEFAULT_ALIPAY_APP, DEFAULT_WECHAT_APP, type RunningMocks } from '../src/index';
import { get, post, startTestMocks, type Json } from './helpers';

describe('WeChat stand-in', () => {
  let mocks: RunningMocks;
  let base: string;
  beforeAll(async () => {
    mocks = await startTestMocks();
    base = mocks.urls.wechat;
  });
  afterAll(() => mocks.stop());
  beforeEach(() => mocks.wechat.reset());

  const { appId, appSecret } = DEFAULT_WECHAT_APP;
  const session = (code: string, secret = appSecret) =>
    get(
      `${base}/sns/jscode2session?appid=${appId}&secret=${secret}&js_code=${code}&grant_type=authorization_code`,
    );
  const token = async () =>
    (await get(`${base}/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${appSecret}`)).body;
  const send = (accessToken: string, body: unknown) =>
    post(`${base}/cgi-bin/message/subscribe/send?access_token=${accessToken}`, body);
  const data = {
    character_string1: { value: 'LB202611260001' },
    thing2: { value: '个人住房公积金账户设立' },
    phrase3: { value: '已办结' },
    time4: { value: '2026-11-26 10:30' },
    thing5: { value: '请登录小程序查看' },
  };

  it('exchanges a dev code for a stable openid once; a second use is 40163 and an unknown code 40029', async () => {
    const minted = (await post(`${base}/_dev/code`, { nickname: '测试经办人' })).body;
    const first = await session(minted.code);
    expect(first.body).toMatchObject({ openid: minted.openid, session_key: expect.any(String) });
    expect(first.body.errcode).toBeUndefined();
    expect((await session(minted.code)).body.errcode).toBe(40163);
    expect((await session('nonsense')).body.errcode).toBe(40029);
    const again = (await post(`${base}/_dev/code`, { nickname: '测试经办人' })).body;
    expect(again.openid).toBe(minted.openid);
    expect((await session(again.code, 'wrong')).body.errcode).toBe(40125);
  });

  it('expires codes after five minutes', async () => {
    const { code } = (await post(`${base}/_dev/code`, {})).body;
    await post(`${base}/_admin/clock`, { advanceMs: 5 * 60 * 1000 + 1 });
    expect((await session(code)).body.errcode).toBe(40029);
  });

  it('issues access tokens valid for 7200 s and refuses expired or unknown ones', async () => {
    const { access_token, expires_in } = await token();
    expect(expires_in).toBe(7200);
    expect((await send('bogus', {})).body.errcode).toBe(40001);
    expect((await post(`${base}/cgi-bin/message/subscribe/send`, {})).body.errcode).toBe(41001);
    await post(`${base}/_admin/clock`, { advanceMs: 7201 * 1000 });
    expect((await send(access_token, {})).body.errcode).toBe(42001);
  });

  it('sends one subscription message per consent and records it', async () => {
    const { openid } = (await post(`${base}/_dev/code`, { nickname: 'a' })).body;
    const { access_token } = await token();
    const message = {
      touser: openid,
      template_id: 'mock_tpl_case_result',
      page: 'application/detail/index?id=a1',
      data,
    };
    expect((await send(access_token, message)).body.errcode).toBe(43101);
    await post(`${base}/_admin/consents`, { openid, templateId: 'mock_tpl_case_result', count: 1 });
    // A page the mini-program does not have is refused (41030), and the consent is kept for a good one.
    const wrongPage = await send(access_token, { ...message, page: 'pages/application/index?id=a1' });
    expect(wrongPage.body.errcode).toBe(41030);
    const ok = await send(access_token, message);
    expect(ok.body).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect((await send(access_token, message)).body.errcode).toBe(43101);
    const sent = await get(`${base}/_admin/messages`);
    expect(sent.body.messages).toHaveLength(1);
    expect(sent.body.messages[0]).toMatchObject({
      touser: openid,
      template_id: 'mock_tpl_case_result',
      data,
    });
  });

  it('uses WeChat error codes for misuse: 40037 unknown template, 47003 bad data, 40003 unknown user', async () => {
    const { openid } = (await post(`${base}/_dev/code`, { nickname: 'b' })).body;
    await post(`${base}/_admin/consents`, { openid, templateId: 'mock_tpl_case_result', count: 5 });
    const { access_token } = await token();
    expect((await send(access_token, { touser: openid, template_id: 'nope', data })).body.errcode).toBe(
      40037,
    );
    const tooLong = { ...data, thing2: { value: '这是一个超过二十个字符的事项名称用来测试长度限制的' } };
    const bad = await send(access_token, {
      touser: openid,
      template_id: 'mock_tpl_case_result',
      data: tooLong,
    });
    expect(bad.body.errcode).toBe(47003);
    expect(bad.body.errmsg).toContain('thing2');
    const missing = await send(access_token, {
      touser: openid,
      template_id: 'mock_tpl_case_result',
      data: { thing2: data.thing2 },
    });
    expect(missing.body.errcode).toBe(47003);
    expect(
      (await send(access_token, { touser: 'oUnknown', template_id: 'mock_tpl_case_result', data })).body
        .errcode,
    ).toBe(40003);
    // Misuse spends no consent.
    expect(
      (await get(`${base}/_admin/consents?openid=${openid}&templateId=mock_tpl_case_result`)).body.remaining,
    ).toBe(5);
  });
});

describe('Alipay stand-in', () => {
  let mocks: RunningMocks;
  let gateway: string;
  beforeAll(async () => {
    mocks = await startTestMocks();
    gateway = `${mocks.urls.alipay}/gateway.do`;
  });
  afterAll(() => mocks.stop());

  const form = async (params: Record<string, string>) => {
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams({
        app_id: DEFAULT_ALIPAY_APP.appId,
        charset: 'utf-8',
        sign_type: 'RSA2',
        version: '1.0',
        ...params,
      }),
    });
    return (await response.json()) as Json;
  };

  it('exchanges an auth code once through alipay.system.oauth.token', async () => {
    const { code, userId } = (await post(`${mocks.urls.alipay}/_dev/code`, { nickname: '支付宝经办人' }))
      .body;
    expect(userId).toMatch(/^2088\d{12}$/);
    const ok = await form({ method: 'alipay.system.oauth.token', grant_type: 'authorization_code', code });
    expect(ok.alipay_system_oauth_token_response).toMatchObject({
      user_id: userId,
      access_token: expect.any(String),
      expires_in: expect.any(Number),
    });
    const reused = await form({
      method: 'alipay.system.oauth.token',
      grant_type: 'authorization_code',
      code,
    });
    expect(reused.error_response).toMatchObject({ code: '40002', sub_code: 'isv.code-invalid' });
    const refreshed = await form({
      method: 'alipay.system.oauth.token',
      grant_type: 'refresh_token',
      refresh_token: ok.alipay_system_oauth_token_response.refresh_token,
    });
    expect(refreshed.alipay_system_oauth_token_response.user_id).toBe(userId);
  });

  it('rejects a wrong app id and an unknown method with Alipay error envelopes', async () => {
    expect((await form({ app_id: 'x', method: 'alipay.system.oauth.token' })).error_response.sub_code).toBe(
      'isv.invalid-app-id',
    );
    expect((await form({ method: 'alipay.nothing' })).error_response.sub_code).toBe('isv.invalid-method');
  });

  it('sends a mini-program template message once per consent', async () => {
    const { userId } = (await post(`${mocks.urls.alipay}/_dev/code`, { nickname: 'c' })).body;
    const biz = JSON.stringify({
      to_user_id: userId,
      user_template_id: 'mock_tpl_case_progress',
      page: 'application/detail/index?id=a1',
      data: JSON.stringify({
        character_string1: { value: 'LB1' },
        thing2: { value: '就业登记' },
        phrase3: { value: '审核中' },
        time4: { value: '2026-11-26 10:30' },
      }),
    });
    const method = 'alipay.open.app.mini.templatemessage.send';
    expect(
      (await form({ method, biz_content: biz })).alipay_open_app_mini_templatemessage_send_response,
    ).toMatchObject({
      code: '40004',
      sub_code: 'USER_NOT_SUBSCRIBED',
    });
    await post(`${mocks.urls.alipay}/_admin/consents`, {
      userId,
      templateId: 'mock_tpl_case_progress',
      count: 1,
    });
    const wrongPage = JSON.stringify({ ...JSON.parse(biz), page: 'pages/application/index?id=a1' });
    expect(
      (await form({ method, biz_content: wrongPage })).alipay_open_app_mini_templatemessage_send_response,
    ).toMatchObject({ code: '40004', sub_code: 'PAGE_ILLEGAL' });
    expect(
      (await form({ method, biz_content: biz })).alipay_open_app_mini_templatemessage_send_response,
    ).toEqual({
      code: '10000',
      msg: 'Success',
    });
    expect((await get(`${mocks.urls.alipay}/_admin/messages`)).body.messages).toHaveLength(1);
  });
});

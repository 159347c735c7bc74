import { runFromEnv } from '../src/cliRun';

describe('CLI start-up', () => {
  it('starts all seven services from the environment, prints one ready line, and each answers /healthz', async () => {
    const lines: string[] = [];
    const env = {
      MOCK_HRSS_PORT: '0',
      MOCK_MEDICAL_SECURITY_PORT: '0',
      MOCK_HOUSING_FUND_PORT: '0',
      MOCK_WECHAT_PORT: '0',
      MOCK_ALIPAY_PORT: '0',
      MOCK_GOV_DATA_PORT: '0',
      MOCK_STAFF_IDP_PORT: '0',
      MOCK_REVIEW_MODE: 'manual',
      MOCK_CALLBACK_URL: 'http://127.0.0.1:9/callbacks',
    };
    const mocks = await runFromEnv(env, (line) => lines.push(line));
    try {
      expect(lines).toHaveLength(1);
      const ready = JSON.parse(lines[0]);
      expect(ready.ready).toBe(true);
      expect(Object.keys(ready.urls).sort()).toEqual(
        ['alipay', 'govData', 'housingFund', 'hrss', 'medicalSecurity', 'staffIdp', 'wechat'].sort(),
      );
      for (const url of Object.values(ready.urls) as string[]) {
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
      }
      const discovery: any = await (
        await fetch(`${ready.urls.staffIdp}/.well-known/openid-configuration`)
      ).json();
      expect(discovery.issuer).toBe(ready.urls.staffIdp);
      const config = await (await fetch(`${ready.urls.medicalSecurity}/_admin/config`)).json();
      expect(config).toMatchObject({ reviewMode: 'manual', callbackUrl: 'http://127.0.0.1:9/callbacks' });
    } finally {
      await mocks.stop();
    }
  });

  it('refuses an invalid port with a message naming the variable', async () => {
    await expect(runFromEnv({ MOCK_HRSS_PORT: 'abc' }, () => undefined)).rejects.toThrow('MOCK_HRSS_PORT');
  });
});

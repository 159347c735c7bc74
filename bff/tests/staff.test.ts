// Staff bearer tokens (tests and development only, beside the OIDC login): who gets in, with which role,
// and what is refused.
import { loadConfig, ConfigError } from '../src/config';
import { DEV_STAFF_TOKENS } from '../src/staff/staffTokens';
import { requireStaff } from '../src/staff/requireStaff';
import { callApi, startTestServer, type TestServer } from './helpers/testServer';

const ADMIN = 'admin-token-abcdefghijklmnopqrstu';
const CLERK = 'clerk-token-abcdefghijklmnopqrstu';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    env: { STAFF_TOKENS: `admin-li:${ADMIN}:admin,\nclerk-xz:${CLERK}:clerk:361102` },
  });
});

afterAll(async () => {
  await server.close();
});

describe('requireStaff', () => {
  it('tells a staff member who they are, with role and county', async () => {
    const clerk = await callApi(server, CLERK, 'GET', '/staff/me');
    expect(clerk.status).toBe(200);
    expect(clerk.body).toEqual({ id: 'clerk-xz', name: 'clerk-xz', role: 'clerk', county: '361102' });
    const admin = await callApi(server, ADMIN, 'GET', '/staff/me');
    expect(admin.body).toEqual({ id: 'admin-li', name: 'admin-li', role: 'admin' });
  });

  it('answers 401 without a credential or with an unknown one, in the error shape', async () => {
    const none = await callApi(server, null, 'GET', '/staff/me');
    expect(none.status).toBe(401);
    expect(none.body.error).toEqual({ code: 'UNAUTHORIZED', message: '请先以工作人员身份登录' });
    const unknown = await callApi(server, 'x'.repeat(30), 'GET', '/staff/me');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toMatch(/凭证无效/);
    // The dev tokens are not accepted once a list is configured.
    const dev = await callApi(server, DEV_STAFF_TOKENS[0].token, 'GET', '/staff/me');
    expect(dev.status).toBe(401);
  });

  it('answers 403 for the wrong role', async () => {
    const guard = requireStaff(server.services, 'admin');
    const run = async (token: string) => {
      const ctx: any = { state: {}, get: () => `Bearer ${token}`, cookies: { get: () => undefined } };
      let reached = false;
      await guard(ctx, async () => {
        reached = true;
      });
      return { reached, staff: ctx.state.staff };
    };
    await expect(run(CLERK)).rejects.toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: '该操作仅限管理员',
    });
    await expect(run(ADMIN)).resolves.toEqual({
      reached: true,
      staff: { id: 'admin-li', name: 'admin-li', role: 'admin' },
    });
  });
});

describe('STAFF_TOKENS configuration', () => {
  const base = { MONGODB_URI: 'mongodb://127.0.0.1/x' };
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('uses the dev tokens outside production when unset', () => {
    expect(loadConfig(base).staffTokens).toEqual(DEV_STAFF_TOKENS);
  });

  it('is refused in production, where staff log in through the identity provider', () => {
    const dev = DEV_STAFF_TOKENS[0];
    expect(problemsOf({ NODE_ENV: 'production', STAFF_TOKENS: `a:${dev.token}:admin` })).toEqual(
      expect.arrayContaining(['生产环境不使用 STAFF_TOKENS：工作人员通过统一身份认证（STAFF_OIDC_*）登录']),
    );
  });

  it('refuses malformed entries with Chinese messages that do not echo the token', () => {
    const problems = problemsOf({
      STAFF_TOKENS: [
        'onlytwo:parts',
        `bad id!:${ADMIN}:admin`,
        'short:abc:clerk',
        `x:${ADMIN}x:boss`,
        `y:${CLERK}y:clerk:3611`,
        `z:${CLERK}z:admin:361102`,
        `admin-li:${ADMIN}:admin`,
        `admin-li:${CLERK}:clerk`,
        `other:${ADMIN}:supervisor`,
      ].join(','),
    });
    expect(problems).toEqual([
      'STAFF_TOKENS 第 1 条格式应为“编号:令牌:角色[:区县代码]”',
      'STAFF_TOKENS 第 2 条：编号只能由 1-64 位字母、数字、-、_ 组成',
      'STAFF_TOKENS 第 3 条：令牌须为 24-128 位字母、数字、-、_',
      'STAFF_TOKENS 第 4 条：角色须为 clerk（窗口人员）、supervisor（监督人员）或 admin（管理员）',
      'STAFF_TOKENS 第 5 条：区县代码须为 6 位数字',
      'STAFF_TOKENS 第 6 条：管理员不限区县，不应填写区县代码',
      'STAFF_TOKENS 第 8 条：编号 admin-li 重复',
      'STAFF_TOKENS 第 9 条：令牌与前面的条目重复',
    ]);
    expect(problems.join('')).not.toContain(ADMIN);
  });
});

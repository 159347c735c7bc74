import { ApiClient, ApiError, newIdempotencyKey } from './client';
import { endpoints } from './endpoints';
import type { HttpRequest, Platform } from '../platform/types';

function fakePlatform(respond: (req: HttpRequest) => { status: number; body: unknown }) {
  const sent: HttpRequest[] = [];
  const platform = {
    request: async (req: HttpRequest) => {
      sent.push(req);
      return respond(req);
    },
  } as unknown as Platform;
  return { platform, sent };
}

describe('ApiClient', () => {
  it('sends the bearer token to the configured base URL', async () => {
    const { platform, sent } = fakePlatform(() => ({ status: 200, body: { items: [] } }));
    const api = endpoints(new ApiClient({ baseUrl: '/api/v1', platform, getToken: () => 'tok' }));
    await api.listDrafts();
    expect(sent[0]).toMatchObject({
      url: '/api/v1/drafts',
      method: 'GET',
      headers: { Authorization: 'Bearer tok' },
    });
  });

  it('turns the error envelope into an ApiError with the field details', async () => {
    const { platform } = fakePlatform(() => ({
      status: 422,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '申请有误',
          details: [{ path: 'unit.name', message: '请填写单位名称' }],
        },
      },
    }));
    const api = endpoints(new ApiClient({ baseUrl: '', platform, getToken: () => undefined }));
    const err = await api.submitDraft('d1', 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', message: '申请有误' });
    expect((err as ApiError).details[0].path).toBe('unit.name');
  });

  it('keeps the 409 body so the current server draft can be shown', async () => {
    const current = { id: 'd1', version: 7, application: {} };
    const { platform } = fakePlatform(() => ({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT' }, current },
    }));
    const api = endpoints(new ApiClient({ baseUrl: '', platform, getToken: () => 't' }));
    const err = (await api.patchDraft('d1', 3, { matters: [] }).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(409);
    expect((err.body as { current: unknown }).current).toEqual(current);
  });

  it('drops the session on 401 so the app logs in again', async () => {
    const { platform } = fakePlatform(() => ({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '请重新登录' } },
    }));
    const onUnauthorized = jest.fn();
    const api = endpoints(new ApiClient({ baseUrl: '', platform, getToken: () => 'old', onUnauthorized }));
    await expect(api.me()).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalled();
  });

  it('logs in again after a 401 and repeats the request once', async () => {
    let token = 'expired';
    const { platform, sent } = fakePlatform((req) =>
      req.headers.Authorization === 'Bearer fresh'
        ? { status: 200, body: { items: [] } }
        : { status: 401, body: {} },
    );
    const client = new ApiClient({
      baseUrl: '',
      platform,
      getToken: () => token,
      reauthenticate: async () => {
        token = 'fresh';
      },
    });
    await expect(endpoints(client).listDrafts()).resolves.toEqual({ items: [] });
    expect(sent).toHaveLength(2);
  });

  it('sends the Idempotency-Key header on submit', async () => {
    const { platform, sent } = fakePlatform(() => ({ status: 201, body: { id: 'a1' } }));
    const api = endpoints(new ApiClient({ baseUrl: '', platform, getToken: () => 't' }));
    await api.submitDraft('d1', 'key-1', 4);
    expect(sent[0].headers['Idempotency-Key']).toBe('key-1');
    expect(sent[0].body).toEqual({ version: 4 });
  });

  it('gives a server error a readable Chinese message when the body has none', async () => {
    const { platform } = fakePlatform(() => ({ status: 503, body: '' }));
    const api = endpoints(new ApiClient({ baseUrl: '', platform, getToken: () => 't' }));
    await expect(api.listNotices()).rejects.toMatchObject({ message: '服务暂时不可用，请稍后再试' });
  });
});

it('idempotency keys look like UUIDs and differ between submissions', () => {
  const a = newIdempotencyKey();
  expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(newIdempotencyKey()).not.toBe(a);
});

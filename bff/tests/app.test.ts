// The skeleton's promises over real HTTP: health, readiness, one error shape, limits, headers, redaction.
import { ConfigError, loadConfig } from '../src/config';
import { startTestServer, type TestServer } from './helpers/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { BODY_LIMIT: '2kb', CORS_ORIGINS: 'https://app.example.test' } });
});

afterAll(async () => {
  await server.close();
});

describe('health', () => {
  it('answers /healthz, and /readyz with 200 once the database is reachable and the OCR engine loaded', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The engine loads in the background from start-up; until then the process is alive but not ready.
    let ready = await fetch(`${server.url}/readyz`);
    while (ready.status === 503) {
      expect((await ready.json()) as any).toEqual({
        error: { code: 'OCR_STARTING', message: expect.stringContaining('证件识别') },
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      ready = await fetch(`${server.url}/readyz`);
    }
    expect(ready.status).toBe(200);
    expect((await ready.json()) as any).toEqual({ status: 'ready' });
  }, 60_000);
});

describe('errors', () => {
  it('answers an unknown route with 404 in the JSON error shape, in Chinese', async () => {
    const res = await fetch(`${server.url}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    expect((await res.json()) as any).toEqual({
      error: { code: 'NOT_FOUND', message: '接口不存在' },
    });
  });

  it('rejects a body over the limit with 413 and malformed JSON with 400', async () => {
    const big = await fetch(`${server.url}/api/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(5000) }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: '请求内容过大',
    });

    const broken = await fetch(`${server.url}/api/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).error.code).toBe('INVALID_JSON');
  });
});

describe('headers', () => {
  it('echoes a request id and sends security headers', async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
    const generated = await fetch(`${server.url}/healthz`, {
      headers: { 'X-Request-Id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await fetch(`${server.url}/healthz`, { headers: { Origin: 'https://app.example.test' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    const denied = await fetch(`${server.url}/healthz`, { headers: { Origin: 'https://evil.example.test' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('logs', () => {
  it('writes one access line per request without the query string', async () => {
    await fetch(`${server.url}/healthz?idNumber=36110219900101001X`);
    const line = server.logLines.find((l) => l.includes('"path":"/healthz"'));
    expect(line).toBeDefined();
    expect(server.logLines.join('\n')).not.toContain('36110219900101001X');
  });
});

describe('configuration', () => {
  it('names every missing or bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'abc', DATA_KEY: 'short' });
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems.some((p) => p.includes('MONGODB_URI'))).toBe(true);
      expect(problems.some((p) => p.includes('PORT'))).toBe(true);
      expect(problems.some((p) => p.includes('DATA_KEY'))).toBe(true);
    }
  });

  it('refuses production without encryption keys', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017/x' })).toThrow(
      /DATA_KEY/,
    );
  });
});

import { once } from 'node:events';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { requestsDrained, trackInFlight } from './inFlight';

describe('requests in flight', () => {
  let server: Server;
  let release: () => void;
  let markEntered: () => void;
  const app = new Koa();
  trackInFlight(app);
  app.use(async (ctx) => {
    await new Promise<void>((resolve) => {
      release = resolve;
      markEntered();
    });
    ctx.body = 'done';
  });

  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('are waited for even after their client hung up and the server has no connection left', async () => {
    const entered = new Promise<void>((resolve) => (markEntered = resolve));
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, path: '/' });
    req.on('error', () => undefined);
    req.end();
    await entered;
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await requestsDrained(app, 100)).toBe(false);
    const drained = requestsDrained(app, 5000);
    release();
    expect(await drained).toBe(true);
  });

  it('answer at once when nothing runs', async () => {
    expect(await requestsDrained(app, 1)).toBe(true);
  });
});

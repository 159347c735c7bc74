// A database that does not answer (here: nothing listens where it should be) is an outage: the request
// gets 503 with a Chinese message and a Retry-After, never 500 INTERNAL_ERROR.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import mongoose from 'mongoose';
import { errorHandler } from './errorHandler';

let server: Server;
let unreachable: mongoose.Connection;
let client: InstanceType<typeof mongoose.mongo.MongoClient>;
let base: string;

beforeAll(async () => {
  // A port that was free a moment ago: the driver finds no server there and gives up after 300 ms.
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const uri = `mongodb://127.0.0.1:${port}/none`;
  // Mongoose holds the query while it is not connected, then gives up (after 300 ms here).
  unreachable = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 300 });
  unreachable.on('error', () => undefined);
  const Account = unreachable.model('Account', new mongoose.Schema({}, { bufferTimeoutMS: 300 }));
  // The driver itself finds no server within its selection timeout.
  client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 300 });
  const app = new Koa();
  app.use(errorHandler());
  app.use(async (ctx) => {
    ctx.body =
      ctx.path === '/driver'
        ? await client.db().collection('accounts').findOne({})
        : await Account.findOne({}).lean();
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await unreachable.close().catch(() => undefined);
  await client.close().catch(() => undefined);
});

it.each(['/mongoose', '/driver'])(
  'answers 503 DATABASE_UNAVAILABLE when the database does not answer (%s)',
  async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  },
);

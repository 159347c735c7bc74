// Starts the real bff app on a free port against a fresh database of its own, for tests over HTTP.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import type { Connection } from 'mongoose';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { connectDatabase } from '../../src/db';
import { createLogger } from '../../src/logger';
import { testDatabaseUri } from '../../../tools/jest/testDatabase';

export interface TestServer {
  url: string;
  config: Config;
  db: Connection;
  /** Every log line the app wrote, for assertions on redaction. */
  logLines: string[];
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ NODE_ENV: 'test', MONGODB_URI: testDatabaseUri('bff'), ...env });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const db = await connectDatabase(config.mongodbUri);
  const app = createApp({ config, logger, db });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    db,
    logLines,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.dropDatabase().catch(() => undefined);
      await db.close();
    },
  };
}

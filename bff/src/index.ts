// Entry point: `node bff/dist/index.js`. Reads the environment, connects, listens, shuts down gracefully.
import { createServer, type Server } from 'node:http';
import { loadConfigOrReport } from './config';
import { connectDatabase } from './db';
import { createLogger } from './logger';
import { createApp } from './app';
import { requestsDrained } from './http/inFlight';
import { createServices } from './context';
import { startScheduledJobs } from './jobs/scheduledJobs';
import { BFF_PROCESS_ENV, missingProcessEnv } from './processEnv';

export { createApp } from './app';
export { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(78);
  const logger = createLogger(config.logLevel);
  const missing = missingProcessEnv();
  if (missing.length)
    logger.warn(
      { recommended: Object.fromEntries(missing.map((key) => [key, BFF_PROCESS_ENV[key]])) },
      'process started without the recommended environment (peak memory of ID-card OCR grows by about 150 MB)',
    );
  const db = await connectDatabase(config.mongodbUri);
  const services = createServices(config, logger, db);
  const app = createApp({ config, logger, db }, services);
  let stopJobs = () => {};
  if (config.workers) {
    services.dispatcher.start(config.dispatch.concurrency);
    stopJobs = startScheduledJobs(services);
  }
  // Whatever the body type (JSON is timed by its own reader, a photo upload is not), a request must have
  // arrived within BODY_TIMEOUT_MS: a slow client cannot hold a connection for Node's default 5 minutes.
  const server: Server = createServer(
    {
      requestTimeout: config.bodyTimeoutMs + 1000,
      headersTimeout: Math.min(20000, config.bodyTimeoutMs + 1000),
      connectionsCheckingInterval: 1000,
    },
    app.callback(),
  );
  server.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port }, 'bff listening');
    console.log(JSON.stringify({ ready: true, url: `http://${config.host}:${port}` }));
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests and deliveries finish, then close the database.
    stopJobs();
    server.close();
    server.closeIdleConnections();
    // The server's close waits for connections; a handler whose client hung up is waited for here.
    Promise.all([requestsDrained(app, 8000), services.dispatcher.stop()])
      .then(() => db.close())
      .catch(() => undefined)
      .finally(() => process.exit(0));
    setTimeout(() => process.exit(1), 10000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error) => {
    console.error('bff failed to start:', error);
    process.exit(1);
  });
}

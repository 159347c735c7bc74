'use strict';
// Jest global setup: gives the test run a database. With MONGODB_URI set (e.g. a real MongoDB 6+),
// tests use it; otherwise a fresh in-memory embedded server is started on a free port for this run.
const { startEmbeddedMongo } = require('../embedded-mongo');

module.exports = async function mongoGlobalSetup() {
  if (process.env.MONGODB_URI) {
    process.env.TEST_DB_KIND = process.env.TEST_DB_KIND || 'external';
    return;
  }
  const server = await startEmbeddedMongo();
  globalThis.__EMBEDDED_MONGO__ = server;
  process.env.MONGODB_URI = server.uri;
  process.env.TEST_DB_KIND = 'embedded';
};

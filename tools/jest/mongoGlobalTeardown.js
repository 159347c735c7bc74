'use strict';

module.exports = async function mongoGlobalTeardown() {
  const server = globalThis.__EMBEDDED_MONGO__;
  if (server) {
    await server.stop();
    delete process.env.MONGODB_URI;
  }
};

'use strict';
// A database name of its own for each test file, so files can run in parallel on one server.
const crypto = require('node:crypto');

function testDatabaseUri(label = 'test') {
  const base = process.env.MONGODB_URI;
  if (!base) throw new Error('MONGODB_URI is not set: is the Jest global setup configured for this package?');
  const url = new URL(base);
  const name = `${label.replace(/[^\w]/g, '_').slice(0, 30)}_${crypto.randomBytes(4).toString('hex')}`;
  url.pathname = `/${name}`;
  return url.toString();
}

module.exports = { testDatabaseUri };

const path = require('node:path');
const base = require('../jest.base');

module.exports = {
  ...base,
  displayName: 'bff',
  testEnvironment: path.join(__dirname, '../tools/jest/nodeEnvironmentSharedTypedArrays.js'),
  globalSetup: path.join(__dirname, '../tools/jest/mongoGlobalSetup.js'),
  globalTeardown: path.join(__dirname, '../tools/jest/mongoGlobalTeardown.js'),
};

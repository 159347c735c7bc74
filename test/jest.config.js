const path = require('node:path');
const base = require('../jest.base');

module.exports = {
  ...base,
  displayName: 'test',
  testMatch: [
    ...base.testMatch,
    '<rootDir>/e2e/**/*.test.ts',
    '<rootDir>/miniprogram/**/*.test.ts',
    '<rootDir>/console/**/*.test.ts',
  ],
  globalSetup: path.join(__dirname, '../tools/jest/mongoGlobalSetup.js'),
  globalTeardown: path.join(__dirname, '../tools/jest/mongoGlobalTeardown.js'),
};

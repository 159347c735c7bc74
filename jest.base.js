// Shared Jest settings: TypeScript through @swc/jest (fast, no type-check; `npm run typecheck` does that).
// Our own packages are mapped to their sources so tests never run against a stale build.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  // The machine has 2 shared cores: a test that needs 1 s alone can need 10 s beside a build. Jest's 5 s
  // default then fails tests for being busy, not wrong; suites with real long work set their own budget.
  testTimeout: 30_000,
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
      },
    ],
  },
  // The OIDC libraries (staff login) and their JOSE dependencies ship only as ES modules, which Jest's
  // CommonJS runtime cannot require on Node 20: they are compiled like our sources.
  transformIgnorePatterns: ['/node_modules/(?!(oidc-provider|openid-client|oauth4webapi|jose)/)'],
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/src/**/*.test.tsx', '<rootDir>/tests/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '^@hiring/shared$': path.join(__dirname, 'shared/src/index.ts'),
    '^@hiring/mock$': path.join(__dirname, 'mock/src/index.ts'),
  },
};

// Root Jest: every package's suite in one run (each package also runs alone with `npx jest` inside it).
const fs = require('node:fs');
const path = require('node:path');

const packages = ['shared', 'mock', 'bff', 'client', 'test'];

module.exports = {
  // Jest reads the test budget from the root configuration only (a project's own is ignored): see jest.base.js.
  testTimeout: require('./jest.base').testTimeout,
  projects: packages
    .map((name) => path.join(__dirname, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'jest.config.js'))),
};

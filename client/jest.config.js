const base = require('../jest.base');

module.exports = {
  ...base,
  displayName: 'client',
  // Taro's runtime cannot load under Node; logic modules receive the platform as a parameter instead.
  moduleNameMapper: { ...base.moduleNameMapper, '\\.css$': '<rootDir>/tests/styleStub.js' },
  globals: { API_BASE: '/api/v1', SUBSCRIBE_TEMPLATE_IDS: [] },
};

const base = require('../jest.base');

module.exports = { ...base, displayName: 'bff' };

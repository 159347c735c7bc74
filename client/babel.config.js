// babel-preset-taro picks the right React/TS transforms per target.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};

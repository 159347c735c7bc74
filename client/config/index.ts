import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// Mini-programs cannot use a relative base URL, so they default to the bff on this machine
// (open the project with domain checking off in the IDE, see README); H5 goes through the dev server's proxy.
function apiBase(): string {
  if (process.env.TARO_APP_API_BASE) return process.env.TARO_APP_API_BASE;
  return process.env.TARO_ENV === 'h5' ? '/api/v1' : 'http://127.0.0.1:3000/api/v1';
}

const sharedSrc = path.resolve(__dirname, '../../shared/src');

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'hiring-client',
    date: '2026-11-26',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase()),
      // Template ids are issued per mini-program by the platform; empty means "do not ask".
      SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(
        (process.env.TARO_APP_SUBSCRIBE_TEMPLATES ?? '').split(',').filter(Boolean),
      ),
    },
    alias: {
      '@hiring/shared': path.join(sharedSrc, 'index.ts'),
    },
    // The Alipay IDE reads its compile options (component2, which Taro's runtime needs) from mini.project.json.
    copy: {
      patterns:
        process.env.TARO_ENV === 'alipay'
          ? [{ from: 'mini.project.json', to: 'dist/alipay/mini.project.json' }]
          : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // shared/ lives outside src and must go through Babel like our own code.
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Our budget is the gzipped first screen (`npm run size`), not webpack's raw 244 KiB per-file hint.
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      devServer: {
        port: 10086,
        proxy: { '/api': { target: process.env.BFF_URL ?? 'http://127.0.0.1:3000', changeOrigin: true } },
      },
    },
  };
  if (mode === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});

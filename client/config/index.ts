import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { Chunk, ChunkGraph, Module } from 'webpack';
import devConfig from './dev';
import { ModuleSizesPlugin } from './moduleSizes';
import prodConfig from './prod';

// Mini-programs cannot use a relative base URL, so they default to the bff on this machine
// (open the project with domain checking off in the IDE, see README); H5 goes through the dev server's proxy.
function apiBase(): string {
  if (process.env.TARO_APP_API_BASE) return process.env.TARO_APP_API_BASE;
  return process.env.TARO_ENV === 'h5' ? '/api/v1' : 'http://127.0.0.1:3000/api/v1';
}

const sharedSrc = path.resolve(__dirname, '../../shared/src');
/** The form rules: what validates and dates a draft, needed by the wizard pages only. */
const FORM_RULES =
  /[\\/]node_modules[\\/](yup|property-expr|tiny-case|toposort|chinese-days|lunar-javascript)[\\/]|[\\/]shared[\\/]src[\\/](validateApplication|schema|bounds|ruleConfig|workingDays|calendar\w*)\.ts$/;

/** The page the H5 build opens first (app.config's first page). */
const HOME_PAGE = /[\\/]client[\\/]src[\\/]pages[\\/]index[\\/]index\.tsx$/;
const holdsHomePage = new WeakMap<Chunk, boolean>();

/** Whether the module is in the home page's chunk (before splitting: the page and all it imports). */
function usedByHomePage(module: Module, chunkGraph: ChunkGraph): boolean {
  for (const chunk of chunkGraph.getModuleChunksIterable(module)) {
    let home = holdsHomePage.get(chunk);
    if (home === undefined) {
      home = [...chunkGraph.getChunkModulesIterable(chunk)].some((m) =>
        HOME_PAGE.test((m as { resource?: string }).resource ?? ''),
      );
      holdsHomePage.set(chunk, home);
    }
    if (home) return true;
  }
  return false;
}

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
      // npm may keep preact in client/node_modules, where Taro's framework plugin (at the root) cannot see it.
      preact: path.dirname(require.resolve('preact/package.json')),
    },
    // The Alipay IDE reads its compile options (component2, which Taro's runtime needs) from mini.project.json.
    copy: {
      patterns:
        process.env.TARO_ENV === 'alipay'
          ? [{ from: 'mini.project.json', to: 'dist/alipay/mini.project.json' }]
          : [],
      options: {},
    },
    // The mini-programs render with Preact (React's API, a tenth of react-reconciler's bytes): WeChat's main
    // package was 480 KB with React. H5 keeps React. The same journey runs on all three builds (test/e2e on
    // H5, test/miniprogram on the compiled mini-programs). Preact stays at 10.20: from 10.22 its diff calls
    // DOM contains(), which Taro's mini-program DOM lacks, and from 10.24 its compat layer says it is React
    // 18, so Taro calls a createRoot that Preact does not have (both caught by test/miniprogram).
    framework: process.env.TARO_ENV === 'h5' ? 'react' : 'preact',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // shared/ lives outside src and must go through Babel like our own code.
      compile: { include: [sharedSrc] },
      webpackChain(chain) {
        chain.plugin('module-sizes').use(ModuleSizesPlugin, [process.env.TARO_ENV ?? 'mini']);
      },
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
        chain.plugin('module-sizes').use(ModuleSizesPlugin, ['h5']);
        const unavailable = path.join(__dirname, 'unavailable.js');
        chain.resolve.alias
          .set('whatwg-fetch$', unavailable)
          .set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', unavailable)
          .set('jsonp-retry$', unavailable);
        // Taro splits only the initial chunks on H5, so every lazily loaded page carried its own copy of
        // shared, yup and the holiday data (8 page chunks of 274-296 KB). What pages share goes into shared
        // chunks instead, loaded once and cached: what the home page shares with others in one (the first
        // screen loads it and nothing of the others' code: 147.8 KB gzipped when it was all in one chunk),
        // the form rules (yup, validation, calendars) in one that only the wizard pages load, everything
        // else two pages use in another.
        const split = chain.optimization.get('splitChunks') as { cacheGroups?: Record<string, unknown> };
        chain.optimization.splitChunks({
          ...split,
          cacheGroups: {
            ...split.cacheGroups,
            home: {
              name: 'home-common',
              chunks: 'async',
              minChunks: 2,
              priority: 7,
              enforce: true,
              test: (module: Module, { chunkGraph }: { chunkGraph: ChunkGraph }) =>
                usedByHomePage(module, chunkGraph),
            },
            forms: { name: 'forms', chunks: 'async', test: FORM_RULES, priority: 6, enforce: true },
            pages: { name: 'pages-common', chunks: 'async', minChunks: 2, priority: 5, enforce: true },
          },
        });
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

#!/usr/bin/env node
// Builds the console into console/dist with esbuild: one ES-module entry, a chunk per lazily loaded page
// group (the dashboard's chart library loads only there), hashed file names, index.html naming them.
// Fails when the bundle reaches server code (bff/, mock/, Node built-ins): the console gets the form's
// rules from shared and talks to the bff over HTTP only. Prints every file's size, raw and gzip.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const consoleDir = join(here, '..');
const root = join(consoleDir, '..');
const dist = join(consoleDir, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await build({
  entryPoints: { main: join(consoleDir, 'src/main.tsx') },
  outdir: join(dist, 'assets'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  jsx: 'automatic',
  alias: { '@hiring/shared': join(root, 'shared/src/index.ts') },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  absWorkingDir: root,
  logLevel: 'warning',
});

const serverCode = Object.keys(result.metafile.inputs).filter(
  (input) => /^(bff|mock)\//.test(input) || input.startsWith('node:'),
);
if (serverCode.length) {
  console.error(
    `console: the bundle must not contain server code, but it reaches:\n  ${serverCode.join('\n  ')}`,
  );
  process.exit(1);
}

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
// Every lazily loaded page group is an entry point of its own in the metafile: the page's is main.tsx.
const [entry, entryOut] = outputs.find(([, out]) => out.entryPoint === 'console/src/main.tsx') ?? [];
if (!entry) throw new Error('console: the build has no output for src/main.tsx');
const css = entryOut.cssBundle;
const href = (file) => `/${relative(dist, join(root, file)).split('\\').join('/')}`;

writeFileSync(
  join(dist, 'index.html'),
  `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>员工招聘一件事 · 工作人员控制台</title>
${css ? `<link rel="stylesheet" href="${href(css)}">\n` : ''}<script type="module" src="${href(entry)}"></script>
</head>
<body>
<div id="root"><p style="font:16px sans-serif;padding:24px">正在加载工作人员控制台…</p></div>
<noscript>请启用浏览器的 JavaScript 后再使用工作人员控制台。</noscript>
</body>
</html>
`,
);

let rawTotal = 0;
let gzipTotal = 0;
const rows = outputs.map(([file]) => {
  const body = readFileSync(join(root, file));
  const gz = gzipSync(body, { level: 9 }).length;
  rawTotal += body.length;
  gzipTotal += gz;
  return `  ${relative(dist, join(root, file)).padEnd(36)} ${(body.length / 1024).toFixed(1).padStart(7)} KB  gzip ${(gz / 1024).toFixed(1).padStart(6)} KB`;
});
console.log(`console: built into ${relative(root, dist)}/\n${rows.join('\n')}`);
console.log(`  total ${(rawTotal / 1024).toFixed(1)} KB, gzip ${(gzipTotal / 1024).toFixed(1)} KB`);

#!/usr/bin/env node
'use strict';
// `npm run bench`: builds, then runs every package's `bench` script in turn; each prints its own numbers.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (args) => spawnSync('npm', args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (run(['run', 'build', '-w', 'shared', '-w', 'mock', '-w', 'bff']) !== 0) process.exit(1);
let failed = 0;
for (const pkg of ['shared', 'mock', 'bff', 'client']) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, pkg, 'package.json'), 'utf8'));
  if (!manifest.scripts?.bench) continue;
  console.log(`\n===== ${pkg} =====`);
  if (run(['run', 'bench', '-w', pkg]) !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
'use strict';
// `npm test`: all packages' Jest suites plus the cross-package tests in test/, in one Jest run.
// The database and the stand-in servers are started by the suites' own global setups.
// Ends with a plain "N passed, N failed" line that CI reads, and Jest's exit code.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const report = path.join(os.tmpdir(), `jest-report-${process.pid}.json`);
const jest = require.resolve('jest/bin/jest');
const args = [jest, '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
if (process.env.CI) args.push('--ci');

// The cross-package tests run the built bff as real processes (kill -9 tests), so build it first.
const build = spawnSync('npm', ['run', 'build', '-w', 'shared', '-w', 'mock', '-w', 'bff'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.log('\ntests: 0 passed, 1 failed (the build failed, see above)');
  process.exit(1);
}

const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
let summary = null;
try {
  summary = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.unlinkSync(report);
} catch {
  /* Jest crashed before writing its report: its exit code says enough */
}
if (summary) {
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(
    `\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  if (summary.numFailedTestSuites > 0 && summary.numFailedTests === 0) {
    console.log(`(${summary.numFailedTestSuites} test suite(s) failed to run)`);
  }
}
process.exit(result.status ?? 1);

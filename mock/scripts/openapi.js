#!/usr/bin/env node
'use strict';
// Rewrites the generated intake block of mock/openapi.yaml from shared's MATTER_FIELDS (run after
// `npm run build -w shared -w mock`); mock/tests/openapi.test.ts fails while the file is stale.
const fs = require('node:fs');
const path = require('node:path');
const { intakeBlock, withIntakeBlock } = require('../dist/agency/intakeDocument.js');

async function main() {
  const file = path.join(__dirname, '..', 'openapi.yaml');
  fs.writeFileSync(file, withIntakeBlock(fs.readFileSync(file, 'utf8'), intakeBlock()));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

#!/usr/bin/env node
// The console's API types: the staff routes of the bff contract, generated the way the client's are
// (client/scripts/api-types.mjs, which also regenerates or checks this file). `--check` exits 1 when
// src/api/contract.ts is stale (the console build runs it).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_CONTRACT = {
  target: join(dirname(fileURLToPath(import.meta.url)), '../src/api/contract.ts'),
  workspace: 'console',
  keepPath: (path) => path.startsWith('/api/v1/staff/'),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { run } = await import('../../client/scripts/api-types.mjs');
  await run(CONSOLE_CONTRACT);
}

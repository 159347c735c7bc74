#!/usr/bin/env node
// The console's API types: the staff routes of the bff contract, generated the way the client's are
// (client/scripts/api-types.mjs). `--check` exits 1 when src/api/contract.ts is stale (the build runs it).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../client/scripts/api-types.mjs';

await run({
  target: join(dirname(fileURLToPath(import.meta.url)), '../src/api/contract.ts'),
  workspace: 'console',
  keepPath: (path) => path.startsWith('/api/v1/staff/'),
});

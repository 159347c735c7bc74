// The client's and the staff console's API types are one file generated from the bff's contract
// (shared/scripts/api-types.mjs → shared/src/api/contract.ts): a contract change that was not regenerated
// and committed fails here, before a front end is built against stale types.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

it('shared/src/api/contract.ts is what the bff contract generates', () => {
  let output = '';
  try {
    output = execFileSync(process.execPath, [join(root, 'shared/scripts/api-types.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${stdout ?? ''}${stderr ?? ''}`);
  }
  expect(output).toContain('matches the bff contract');
}, 60_000);

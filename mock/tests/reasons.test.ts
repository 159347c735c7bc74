// The stand-ins return only reasons the app knows how to fix (shared's RETURN_REASONS).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RETURN_REASONS } from '@hiring/shared';

const source = (file: string) => readFileSync(join(__dirname, '..', 'src', 'agency', file), 'utf8');

describe('return reason codes', () => {
  it('every code the agency checks and its operator form can produce has a correction in shared', () => {
    const produced = new Set<string>();
    // rules.ts: the automatic checks; app.ts's readReasons: what an operator's return is coded as.
    const app = source('app.ts');
    for (const text of [source('rules.ts'), app.slice(app.indexOf('function readReasons'))]) {
      for (const match of text.matchAll(/(?:add\(\s*|code:\s*)'([A-Z][A-Z_]+)'/g)) produced.add(match[1]);
    }
    expect(produced.size).toBeGreaterThanOrEqual(15);
    const known = new Set(RETURN_REASONS.map((r) => r.code));
    expect([...produced].filter((code) => !known.has(code))).toEqual([]);
  });
});

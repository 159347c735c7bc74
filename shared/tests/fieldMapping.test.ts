import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldMappingMarkdown } from '../src/fieldMapping';

describe('the field-mapping table in the docs', () => {
  it('is the one the declaration prints (npm run docs:fields -w shared rewrites it)', () => {
    const written = readFileSync(join(__dirname, '..', 'FIELD-MAPPING.md'), 'utf8');
    expect(written).toBe(fieldMappingMarkdown());
  });

  it('names every agency field of the declaration', () => {
    const table = fieldMappingMarkdown();
    for (const field of [
      'unit.operatorPhone',
      'employees[].hukouType',
      'employees[].contractPeriod',
      'housingFundRelief',
    ]) {
      expect(table).toContain(`\`${field}\``);
    }
  });
});

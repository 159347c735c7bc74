import * as yup from 'yup';
import { applicationSchemaFor, checkBounds, MATTERS, unboundedParts, type MatterCode } from '../src';

const ALL = MATTERS.map((m) => m.code) as MatterCode[];

describe('checkBounds', () => {
  it('refuses an oversized array before a single element is looked at', () => {
    let looked = 0;
    const schema = yup.object({
      ids: yup.array(yup.string().test('count', 'x', () => (looked += 1) > 0)).max(3),
    });
    const issues = checkBounds(schema, { ids: Array(120_000).fill('x') });
    expect(issues).toEqual([{ path: 'ids', message: 'ids最多 3 项' }]);
    expect(looked).toBe(0);
    expect(checkBounds(schema, { ids: ['a', 'b'] })).toEqual([]);
  });

  it('leaves a few unknown keys to the schema and stops at the first few of many', () => {
    const schema = yup.object({ a: yup.string() }).noUnknown();
    expect(checkBounds(schema, { a: 'x', b: 1 })).toEqual([]);
    const many = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`k${i}`, i]));
    const issues = checkBounds(schema, many);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toBe('不支持的字段：k0、k1、k2 等');
  });

  it('lets an open object carry a few extra fields but not thousands', () => {
    const schema = yup.object({ reasons: yup.array(yup.object({ code: yup.string() })).max(5) });
    expect(checkBounds(schema, { reasons: [{ code: 'a', extra: 1 }], result: {} })).toEqual([]);
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    expect(checkBounds(schema, { reasons: [many] })).toEqual([
      { path: 'reasons[0]', message: 'reasons[0]含有过多字段' },
    ]);
  });

  it('refuses to walk an array schema without a bound (a programming error, not an input one)', () => {
    expect(() => checkBounds(yup.object({ list: yup.array(yup.string()) }), { list: [] })).toThrow(
      /unbounded array schema at list/,
    );
  });
});

it('bounds every array of the form schema, for any set of matters', () => {
  for (let mask = 1; mask < 16; mask++) {
    const matters = ALL.filter((_, i) => mask & (1 << i));
    expect(unboundedParts(applicationSchemaFor(matters))).toEqual([]);
  }
});

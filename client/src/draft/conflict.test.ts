import { mergeDrafts, readable, resolveMerge } from './conflict';

describe('the three-way merge of a draft', () => {
  it('takes what only one side changed and asks about what both changed', () => {
    const base = { matters: ['employment' as const], unit: { name: '甲公司', address: '信州区' } };
    const merge = mergeDrafts(
      base,
      { ...base, unit: { name: '乙公司', address: '信州区' } },
      {
        matters: ['employment' as const, 'housingFund' as const],
        unit: { name: '丙公司', address: '广丰区' },
      },
    );
    expect(merge.questions).toEqual([
      { id: 'unit.name', label: '单位名称', mine: '乙公司', theirs: '丙公司' },
    ]);
    expect(merge.merged.matters).toEqual(['employment', 'housingFund']);
    expect(merge.merged.unit).toEqual({ name: '乙公司', address: '广丰区' });
    expect(resolveMerge(merge, new Set(['unit.name'])).unit).toEqual({ name: '丙公司', address: '广丰区' });
  });

  it('names the hire and shows codes, dates and 无固定期限 as the form does', () => {
    const row = { key: 'a', name: '张三', gender: '1', contract: { start: '2026-01-01', end: '2027-12-31' } };
    const merge = mergeDrafts(
      { employees: [row] },
      { employees: [{ ...row, gender: '2', contract: { start: '2026-01-01', end: null } }] },
      { employees: [{ ...row, gender: '1', contract: { start: '2026-01-01', end: '2028-12-31' } }] },
    );
    // gender changed on one side only; the end date on both.
    expect(merge.questions).toEqual([
      {
        id: 'employee:a.contract.end',
        label: '员工“张三” 劳动合同终止日期',
        mine: '无固定期限',
        theirs: '2028-12-31',
      },
    ]);
    expect(merge.merged.employees?.[0]).toMatchObject({ gender: '2', contract: { end: null } });
  });

  it('asks when one side deleted a hire the other edited', () => {
    const row = { key: 'a', name: '张三', phone: '13700000000' };
    const merge = mergeDrafts(
      { employees: [row] },
      { employees: [] },
      { employees: [{ ...row, phone: '13700000001' }] },
    );
    expect(merge.questions).toEqual([
      { id: 'employee:a', label: '员工“张三”', mine: '已删除', theirs: '已修改' },
    ]);
    expect(resolveMerge(merge, new Set(['employee:a'])).employees).toEqual([
      { ...row, phone: '13700000001' },
    ]);
    expect(resolveMerge(merge, new Set()).employees).toEqual([]);
  });

  it('never shows JSON or internal names', () => {
    expect(readable('unit.countyCode', '361103')).toBe('广丰区');
    expect(readable('insuranceTypes', ['pension', 'medical'])).toBe('养老保险、职工基本医疗保险');
    expect(readable('housingFundRelief', 'defer')).toBe('缓缴');
    expect(readable('unit.name', '')).toBe('（空）');
  });
});

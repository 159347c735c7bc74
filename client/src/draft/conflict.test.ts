import { describeDifferences } from './conflict';

describe('what the conflict dialog lists', () => {
  it('names changed unit fields and matters in Chinese, with both values', () => {
    const diffs = describeDifferences(
      { matters: ['employment'], unit: { name: '甲公司', address: '信州区' } },
      { matters: ['employment', 'housingFund'], unit: { name: '乙公司', address: '信州区' } },
    );
    expect(diffs).toEqual([
      {
        id: 'matters',
        label: '办理事项',
        mine: '用人单位招用人员登记',
        theirs: '用人单位招用人员登记、个人住房公积金账户设立',
      },
      { id: 'unit.name', label: '单位名称', mine: '甲公司', theirs: '乙公司' },
    ]);
  });

  it('points at the hire by name and the field that differs', () => {
    const diffs = describeDifferences(
      { employees: [{ key: 'a', name: '张三', phone: '13800000000' }] },
      { employees: [{ key: 'a', name: '张三', phone: '13900000000' }] },
    );
    expect(diffs).toEqual([
      { id: 'employee:a.phone', label: '员工“张三” 手机号码', mine: '13800000000', theirs: '13900000000' },
    ]);
  });

  it('an empty value reads as （空） and 缓缴 is named', () => {
    const diffs = describeDifferences(
      { housingFundRelief: 'defer', unit: {} },
      { unit: { address: '广丰区' } },
    );
    expect(diffs).toEqual([
      { id: 'housingFundRelief', label: '缓缴/降缴', mine: '缓缴', theirs: '不申请' },
      { id: 'unit.address', label: '单位地址', mine: '（空）', theirs: '广丰区' },
    ]);
  });
});

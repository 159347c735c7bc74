import type { MaterialsInput } from '../src/materials';
import { requiredMaterials, uploadsNeeded } from '../src/materials';

describe('申报材料', () => {
  it('asks a returning unit whose data is all shared to upload nothing', () => {
    const input: MaterialsInput = {
      matters: ['employment', 'housingFund'],
      firstApplication: false,
      employeeCount: 2,
    };
    expect(uploadsNeeded(input)).toEqual([]);
    expect(requiredMaterials(input).map((m) => m.code)).toEqual([
      'jointForm',
      'employmentForm',
      'employeeId',
      'employeeId',
      'operatorId',
    ]);
  });

  it('needs the business licence on a first application and uploads only what shared data lacks', () => {
    const uploads = uploadsNeeded({
      matters: ['socialInsurance'],
      firstApplication: true,
      employeeCount: 3,
      missing: { employeeIndexes: [1], businessLicence: true },
    });
    expect(uploads.map((m) => m.label)).toEqual([
      '第2位员工有效身份证件',
      '营业执照副本（或组织机构代码证、事业单位法人证书、民办非企业单位登记证书副本）',
    ]);
  });

  it('does not generate the 就业登记表 without employment registration', () => {
    const codes = requiredMaterials({
      matters: ['housingFund'],
      firstApplication: false,
      employeeCount: 1,
    }).map((m) => m.code);
    expect(codes).not.toContain('employmentForm');
  });
});

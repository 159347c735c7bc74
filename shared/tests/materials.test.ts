import type { MatterCode } from '../src/codes';
import type { MaterialsInput } from '../src/materials';
import { requiredMaterials, uploadsNeeded } from '../src/materials';

/** A unit applying for `matters` with `employeeCount` hires; a returning unit unless told otherwise. */
const applying = (
  matters: MatterCode[],
  employeeCount: number,
  more: Partial<Pick<MaterialsInput, 'firstApplication' | 'missing'>> = {},
): MaterialsInput => ({ matters, employeeCount, firstApplication: false, ...more });

describe('申报材料', () => {
  it('asks a returning unit whose data is all shared to upload nothing', () => {
    const input = applying(['employment', 'housingFund'], 2);
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
    const uploads = uploadsNeeded(
      applying(['socialInsurance'], 3, {
        firstApplication: true,
        missing: { employeeIndexes: [1], businessLicence: true },
      }),
    );
    expect(uploads.map((m) => m.label)).toEqual([
      '第2位员工有效身份证件',
      '营业执照副本（或组织机构代码证、事业单位法人证书、民办非企业单位登记证书副本）',
    ]);
  });

  it('does not generate the 就业登记表 without employment registration', () => {
    const codes = requiredMaterials(applying(['housingFund'], 1)).map((m) => m.code);
    expect(codes).not.toContain('employmentForm');
  });
});

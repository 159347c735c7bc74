// validateApplication skips yup for clean rows (employeeFastPath.ts): the value it returns must be the
// one yup would have produced, and a row the fast check is unsure of must still get yup's errors.
import { validateApplication } from '../src/validateApplication';
import { applicationSchemaFor } from '../src/schema';
import { resolveRuleConfig } from '../src/ruleConfig';
import type { MatterCode } from '../src/codes';
import { TODAY, application, employee, residentId } from './fixtures';

const MATTER_SETS: MatterCode[][] = [
  ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'],
  ['employment'],
  ['socialInsurance'],
  ['housingFund'],
  ['medicalInsurance', 'housingFund'],
];

const yupValue = (input: ReturnType<typeof application>) =>
  applicationSchemaFor(input.matters).validateSync(input, {
    abortEarly: false,
    stripUnknown: true,
    context: { matters: input.matters, config: resolveRuleConfig(input.unit.applicationDate ?? TODAY) },
  });

describe('the fast path for clean rows', () => {
  it.each(MATTER_SETS)('returns what yup returns (%s and others)', (...matters) => {
    const rows = [
      employee(),
      // untrimmed text, a spaced phone with +86, a lower-case x, an unknown column, unused columns
      employee({
        idNumber: `${residentId('19900101', '133').slice(0, 17).toLowerCase()}${residentId('19900101', '133').slice(17).toLowerCase()}`,
        name: '  张三 ',
        phone: '+86 139-0000-1111',
        remark: '   ',
        birthDate: '1990-01-01',
        key: 'row-2',
        ...({ extra: 'dropped' } as object),
      }),
      employee({
        idNumber: residentId('19850505', '135'),
        remark: ' 备注 ',
        contract: { start: '2025-06-01' },
      }),
    ];
    const input = application({ matters, employees: rows });
    const result = validateApplication(input, { today: TODAY });
    expect(result.value).toEqual(yupValue(input));
  });

  it('lets yup report a row it is not sure of, next to clean ones', () => {
    const input = application({
      employees: [employee(), employee({ idNumber: residentId('19850505', '135'), wage: '4000' as never })],
    });
    const result = validateApplication(input, { today: TODAY });
    expect(result.value).toEqual(yupValue(input));
    const bad = application({
      employees: [employee(), employee({ idNumber: residentId('19850505', '135'), phone: '123' })],
    });
    expect(validateApplication(bad, { today: TODAY }).errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'employees[1].phone:mobile',
    ]);
  });
});

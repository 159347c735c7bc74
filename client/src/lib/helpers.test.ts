import { copyJobFields, fromOcr } from './employeeDefaults';
import { fieldIdFor, locateIssue, validateDraft } from './validation';

describe('review links', () => {
  it('an employee field leads to that hire and the field', () => {
    expect(locateIssue('employees[1].housingFund.unitRatio')).toEqual({
      page: 'employee',
      index: 1,
      fieldId: 'housingFund-unitRatio',
    });
  });
  it('unit fields lead to the unit step, matters to the matters step', () => {
    expect(locateIssue('unit.operator.phone')).toEqual({ page: 'unit', fieldId: 'unit-operator-phone' });
    expect(locateIssue('matters').page).toBe('matters');
    expect(locateIssue('housingFundRelief').page).toBe('matters');
  });
  it('field ids match the ids the inputs use', () => {
    expect(fieldIdFor('contract.start')).toBe('contract-start');
  });
});

describe('adding hires', () => {
  it('copying the previous hire takes the job but not the person', () => {
    const copy = copyJobFields({
      key: 's1',
      name: '张三',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      occupation: '操作工',
      wage: 4000,
      housingFund: { base: 4000, unitRatio: 12, personalRatio: 12 },
    });
    expect(copy).toEqual({
      idType: 'resident',
      occupation: '操作工',
      wage: 4000,
      housingFund: { base: 4000, unitRatio: 12, personalRatio: 12 },
    });
  });

  it('OCR fields become form values: 民族 by name, the ID number upper-cased', () => {
    expect(
      fromOcr({
        idNumber: '11010519491231002x',
        name: '李四',
        ethnicity: '汉',
        gender: '2',
        birthDate: null,
        address: '上饶',
        confidence: {},
        verified: false,
        needsCheck: [],
      }),
    ).toEqual({
      idType: 'resident',
      idNumber: '11010519491231002X',
      name: '李四',
      ethnicity: '01',
      gender: '2',
      hukouAddress: '上饶',
    });
  });
});

it('live validation of a half-filled draft reports missing fields rather than failing', () => {
  const result = validateDraft({ unit: { name: '上饶某公司' } }, '2026-11-26');
  expect(result.ok).toBe(false);
  expect(result.errors.some((e) => e.path === 'unit.uscc')).toBe(true);
  expect(result.errors.some((e) => e.path === 'unit.name')).toBe(false);
});

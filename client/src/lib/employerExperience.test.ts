// Issue 19: what the wizard does for the employer by itself, and the re-scan of an ID card.
import { adjacentStep, stepBarTarget } from '../wizardSteps';
import {
  asAnotherPerson,
  defaultInsuranceTypes,
  employeeAutofill,
  isAnotherPerson,
} from './employeeDefaults';
import { listHires } from './employeeList';
import { FIRST_POLL_MS, MAX_POLL_MS, nextPollDelay } from './pollDelay';
import { countyFromAddress } from './unitDefaults';
import { fieldBinder, fieldIdFor, firstFieldId } from './validation';

describe('re-scanning an ID card on a hire who already has one', () => {
  const row = {
    idType: 'resident' as const,
    idNumber: '36110219900101123X',
    name: '张三',
    phone: '13700000000',
    address: '信州区某小区',
    wage: 4200,
    occupation: '操作工',
  };

  it('is recognised as possibly another person only when the number differs', () => {
    expect(isAnotherPerson(row, { idNumber: '361102199202021234' })).toBe(true);
    expect(isAnotherPerson(row, { idNumber: '36110219900101123x' })).toBe(false);
    expect(isAnotherPerson({ idNumber: '' }, { idNumber: '361102199202021234' })).toBe(false);
  });

  it("clears the previous person's phone and address but keeps the job", () => {
    const scanned = { idType: 'resident' as const, idNumber: '361102199202021234', name: '李四' };
    const updated = { ...row, ...asAnotherPerson(scanned) };
    expect(updated).toMatchObject({
      idNumber: '361102199202021234',
      name: '李四',
      wage: 4200,
      occupation: '操作工',
    });
    expect(updated.phone).toBeUndefined();
    expect(updated.address).toBeUndefined();
  });
});

describe('auto-fill', () => {
  it('月缴存基数 follows 申报工资 until the user types another base', () => {
    expect(employeeAutofill({}, ['housingFund'], { wage: 4200 })).toEqual({ housingFund: { base: 4200 } });
    expect(
      employeeAutofill({ wage: 4200, housingFund: { base: 4200, unitRatio: 10 } }, ['housingFund'], {
        wage: 4500,
      }),
    ).toEqual({
      housingFund: { base: 4500, unitRatio: 10 },
    });
    expect(
      employeeAutofill({ wage: 4200, housingFund: { base: 5000 } }, ['housingFund'], { wage: 4500 }),
    ).toEqual({});
    expect(employeeAutofill({}, ['socialInsurance'], { wage: 4200 })).toEqual({});
  });

  it('参保险种: the usual five for 社保 + 医保, three for 社保 alone', () => {
    expect(defaultInsuranceTypes(['socialInsurance', 'medicalInsurance'])).toEqual([
      'pension',
      'injury',
      'unemployment',
      'medical',
      'maternity',
    ]);
    expect(defaultInsuranceTypes(['socialInsurance'])).toEqual(['pension', 'injury', 'unemployment']);
    expect(defaultInsuranceTypes(['employment'])).toEqual([]);
  });

  it('县（市、区） from the unit address, with or without 区/县/市, and none when ambiguous', () => {
    expect(countyFromAddress('江西省上饶市广丰区永丰街道 8 号')).toBe('361103');
    expect(countyFromAddress('上饶市玉山县冰溪镇')).toBe('361123');
    expect(countyFromAddress('上饶德兴银城街道')).toBe('361181');
    expect(countyFromAddress('南昌市东湖区')).toBeUndefined();
    expect(countyFromAddress('信州区与广丰区交界')).toBeUndefined();
  });
});

describe('the hires list', () => {
  const employees = [
    { key: 'a', name: '张三', idNumber: '361102199001011234' },
    { key: 'b', name: '李四', idNumber: '36110219920202123X' },
    { key: 'c', name: '王五', idNumber: '361103199303031234' },
  ];
  const problems = [0, 2, 0];

  it('finds a hire by name or by part of the ID number, keeping their position', () => {
    expect(listHires(employees, (i) => problems[i], { query: '李' }).map((r) => r.index)).toEqual([1]);
    expect(listHires(employees, (i) => problems[i], { query: '123x' }).map((r) => r.index)).toEqual([1]);
    expect(listHires(employees, (i) => problems[i], { query: '361103' }).map((r) => r.index)).toEqual([2]);
  });

  it('puts the hires still to complete first, otherwise keeps the order of entry', () => {
    expect(listHires(employees, (i) => problems[i], { incompleteFirst: true }).map((r) => r.index)).toEqual([
      1, 0, 2,
    ]);
    expect(listHires(employees, (i) => problems[i], {}).map((r) => r.index)).toEqual([0, 1, 2]);
  });
});

describe('the field binder and the step list', () => {
  const validation = {
    errors: [
      { path: 'employees[1].contract.start', code: 'required', message: '请填写劳动合同起始日期' },
      { path: 'employees[1].phone', code: 'format', message: '手机号码应为 11 位' },
    ],
    warnings: [],
  };

  it('derives the input id from the path once, and holds back empty-field errors until 下一步', () => {
    const bind = fieldBinder(validation, 'employees[1].', false);
    expect(bind('contract.start', undefined)).toEqual({
      id: 'contract-start',
      error: undefined,
      warning: undefined,
    });
    expect(bind('phone', '1380')).toMatchObject({ id: 'phone', error: '手机号码应为 11 位' });
    expect(fieldBinder(validation, 'employees[1].', true)('contract.start', '')).toMatchObject({
      error: '请填写劳动合同起始日期',
    });
    expect(firstFieldId(validation.errors, 'employees[1].')).toBe('contract-start');
    expect(fieldIdFor('unit.operator.phone')).toBe('unit-operator-phone');
  });

  it('上一步/下一步 follow the step list, skipping the single hire', () => {
    expect(adjacentStep('unit', -1)).toBeUndefined();
    expect(adjacentStep('unit', 1)?.step).toBe('matters');
    expect(adjacentStep('employees', 1)).toEqual({ step: 'review', title: '核对提交' });
    expect(adjacentStep('review', 1)).toBeUndefined();
    expect(stepBarTarget('employee')).toBe('employees');
  });
});

describe('the detail page polling', () => {
  it('backs off from 3 s to at most a minute while nothing changes', () => {
    const delays = [FIRST_POLL_MS];
    while (delays.length < 12) delays.push(nextPollDelay(delays[delays.length - 1]));
    expect(delays.slice(0, 4)).toEqual([3000, 4800, 7680, 12288]);
    expect(Math.max(...delays)).toBe(MAX_POLL_MS);
    // Two minutes of an unchanged page cost 6 requests rather than 40 at a fixed 3 s.
    let at = 0;
    let n = 0;
    for (const d of delays) if ((at += d) <= 120_000) n += 1;
    expect(n).toBe(6);
  });
});

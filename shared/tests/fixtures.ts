// Builders for valid test data; tests change one thing and look at what the user would be told.
import type { EmployeeRow, Application } from '../src/application';
import { idCheckChar } from '../src/idNumber';
import { usccCheckChar } from '../src/uscc';

/** A valid resident ID number: 上饶信州 region, the given birth date and sequence (odd = male). */
export function residentId(birth: string, sequence = '123', region = '361102'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${sequence}`;
  return first17 + idCheckChar(first17);
}

export function uscc(first17 = '91361100MA35ABCDE'): string {
  return first17 + usccCheckChar(first17);
}

/** The columns of an employee row that describe the person (the paper form's 基本信息, before the job's). */
export const PERSON_COLUMNS = [
  'idNumber',
  'name',
  'ethnicity',
  'gender',
  'hukouType',
  'hukouAddress',
  'phone',
  'address',
] as const satisfies readonly (keyof EmployeeRow)[];

export function employee(overrides: Partial<EmployeeRow> = {}): EmployeeRow {
  return {
    idType: 'resident',
    idNumber: residentId('1995-03-15', '123'),
    name: '张三',
    ethnicity: '01',
    gender: '1',
    hukouType: '1',
    hukouAddress: '江西省上饶市信州区某路1号',
    phone: '13900001111',
    address: '江西省上饶市信州区某路1号',
    wage: 5000,
    insuredFrom: '2025-06',
    contract: { start: '2025-06-01', end: '2028-05-31' },
    insuranceTypes: ['pension', 'injury', 'unemployment', 'medical', 'maternity'],
    housingFund: { base: 5000, unitRatio: 12, personalRatio: 12 },
    occupation: '操作工',
    education: '61',
    workAddress: '江西省上饶市信州区某路1号',
    ...overrides,
  };
}

export function application(overrides: Partial<Application> = {}): Application {
  return {
    matters: ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'],
    unit: {
      name: '上饶市某某制造有限公司',
      uscc: uscc(),
      applicationDate: '2025-06-10',
      operator: { name: '李四', idNumber: residentId('1988-08-08', '246'), phone: '13800138000' },
      address: '江西省上饶市信州区某路2号',
      countyCode: '361102',
      firstApplication: true,
    },
    housingFundRelief: 'none',
    employees: [employee()],
    ...overrides,
  };
}

export const TODAY = '2025-06-10';

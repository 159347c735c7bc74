// What a real agency checks before it registers anyone, with deterministic outcomes on the synthetic
// population. All reasons are listed at once (一次性告知), each with a stable code for the caller.
import {
  INSURANCE_TYPES,
  insuranceRuleOf,
  labelOf,
  parseContractPeriod,
  parseIdNumber,
  type MatterCode,
} from '@hiring/shared';
import { scenarioOf } from '../population/generate';
import type { CaseBody, CaseEmployee } from './schema';
import { currentUnit, type World } from './world';

export interface Reason {
  code: string;
  message: string;
  employeeIndex?: number;
}

/** 公积金 limits. The ratios are fixed by regulation; base floor/cap are placeholders (docs/domain.md: *config*). */
export const HOUSING_FUND_LIMITS = {
  minRatio: 5,
  maxRatio: 12,
  /** 江西 zone-3 minimum wage, the lowest in 上饶. */
  minBase: 1610,
  /** Placeholder for 3 × last year's average monthly wage until an official figure is configured. */
  maxBase: 28_000,
};

/** Ratios may be sent as percent (12) or as a fraction (0.12): no legal ratio is at or below 1 %. */
export function ratioPercent(value: number): number {
  return value <= 1 ? Math.round(value * 10_000) / 100 : value;
}

export function checkCase(body: CaseBody, world: World, today: string): Reason[] {
  return [...checkUnit(body, world), ...checkEmployees(body, world, today)];
}

function checkUnit(body: CaseBody, world: World): Reason[] {
  const unit = currentUnit(world, body.unit.uscc);
  if (!unit) {
    return [
      { code: 'UNIT_NOT_FOUND', message: '市场监管登记信息中查无该统一社会信用代码，请核对后重新申报' },
    ];
  }
  const reasons: Reason[] = [];
  if (unit.name !== body.unit.name) {
    reasons.push({ code: 'UNIT_NAME_MISMATCH', message: '单位名称与市场监管登记的名称不一致' });
  }
  const givenSi = body.unit.socialInsuranceCode || null;
  if ((body.matter === 'socialInsurance' || body.matter === 'medicalInsurance') && givenSi !== null) {
    if (givenSi !== unit.socialInsuranceCode) {
      reasons.push({
        code: 'UNIT_SOCIAL_INSURANCE_CODE_MISMATCH',
        message: unit.socialInsuranceCode
          ? '社保单位编码与登记信息不一致'
          : '该单位尚未办理社保单位登记，首次申报时无需填写社保单位编码',
      });
    }
  }
  const givenHf = body.unit.housingFundAccount || null;
  if (body.matter === 'housingFund' && givenHf !== null && givenHf !== unit.housingFundAccount) {
    reasons.push({
      code: 'UNIT_HOUSING_FUND_ACCOUNT_MISMATCH',
      message: unit.housingFundAccount
        ? '公积金单位账号与登记信息不一致'
        : '该单位尚未开立公积金单位账户，首次申报时无需填写单位账号',
    });
  }
  return reasons;
}

function checkEmployees(body: CaseBody, world: World, today: string): Reason[] {
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  body.employees.forEach((employee, employeeIndex) => {
    const add = (code: string, message: string) => reasons.push({ code, message, employeeIndex });
    const key = `${employee.idType}:${employee.idNumber.toUpperCase()}`;
    if (seen.has(key)) add('DUPLICATE_EMPLOYEE', '同一人员在本次申报中重复出现');
    seen.add(key);
    if (employee.idType === 'resident') checkResident(employee, body.matter, world, today, add);
    checkMatterFields(employee, body.matter, add);
  });
  return reasons;
}

function checkResident(
  employee: CaseEmployee,
  matter: MatterCode,
  world: World,
  today: string,
  add: (code: string, message: string) => void,
): void {
  const parsed = parseIdNumber(employee.idNumber);
  if (!parsed) {
    add('INVALID_ID_NUMBER', '身份证号码校验不通过');
    return;
  }
  const person = world.population.personById(employee.idNumber);
  if (!person) {
    add('PERSON_NOT_FOUND', '公安人口信息中查无此身份证号码');
  } else {
    if (person.name !== employee.name) add('NAME_MISMATCH', '姓名与公安人口信息登记的姓名不一致');
    if (person.ethnicity !== employee.ethnicity) add('ETHNICITY_MISMATCH', '民族与公安人口信息不一致');
  }
  if (parsed.gender !== employee.gender) add('GENDER_MISMATCH', '性别与身份证号码不一致');
  if (ageOn(parsed.birthDate, today) < 16) add('UNDERAGE', '未满十六周岁，不得招用（《劳动法》第十五条）');
  const scenario = scenarioOf(employee.idNumber);
  if (
    scenario === 'previousInsuranceActive' &&
    (matter === 'socialInsurance' || matter === 'medicalInsurance')
  ) {
    add(
      'PREVIOUS_INSURANCE_ACTIVE',
      matter === 'socialInsurance'
        ? '该人员在原单位的社会保险参保关系尚未停保（停保未办），请原单位办理停保后重新申报'
        : '该人员在原单位的职工医保参保关系尚未停保（停保未办），请原单位办理停保后重新申报',
    );
  }
  if (scenario === 'housingFundNotSealed' && matter === 'housingFund') {
    add('HOUSING_FUND_NOT_SEALED', '该人员在原单位的住房公积金账户尚未封存，请原单位办理封存后重新申报');
  }
}

function checkMatterFields(
  employee: CaseEmployee,
  matter: MatterCode,
  add: (code: string, message: string) => void,
) {
  if (employee.contractPeriod) checkContract(employee.contractPeriod, add);
  const insurance = insuranceRuleOf(matter);
  if (insurance) {
    // Which types register a person is shared's declaration, the same one the form is checked with.
    const types = employee.insuranceTypes ?? [];
    if (!insurance.anyOf.some((type) => types.includes(type))) {
      const names = insurance.anyOf.map((code) => labelOf(INSURANCE_TYPES, code)).join('、');
      add(
        'INSURANCE_TYPES_MISSING',
        matter === 'socialInsurance'
          ? `未选择本机构办理的险种（${names}）`
          : `未选择${names}，其他医疗保险险种不能单独参保`,
      );
    }
  }
  if (matter === 'housingFund' && employee.monthlyBase !== undefined) {
    const base = employee.monthlyBase;
    const { minRatio, maxRatio, minBase, maxBase } = HOUSING_FUND_LIMITS;
    for (const [label, ratio] of [
      ['单位', employee.unitRatio ?? 0],
      ['个人', employee.personalRatio ?? 0],
    ] as const) {
      const percent = ratioPercent(ratio);
      if (percent < minRatio || percent > maxRatio) {
        add(
          'HOUSING_FUND_RATIO_OUT_OF_RANGE',
          `${label}缴存比例 ${percent}% 超出 ${minRatio}%-${maxRatio}% 的范围`,
        );
      }
    }
    if (base < minBase || base > maxBase) {
      add('HOUSING_FUND_BASE_OUT_OF_RANGE', `月缴存基数 ${base} 元超出 ${minBase}-${maxBase} 元的范围`);
    }
  }
}

function checkContract(period: string, add: (code: string, message: string) => void) {
  const contract = parseContractPeriod(period);
  if (!contract) add('CONTRACT_DATES_INVALID', '劳动合同起止时间不是有效日期');
  else if (contract.end && contract.end <= contract.start)
    add('CONTRACT_DATES_INVALID', '劳动合同终止日期必须晚于起始日期');
}

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

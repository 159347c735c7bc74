// What each agency receives from one joint application: only the fields its own matter needs (data
// minimisation: 医保 has no business with a hire's education, 公积金 none with their insurance types), in
// the shape the agency interface takes (mock/src/agency/schema.ts). Figures the validator promised to
// clamp ("将按下限 … 元申报") go out clamped, and the housing fund amounts go out as computed here, so
// every agency works from the numbers the employer was shown.
import type { Application, EmployeeRow, HousingFundRelief } from './application';
import { INSURANCE_TYPES, MATTERS } from './codes';
import type { IdType, InsuranceType, MatterCode } from './codes';
import { housingFundAmounts, housingFundBase, socialInsuranceBase } from './contributions';
import type { IsoDate, IsoMonth } from './dates';
import { isRealDate, todayInChina } from './dates';
import type { RuleConfig } from './ruleConfig';
import { DEFAULT_RULE_CONFIGS, RuleConfigError, resolveRuleConfig } from './ruleConfig';

export interface RoutedUnit {
  uscc: string;
  name: string;
  address: string;
  /** Only to 社保 / 医保, and only when the unit has one. */
  socialInsuranceCode?: string;
  /** Only to 公积金, and only when the unit has one. */
  housingFundAccount?: string;
}

export interface RoutedEmployee {
  /** The draft row's key: the BFF strips it before sending and maps the agency's reasons back with it. */
  key?: string;
  idType: IdType;
  idNumber: string;
  name: string;
  gender: string;
  ethnicity: string;
  phone: string;
  address: string;
  /** employment */
  occupation?: string;
  education?: string;
  workAddress?: string;
  /** employment, and social / medical insurance when given. null end: open-ended (无固定期限). */
  contract?: { start: IsoDate; end: IsoDate | null };
  /** socialInsurance / medicalInsurance: the contribution base after clamping, 元. */
  wage?: number;
  insuredFrom?: IsoMonth;
  /** Only the types the receiving agency handles. */
  insuranceTypes?: InsuranceType[];
  /** housingFund: the clamped base, the ratios in percent and the monthly amounts in 元. */
  housingFund?: {
    base: number;
    unitRatio: number;
    personalRatio: number;
    monthlyUnit: number;
    monthlyPersonal: number;
    monthlyTotal: number;
  };
}

export interface RoutedMatter {
  unit: RoutedUnit;
  employees: RoutedEmployee[];
  /** housingFund only: the unit's 缓缴/降缴 request. */
  housingFundRelief?: HousingFundRelief;
}

export interface RouteOptions {
  /** Used when the application carries no date of its own; default todayInChina(). */
  today?: IsoDate;
  configs?: readonly RuleConfig[];
}

function configFor(application: Application, options: RouteOptions): RuleConfig {
  const configs = options.configs ?? DEFAULT_RULE_CONFIGS;
  const today = options.today ?? todayInChina();
  const date = application.unit.applicationDate;
  try {
    return resolveRuleConfig(date && isRealDate(date) ? date : today, configs);
  } catch (error) {
    if (!(error instanceof RuleConfigError)) throw error;
    return resolveRuleConfig(today, configs);
  }
}

/**
 * One part per chosen matter. Expects a valid application (`validateApplication(...).value`); it does
 * not validate again.
 */
export function routeMatters(
  application: Application,
  options: RouteOptions = {},
): Partial<Record<MatterCode, RoutedMatter>> {
  const config = configFor(application, options);
  const routed: Partial<Record<MatterCode, RoutedMatter>> = {};
  for (const { code: matter } of MATTERS) {
    if (!application.matters.includes(matter)) continue;
    const part: RoutedMatter = {
      unit: unitFor(application, matter),
      employees: application.employees.map((row) => employeeFor(row, matter, config, application)),
    };
    if (matter === 'housingFund') part.housingFundRelief = application.housingFundRelief ?? 'none';
    routed[matter] = part;
  }
  return routed;
}

function unitFor(application: Application, matter: MatterCode): RoutedUnit {
  const { uscc, name, address, socialInsuranceCode, housingFundAccount } = application.unit;
  const unit: RoutedUnit = { uscc, name, address };
  if ((matter === 'socialInsurance' || matter === 'medicalInsurance') && socialInsuranceCode) {
    unit.socialInsuranceCode = socialInsuranceCode;
  }
  if (matter === 'housingFund' && housingFundAccount) unit.housingFundAccount = housingFundAccount;
  return unit;
}

function employeeFor(
  row: EmployeeRow,
  matter: MatterCode,
  config: RuleConfig,
  application: Application,
): RoutedEmployee {
  const employee: RoutedEmployee = {
    idType: row.idType ?? 'resident',
    idNumber: row.idNumber,
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    phone: row.phone,
    address: row.address,
  };
  if (row.key !== undefined) employee.key = row.key;
  const contract = row.contract ? { start: row.contract.start, end: row.contract.end ?? null } : undefined;
  switch (matter) {
    case 'employment':
      employee.occupation = row.occupation;
      employee.education = row.education;
      employee.workAddress = row.workAddress;
      employee.contract = contract;
      break;
    case 'socialInsurance':
    case 'medicalInsurance':
      if (typeof row.wage === 'number') employee.wage = socialInsuranceBase(row.wage, config).base;
      employee.insuredFrom = row.insuredFrom;
      employee.insuranceTypes = (row.insuranceTypes ?? []).filter((code) =>
        INSURANCE_TYPES.some((type) => type.code === code && type.matter === matter),
      );
      if (contract) employee.contract = contract;
      break;
    case 'housingFund':
      if (row.housingFund) {
        const { unitRatio, personalRatio } = row.housingFund;
        const base = housingFundBase(row.housingFund.base, config, application.unit.countyCode).base;
        const amounts = housingFundAmounts(base, unitRatio, personalRatio);
        employee.housingFund = {
          base,
          unitRatio,
          personalRatio,
          monthlyUnit: amounts.unit,
          monthlyPersonal: amounts.personal,
          monthlyTotal: amounts.total,
        };
      }
      break;
  }
  return employee;
}

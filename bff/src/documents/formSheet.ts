// The 联办申请表 as printable text: every value of the stored form in the paper form's notation, one
// array of cells per hire in the order of 附件1's columns. Pure data, so tests can check that no field is
// lost before anything is drawn. Drafts may be incomplete: missing values print as empty cells.
import {
  EDUCATION_LEVELS,
  ETHNICITIES,
  FORM_CHECKBOXES,
  GENDERS,
  HUKOU_TYPES,
  ID_TYPES,
  INSURANCE_TYPES,
  formatContractPeriod,
  formatFormDate,
  formatFormMonth,
  labelOf,
  monthlyAmount,
  type InsuranceType,
  type MatterCode,
} from '@hiring/shared';

/** The form as stored (validated) or as a draft holds it (anything may be missing). */
export interface PrintableForm {
  matters?: readonly string[];
  housingFundRelief?: string;
  unit?: {
    name?: string;
    uscc?: string;
    applicationDate?: string;
    address?: string;
    operator?: { name?: string; idNumber?: string; phone?: string };
    socialInsuranceCode?: string;
    housingFundAccount?: string;
    bank?: { name?: string; accountName?: string; accountNo?: string };
  };
  employees?: readonly Record<string, unknown>[];
}

export interface FormSheet {
  unit: {
    name: string;
    uscc: string;
    /** 申请日期 as printed: 2026 年 12 月 01 日 */
    date: { year: string; month: string; day: string };
    operatorName: string;
    operatorIdNumber: string;
    operatorPhone: string;
    address: string;
    socialInsuranceCode: string;
    housingFundAccount: string;
    bankName: string;
    bankAccountName: string;
    bankAccountNo: string;
  };
  /** The three 办事项目 boxes of the header. */
  checkboxes: { label: string; checked: boolean }[];
  /** 险种 boxes of the 社保、医保 group: ticked when any hire is enrolled in it. */
  insuranceBoxes: { label: string; checked: boolean }[];
  relief: { defer: boolean; reduce: boolean };
  /** 21 cells per hire (columns 1-18 with their sub-boxes), without the 序号. */
  rows: string[][];
}

const CIRCLED = '①②③④⑤⑥⑦⑧';
/** The order the 险种 boxes are printed in on 附件1. */
const INSURANCE_BOX_ORDER: readonly InsuranceType[] = [
  'pension',
  'injury',
  'unemployment',
  'medical',
  'longTermCare',
  'seriousIllness',
  'maternity',
];
const str = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function ethnicityText(code: unknown): string {
  const label = labelOf(ETHNICITIES, str(code));
  if (!label) return str(code);
  // The form writes 汉, not 汉族; 其他 and 外国血统中国籍人士 have no 族.
  return label.endsWith('族') ? label.slice(0, -1) : label;
}

function hukouText(code: unknown): string {
  const label = labelOf(HUKOU_TYPES, str(code));
  return label ? `${CIRCLED[Number(code) - 1]}${label}` : str(code);
}

function safeAmount(base: number | undefined, ratio: number | undefined): number | undefined {
  if (base === undefined || ratio === undefined) return undefined;
  try {
    return monthlyAmount(base, ratio);
  } catch {
    return undefined;
  }
}

function applicationDateParts(date: string | undefined) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return match ? { year: match[1], month: match[2], day: match[3] } : { year: '', month: '', day: '' };
}

export function formSheet(form: PrintableForm, fallbackDate?: string): FormSheet {
  const matters = new Set((form.matters ?? []) as MatterCode[]);
  const social = matters.has('socialInsurance') || matters.has('medicalInsurance');
  const fund = matters.has('housingFund');
  const employment = matters.has('employment');
  const employees = form.employees ?? [];
  const insuranceOf = (e: Record<string, unknown>) =>
    Array.isArray(e.insuranceTypes) ? (e.insuranceTypes as InsuranceType[]) : [];
  const union = new Set(social ? employees.flatMap(insuranceOf) : []);

  const rows = employees.map((e) => {
    const hf = (e.housingFund ?? {}) as Record<string, unknown>;
    const base = num(hf.base);
    const unitRatio = num(hf.unitRatio);
    const personalRatio = num(hf.personalRatio);
    const unitAmount = safeAmount(base, unitRatio);
    const personalAmount = safeAmount(base, personalRatio);
    const contract = e.contract as { start?: string; end?: string | null } | undefined;
    // What the paper form has no column for goes to 备注, so that nothing of the application is lost.
    const notes: string[] = [];
    const idType = str(e.idType);
    if (idType && idType !== 'resident') notes.push(`证件类型：${labelOf(ID_TYPES, idType) ?? idType}`);
    if (str(e.birthDate) && idType && idType !== 'resident')
      notes.push(`出生日期：${formatFormDate(str(e.birthDate))}`);
    const own = insuranceOf(e);
    if (social && own.length > 0 && (own.length !== union.size || own.some((t) => !union.has(t)))) {
      notes.push(`险种：${own.map((t) => labelOf(INSURANCE_TYPES, t) ?? t).join('、')}`);
    }
    if (str(e.remark)) notes.push(str(e.remark));
    return [
      str(e.idNumber),
      str(e.name),
      ethnicityText(e.ethnicity),
      labelOf(GENDERS, str(e.gender)) ?? str(e.gender),
      hukouText(e.hukouType),
      str(e.hukouAddress),
      str(e.phone),
      str(e.address),
      social && num(e.wage) !== undefined ? String(e.wage) : '',
      social && str(e.insuredFrom) ? formatFormMonth(str(e.insuredFrom)) : '',
      social && contract?.start
        ? formatContractPeriod({ start: contract.start, end: contract.end ?? null })
        : '',
      fund && base !== undefined ? String(base) : '',
      fund && unitRatio !== undefined ? `${unitRatio}%` : '',
      fund && personalRatio !== undefined ? `${personalRatio}%` : '',
      fund && unitAmount !== undefined ? String(unitAmount) : '',
      fund && personalAmount !== undefined ? String(personalAmount) : '',
      fund && unitAmount !== undefined && personalAmount !== undefined
        ? String(unitAmount + personalAmount)
        : '',
      employment ? str(e.occupation) : '',
      employment ? (labelOf(EDUCATION_LEVELS, str(e.education)) ?? str(e.education)) : '',
      employment ? str(e.workAddress) : '',
      notes.join('；'),
    ];
  });

  const unit = form.unit ?? {};
  return {
    unit: {
      name: str(unit.name),
      uscc: str(unit.uscc),
      date: applicationDateParts(unit.applicationDate ?? fallbackDate),
      operatorName: str(unit.operator?.name),
      operatorIdNumber: str(unit.operator?.idNumber),
      operatorPhone: str(unit.operator?.phone),
      address: str(unit.address),
      socialInsuranceCode: str(unit.socialInsuranceCode),
      housingFundAccount: str(unit.housingFundAccount),
      bankName: str(unit.bank?.name),
      bankAccountName: str(unit.bank?.accountName),
      bankAccountNo: str(unit.bank?.accountNo),
    },
    checkboxes: FORM_CHECKBOXES.map((box) => ({
      label: box.label,
      checked: box.matters.some((m) => matters.has(m)),
    })),
    insuranceBoxes: INSURANCE_BOX_ORDER.map((code) => ({
      label: labelOf(INSURANCE_TYPES, code) ?? code,
      checked: union.has(code),
    })),
    relief: {
      defer: fund && form.housingFundRelief === 'defer',
      reduce: fund && form.housingFundRelief === 'reduce',
    },
    rows,
  };
}

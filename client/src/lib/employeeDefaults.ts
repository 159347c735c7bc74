// Helpers for adding hires: the job columns that can be copied from the previous hire, and OCR results
// turned into form values.
import {
  ETHNICITIES,
  INSURANCE_TYPES,
  JOB_COLUMNS,
  parseIdNumber,
  type ContractPeriod,
  type EmployeeRow,
  type InsuranceType,
  type MatterCode,
} from '@hiring/shared';
import type { DraftEmployee, OcrResult } from '../api/types';

export function copyJobFields(from: DraftEmployee | undefined): Partial<EmployeeRow> {
  const row: Partial<EmployeeRow> = { idType: 'resident' };
  if (!from) return row;
  for (const field of JOB_COLUMNS) {
    if (from[field] !== undefined)
      (row as Record<string, unknown>)[field] = JSON.parse(JSON.stringify(from[field]));
  }
  return row;
}

/** OCR gives 民族 as a name ("汉"); the form wants the GB 3304 code. */
export function ethnicityCode(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.replace(/族$/, '');
  return (
    ETHNICITIES.find((e) => e.code === name)?.code ??
    ETHNICITIES.find((e) => e.label === `${trimmed}族` || e.label === trimmed)?.code
  );
}

export function genderCode(value: string | undefined): '1' | '2' | undefined {
  if (value === '1' || value === '男') return '1';
  if (value === '2' || value === '女') return '2';
  return undefined;
}

/** Fields recognised from an ID card photo, as a patch for the row. */
export function fromOcr(ocr: OcrResult): Partial<EmployeeRow> {
  const patch: Partial<EmployeeRow> = { idType: 'resident' };
  if (ocr.idNumber) patch.idNumber = ocr.idNumber.toUpperCase();
  if (ocr.name) patch.name = ocr.name;
  const ethnicity = ethnicityCode(ocr.ethnicity ?? undefined);
  if (ethnicity) patch.ethnicity = ethnicity;
  const gender =
    genderCode(ocr.gender ?? undefined) ?? (ocr.idNumber ? parseIdNumber(ocr.idNumber)?.gender : undefined);
  if (gender) patch.gender = gender;
  if (ocr.address) patch.hukouAddress = ocr.address;
  return patch;
}

/** Confidence below this is pointed out to the user before they accept the value. */
export const LOW_CONFIDENCE = 0.85;

/**
 * The contract period is one object, but its two dates are typed one at a time. An end of '' means
 * "fixed term, end not typed yet"; null (or an absent end on a stored period) means 无固定期限, which only
 * the checkbox sets: typing the start date first must not make the contract open-ended.
 */
/** A draft's period: either date may still be missing. */
type DraftContract = Partial<ContractPeriod> | undefined;

export function withContractStart(contract: DraftContract, start: string): ContractPeriod {
  return { start, end: contract ? (contract.end ?? null) : '' };
}

export function withContractEnd(contract: DraftContract, end: string): ContractPeriod {
  return { start: contract?.start ?? '', end };
}

export function withOpenEnded(contract: DraftContract, openEnded: boolean): ContractPeriod {
  return { start: contract?.start ?? '', end: openEnded ? null : '' };
}

export function isOpenEnded(contract: DraftContract): boolean {
  return !!contract && contract.end == null;
}

/** Columns describing the person: cleared when a re-scanned card turns out to be someone else. */
export const PERSON_FIELDS = [
  'idType',
  'idNumber',
  'name',
  'ethnicity',
  'gender',
  'birthDate',
  'hukouType',
  'hukouAddress',
  'phone',
  'address',
  'remark',
] as const satisfies readonly (keyof EmployeeRow)[];

const normalisedId = (id: string | undefined) => (id ?? '').replace(/\s+/g, '').toUpperCase();

/** A scanned card whose number differs from the one already on the row: probably another person. */
export function isAnotherPerson(
  row: { idNumber?: string } | undefined,
  scanned: { idNumber?: string },
): boolean {
  const before = normalisedId(row?.idNumber);
  const now = normalisedId(scanned.idNumber);
  return before !== '' && now !== '' && before !== now;
}

/** The row for a different person: their card's fields, the job kept, the previous person's details cleared. */
export function asAnotherPerson(scanned: Partial<EmployeeRow>): Partial<EmployeeRow> {
  const cleared = Object.fromEntries(PERSON_FIELDS.map((f) => [f, undefined])) as Partial<EmployeeRow>;
  return { ...cleared, ...scanned };
}

/**
 * What the employee step fills in by itself, never over a value the user typed: 月缴存基数 from 申报工资 (the
 * usual base), and 参保险种 from the chosen matters (the usual five for 社保 + 医保). Returns only the changes.
 */
export function employeeAutofill(
  row: { wage?: unknown; housingFund?: object },
  matters: readonly MatterCode[],
  change: Partial<EmployeeRow>,
): Partial<EmployeeRow> {
  const out: Partial<EmployeeRow> = {};
  const wage = change.wage;
  if (wage !== undefined && typeof wage === 'number' && matters.includes('housingFund')) {
    const base = (row.housingFund as { base?: unknown } | undefined)?.base;
    // Follows the wage while the base is empty or still equal to the previous wage.
    if (base === undefined || base === row.wage)
      out.housingFund = { ...row.housingFund, base: wage } as EmployeeRow['housingFund'];
  }
  return out;
}

/** 参保险种 ticked by default for the matters chosen: 养老、工伤、失业 for 社保; 医疗、生育 for 医保. */
export function defaultInsuranceTypes(matters: readonly MatterCode[]): InsuranceType[] {
  return INSURANCE_TYPES.filter((t) => matters.includes(t.matter) && USUAL_INSURANCE.includes(t.code)).map(
    (t) => t.code,
  );
}

const USUAL_INSURANCE: readonly InsuranceType[] = [
  'pension',
  'injury',
  'unemployment',
  'medical',
  'maternity',
];

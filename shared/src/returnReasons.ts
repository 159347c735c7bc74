// Every reason an agency may return a matter for, and the correction the app offers for it (一次性告知
// needs a fix for each): the returned hire's fields, the unit's fields, taking the hire out of that matter
// (the others keep going), or materials. The agency stand-ins produce exactly these codes.
import { FIELD_LABELS } from './application';

export type CorrectionKind =
  /** Correct the named fields of the returned hire (pre-filled with what was sent). */
  | 'employeeFields'
  /** Correct unit-level fields. */
  | 'unitFields'
  /** Nothing the employer can type fixes it now: take the hire out of this matter. */
  | 'dropEmployee'
  /** The agency asks for a document. */
  | 'materials'
  /** No specific reason: every field of the matter may be corrected. */
  | 'any';

export interface ReturnReason {
  code: string;
  label: string;
  fix: CorrectionKind;
  /** Form paths to correct: "unit.name", or a row field such as "housingFund.base". */
  fields: readonly string[];
  /** A hire the reason names may also be taken out of the matter instead of corrected. */
  droppable: boolean;
  /** What the app tells the employer to do. */
  advice: string;
}

const reason = (
  code: string,
  label: string,
  fix: CorrectionKind,
  fields: readonly string[],
  advice: string,
  droppable = fix === 'employeeFields' || fix === 'dropEmployee',
): ReturnReason => ({ code, label, fix, fields, droppable, advice });

export const RETURN_REASONS: readonly ReturnReason[] = [
  reason(
    'UNIT_NOT_FOUND',
    '查无此单位',
    'unitFields',
    ['unit.name'],
    '请核对单位名称；统一社会信用代码有误的，请重新填写申请表申报',
  ),
  reason('UNIT_NAME_MISMATCH', '单位名称不一致', 'unitFields', ['unit.name'], '请按营业执照填写单位名称'),
  reason(
    'UNIT_SOCIAL_INSURANCE_CODE_MISMATCH',
    '单位编码（社保）不一致',
    'unitFields',
    ['unit.socialInsuranceCode'],
    '请核对单位编码（社保）；首次办理社保登记的单位请清空',
  ),
  reason(
    'UNIT_HOUSING_FUND_ACCOUNT_MISMATCH',
    '单位账号（公积金）不一致',
    'unitFields',
    ['unit.housingFundAccount'],
    '请核对单位账号（公积金）；首次办理公积金缴存登记的单位请清空',
  ),
  reason('DUPLICATE_EMPLOYEE', '人员重复', 'dropEmployee', [], '请将重复的人员移出本事项'),
  reason('INVALID_ID_NUMBER', '身份证号码有误', 'employeeFields', ['idNumber'], '请核对身份证号码'),
  reason('PERSON_NOT_FOUND', '查无此人', 'employeeFields', ['idNumber', 'name'], '请核对身份证号码和姓名'),
  reason('NAME_MISMATCH', '姓名不一致', 'employeeFields', ['name'], '请按身份证填写姓名'),
  reason('ETHNICITY_MISMATCH', '民族不一致', 'employeeFields', ['ethnicity'], '请按身份证填写民族'),
  reason('GENDER_MISMATCH', '性别不一致', 'employeeFields', ['gender', 'idNumber'], '请核对性别和身份证号码'),
  reason('UNDERAGE', '未满十六周岁', 'dropEmployee', [], '依法不得招用，请将该人员移出本事项'),
  reason(
    'PREVIOUS_INSURANCE_ACTIVE',
    '原单位未停保',
    'dropEmployee',
    [],
    '请原单位办理停保；本次可先将该人员移出本事项，其他人员照常办理',
  ),
  reason(
    'HOUSING_FUND_NOT_SEALED',
    '原单位公积金未封存',
    'dropEmployee',
    [],
    '请原单位办理封存；本次可先将该人员移出本事项，其他人员照常办理',
  ),
  reason(
    'INSURANCE_TYPES_MISSING',
    '险种未选',
    'employeeFields',
    ['insuranceTypes'],
    '请补选本部门办理的险种',
  ),
  reason(
    'HOUSING_FUND_RATIO_OUT_OF_RANGE',
    '缴存比例超出范围',
    'employeeFields',
    ['housingFund.unitRatio', 'housingFund.personalRatio'],
    '请将缴存比例调整到规定范围内',
  ),
  reason(
    'HOUSING_FUND_BASE_OUT_OF_RANGE',
    '月缴存基数超出范围',
    'employeeFields',
    ['housingFund.base'],
    '请将月缴存基数调整到规定范围内',
  ),
  reason(
    'CONTRACT_DATES_INVALID',
    '劳动合同期限有误',
    'employeeFields',
    ['contract'],
    '请核对劳动合同起止时间',
  ),
  reason('MATERIALS_MISSING', '材料不全', 'materials', [], '请按退回原因补充材料后重新提交', false),
  reason('OPERATOR_RETURNED', '窗口退回', 'any', [], '请按退回原因修改后重新提交', true),
  reason('RETURNED', '退回', 'any', [], '请按退回原因修改后重新提交', true),
];

/** The correction for a code; an unknown code (a new agency reason) lets the employer correct anything. */
export function returnReasonOf(code: string | null | undefined): ReturnReason {
  return (
    RETURN_REASONS.find((item) => item.code === code) ?? {
      ...RETURN_REASONS.find((item) => item.code === 'RETURNED')!,
      code: code ?? 'RETURNED',
    }
  );
}

/** "姓名、民族": the fields a reason asks to correct, in words. */
export function correctionFieldsLabel(item: ReturnReason): string {
  return item.fields.map((field) => FIELD_LABELS[field] ?? field).join('、');
}

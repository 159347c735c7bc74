// 申报材料 (docs/domain.md §2, 办事指南 三): what an application needs, and who provides each item. Most come
// from the system itself ("系统自动获取"); the employer uploads only what shared government data lacks.
import type { MatterCode } from './codes';

export type MaterialSource = 'generated' | 'sharedData' | 'upload';

export interface MaterialItem {
  code: 'jointForm' | 'employmentForm' | 'employeeId' | 'operatorId' | 'businessLicence';
  label: string;
  source: MaterialSource;
  /** For an employee's ID card: which row. */
  employeeIndex?: number;
  copies?: number;
}

export interface MaterialsInput {
  matters: readonly MatterCode[];
  firstApplication: boolean;
  employeeCount: number;
  /** What shared data could not supply; each of these must be uploaded. */
  missing?: { employeeIndexes?: readonly number[]; operatorId?: boolean; businessLicence?: boolean };
}

export const MATERIAL_SOURCE_LABELS: Readonly<Record<MaterialSource, string>> = {
  generated: '系统生成',
  sharedData: '系统自动获取',
  upload: '需上传',
};

export function requiredMaterials(input: MaterialsInput): MaterialItem[] {
  const missing = input.missing ?? {};
  const items: MaterialItem[] = [
    { code: 'jointForm', label: '“员工招聘一件事”联办申请表（一式两份）', source: 'generated', copies: 2 },
  ];
  if (input.matters.includes('employment')) {
    items.push({ code: 'employmentForm', label: '用人单位招用人员就业登记表', source: 'generated' });
  }
  const missingRows = new Set(missing.employeeIndexes ?? []);
  for (let index = 0; index < input.employeeCount; index++) {
    items.push({
      code: 'employeeId',
      label: `第${index + 1}位员工有效身份证件`,
      source: missingRows.has(index) ? 'upload' : 'sharedData',
      employeeIndex: index,
    });
  }
  items.push({
    code: 'operatorId',
    label: '单位经办人有效身份证件',
    source: missing.operatorId ? 'upload' : 'sharedData',
  });
  if (input.firstApplication) {
    items.push({
      code: 'businessLicence',
      label: '营业执照副本（或组织机构代码证、事业单位法人证书、民办非企业单位登记证书副本）',
      source: missing.businessLicence ? 'upload' : 'sharedData',
    });
  }
  return items;
}

/** Only what the employer has to upload. */
export function uploadsNeeded(input: MaterialsInput): MaterialItem[] {
  return requiredMaterials(input).filter((item) => item.source === 'upload');
}

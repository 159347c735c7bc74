// Reference code lists with their Chinese labels (docs/domain.md §2-3).
export interface CodeItem<C extends string = string> {
  code: C;
  label: string;
}

const ETHNICITY_NAMES = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];

/** GB 3304: 01-56 with 族, plus 97 其他 and 98 外国血统中国籍人士. */
export const ETHNICITIES: readonly CodeItem[] = [
  ...ETHNICITY_NAMES.map((name, i) => ({ code: String(i + 1).padStart(2, '0'), label: `${name}族` })),
  { code: '97', label: '其他' },
  { code: '98', label: '外国血统中国籍人士' },
];

/** GB/T 4658 education levels used on the form. */
export const EDUCATION_LEVELS: readonly CodeItem[] = [
  { code: '11', label: '博士研究生' },
  { code: '14', label: '硕士研究生' },
  { code: '21', label: '大学本科' },
  { code: '31', label: '大学专科' },
  { code: '41', label: '中等专科' },
  { code: '44', label: '职业高中' },
  { code: '47', label: '技工学校' },
  { code: '61', label: '普通高中' },
  { code: '71', label: '初中' },
  { code: '81', label: '小学' },
  { code: '90', label: '其他' },
];

export type HukouType = '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8';

/** 户口性质 ①-⑧ from the form. 7 港澳台 and 8 外籍 hires have no mainland ID number. */
export const HUKOU_TYPES: readonly CodeItem<HukouType>[] = [
  { code: '1', label: '市区非农业' },
  { code: '2', label: '市区农业' },
  { code: '3', label: '省内非农业' },
  { code: '4', label: '省内农业' },
  { code: '5', label: '省外非农业' },
  { code: '6', label: '省外农业' },
  { code: '7', label: '港澳台' },
  { code: '8', label: '外籍' },
];

export type InsuranceType =
  'pension' | 'injury' | 'unemployment' | 'medical' | 'maternity' | 'longTermCare' | 'seriousIllness';

/** 险种, with the agency that handles each: 人社 (socialInsurance) or 医保 (medicalInsurance). */
export const INSURANCE_TYPES: readonly (CodeItem<InsuranceType> & {
  matter: 'socialInsurance' | 'medicalInsurance';
})[] = [
  { code: 'pension', label: '养老保险', matter: 'socialInsurance' },
  { code: 'injury', label: '工伤保险', matter: 'socialInsurance' },
  { code: 'unemployment', label: '失业保险', matter: 'socialInsurance' },
  { code: 'medical', label: '职工基本医疗保险', matter: 'medicalInsurance' },
  { code: 'maternity', label: '生育保险', matter: 'medicalInsurance' },
  { code: 'longTermCare', label: '长期护理保险', matter: 'medicalInsurance' },
  { code: 'seriousIllness', label: '大病补充医疗保险', matter: 'medicalInsurance' },
];

export type IdType = 'resident' | 'hmtResidence' | 'hmtPermit' | 'foreignPermanent' | 'passport';

export const ID_TYPES: readonly CodeItem<IdType>[] = [
  { code: 'resident', label: '居民身份证' },
  { code: 'hmtResidence', label: '港澳台居民居住证' },
  { code: 'hmtPermit', label: '港澳台居民来往内地通行证' },
  { code: 'foreignPermanent', label: '外国人永久居留身份证' },
  { code: 'passport', label: '护照' },
];

export type GenderCode = '1' | '2';

export const GENDERS: readonly CodeItem<GenderCode>[] = [
  { code: '1', label: '男' },
  { code: '2', label: '女' },
];

/**
 * The code list each coded column of a hire's row takes its values from: the schema, the agencies' field
 * declarations, the paper form's columns and the console's selects all look a column's list up here.
 */
export const ROW_CODE_LISTS = {
  idType: ID_TYPES,
  ethnicity: ETHNICITIES,
  gender: GENDERS,
  hukouType: HUKOU_TYPES,
  education: EDUCATION_LEVELS,
  insuranceTypes: INSURANCE_TYPES,
} as const;

/** The four matters of the joint application, in the form's order. */
export const MATTER_CODES = ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const;
export type MatterCode = (typeof MATTER_CODES)[number];

/** The three agencies that handle them: 人社局, 医保局, 住房公积金管理中心. */
export const AGENCY_IDS = ['hrss', 'medicalSecurity', 'housingFund'] as const;
export type AgencyId = (typeof AGENCY_IDS)[number];

/** The four matters, their agencies and time limits (docs/domain.md §1). */
export const MATTERS: readonly (CodeItem<MatterCode> & {
  agency: AgencyId;
  agencyLabel: string;
  /** 0 = 即办 (instant); otherwise the number of working days. */
  workingDays: number;
})[] = [
  {
    code: 'employment',
    label: '用人单位招用人员登记',
    agency: 'hrss',
    agencyLabel: '人社局',
    workingDays: 0,
  },
  {
    code: 'socialInsurance',
    label: '社会保险企业职工参保登记及社会保险费申报',
    agency: 'hrss',
    agencyLabel: '人社局',
    workingDays: 0,
  },
  {
    code: 'medicalInsurance',
    label: '基本医疗保险职工参保登记',
    agency: 'medicalSecurity',
    agencyLabel: '医保局',
    workingDays: 3,
  },
  {
    code: 'housingFund',
    label: '个人住房公积金账户设立',
    agency: 'housingFund',
    agencyLabel: '住房公积金管理中心',
    workingDays: 3,
  },
];

/** A time limit as the plan words it (即办 / 3 个工作日内办结): on the receipt, the progress page and the notices. */
export function timeLimitLabel(workingDays: number): string {
  return workingDays === 0 ? '即办' : `${workingDays} 个工作日内办结`;
}

/** One matter's entry in MATTERS: its agency, labels and time limit. */
export function matterSpec(matter: MatterCode): (typeof MATTERS)[number] {
  const spec = MATTERS.find((m) => m.code === matter);
  if (!spec) throw new RangeError(`未知事项：${matter}`);
  return spec;
}

/** The time limit of a matter, worded. */
export function matterTimeLimit(matter: MatterCode): string {
  return timeLimitLabel(matterSpec(matter).workingDays);
}

/** The codes of a code list, e.g. for a schema's oneOf. */
export function codesOf<C extends string>(list: readonly CodeItem<C>[]): C[] {
  return list.map((item) => item.code);
}

export function labelOf<C extends string>(list: readonly CodeItem<C>[], code: string): string | undefined {
  return list.find((item) => item.code === code)?.label;
}

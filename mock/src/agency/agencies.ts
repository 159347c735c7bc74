import type { MatterCode } from '@hiring/shared';

export type AgencyId = 'hrss' | 'medicalSecurity' | 'housingFund';

export interface AgencySpec {
  id: AgencyId;
  name: string;
  shortName: string;
  matters: readonly MatterCode[];
  /** 即办: decided in the POST response; otherwise queued for review within `workingDays`. */
  instant: boolean;
  workingDays: number;
  casePrefix: string;
}

export const AGENCIES: Record<AgencyId, AgencySpec> = {
  hrss: {
    id: 'hrss',
    name: '上饶市人力资源和社会保障局',
    shortName: '人社局',
    matters: ['employment', 'socialInsurance'],
    instant: true,
    workingDays: 0,
    casePrefix: 'RS',
  },
  medicalSecurity: {
    id: 'medicalSecurity',
    name: '上饶市医疗保障局',
    shortName: '医保局',
    matters: ['medicalInsurance'],
    instant: false,
    workingDays: 3,
    casePrefix: 'YB',
  },
  housingFund: {
    id: 'housingFund',
    name: '上饶市住房公积金管理中心',
    shortName: '公积金中心',
    matters: ['housingFund'],
    instant: false,
    workingDays: 3,
    casePrefix: 'GJJ',
  },
};

export const MATTER_LABELS: Record<MatterCode, string> = {
  employment: '用人单位招用人员登记',
  socialInsurance: '社会保险企业职工参保登记及社会保险费申报',
  medicalInsurance: '基本医疗保险职工参保登记',
  housingFund: '个人住房公积金账户设立',
};

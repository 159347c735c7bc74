// The three agency stand-ins: which matters each handles and its time limit come from shared's MATTERS
// (docs/domain.md §1); only what a real agency adds (its full name, its case-number prefix) is here.
import { MATTERS, type AgencyId, type MatterCode } from '@hiring/shared';

export type { AgencyId };

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

function agency(id: AgencyId, name: string, casePrefix: string): AgencySpec {
  const handled = MATTERS.filter((m) => m.agency === id);
  const workingDays = Math.max(...handled.map((m) => m.workingDays));
  return {
    id,
    name,
    shortName: handled[0].agencyLabel,
    matters: handled.map((m) => m.code),
    instant: workingDays === 0,
    workingDays,
    casePrefix,
  };
}

export const AGENCIES: Record<AgencyId, AgencySpec> = {
  hrss: agency('hrss', '上饶市人力资源和社会保障局', 'RS'),
  medicalSecurity: agency('medicalSecurity', '上饶市医疗保障局', 'YB'),
  housingFund: agency('housingFund', '上饶市住房公积金管理中心', 'GJJ'),
};

export const MATTER_LABELS = Object.fromEntries(MATTERS.map((m) => [m.code, m.label])) as Record<
  MatterCode,
  string
>;

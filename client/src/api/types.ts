// Response shapes of the bff (bff/API.md). The application itself is shared's Application.
import type { Application, EmployeeRow, HousingFundRelief, MatterCode, UnitPart } from '@hiring/shared';

export interface Issue {
  path: string;
  code?: string;
  message: string;
}

export type DraftEmployee = Partial<EmployeeRow> & { key: string };

/** shared's Application while it is being filled in: any part may be missing. */
export interface DraftApplication {
  matters?: MatterCode[];
  unit?: Partial<UnitPart>;
  employees?: DraftEmployee[];
  housingFundRelief?: HousingFundRelief;
}

export interface Draft {
  id: string;
  version: number;
  application: DraftApplication;
  createdAt: string;
  updatedAt: string;
}

export interface DraftSummary {
  id: string;
  version: number;
  unitName?: string;
  employeeCount: number;
  matters: MatterCode[];
  updatedAt: string;
}

export type MatterStatus = 'pending' | 'accepted' | 'reviewing' | 'completed' | 'returned';

export interface MatterProgress {
  matter: MatterCode;
  label: string;
  agencyLabel: string;
  status: MatterStatus;
  statusLabel: string;
  dueDate?: string;
  overdue?: boolean;
  reasons: { code: string; message: string; employeeKey?: string }[];
  timeline: { at: string; status: string; statusLabel: string; note?: string }[];
}

export interface SubmittedApplication {
  id: string;
  code: string;
  queryPassword?: string;
  status: 'processing' | 'completed' | 'returned';
  statusLabel: string;
  submittedAt: string;
  unitName: string;
  employees: { key: string; name: string; idNumber: string }[];
  matters: MatterProgress[];
  reliefDeadline?: string;
}

export interface ApplicationSummary {
  id: string;
  code: string;
  unitName: string;
  employeeCount: number;
  status: SubmittedApplication['status'];
  statusLabel: string;
  submittedAt: string;
}

export interface Notice {
  id: string;
  title: string;
  body: string;
  applicationId?: string;
  createdAt: string;
  read: boolean;
}

export interface UnitLookup {
  uscc: string;
  name: string;
  address?: string;
  legalRepresentative?: string;
  socialInsuranceCode?: string;
  housingFundAccount?: string;
}

export interface OcrResult {
  idNumber?: string;
  name?: string;
  gender?: string;
  ethnicity?: string;
  birthDate?: string;
  address?: string;
  confidence: Record<string, number>;
  verified?: boolean;
}

export interface Session {
  token: string;
  expiresAt: string;
  account: { id: string; platform: string };
}

export type { Application };

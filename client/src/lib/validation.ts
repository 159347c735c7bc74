// Live validation on the device with the same rules the bff applies (@hiring/shared).
import {
  describePath,
  todayInChina,
  validateApplication,
  type ApplicationValidation,
  type Issue,
} from '@hiring/shared';
import { useMemo } from 'react';
import type { DraftApplication } from '../api/types';
import { fieldIdFor } from './fieldIds';

export { fieldIdFor };

export type { Issue };

/** Fills what a half-finished draft lacks so the validator reports missing fields rather than a missing object. */
function complete(app: DraftApplication): unknown {
  return {
    matters: app.matters ?? [],
    unit: app.unit ?? {},
    employees: (app.employees ?? []).map(({ key: _key, ...row }) => row),
    housingFundRelief: app.housingFundRelief ?? 'none',
  };
}

/** The 经办人's name and ID number are the verified account holder's (the bff sets them): never the user's to fix. */
const FROM_IDENTITY = new Set(['unit.operator.name', 'unit.operator.idNumber']);
export const setByIdentity = (path: string) => FROM_IDENTITY.has(path);

export function validateDraft(app: DraftApplication, today: string = todayInChina()): ApplicationValidation {
  const result = validateApplication(complete(app), { today });
  const keep = (issue: Issue) => !FROM_IDENTITY.has(issue.path);
  const errors = result.errors.filter(keep);
  return { ...result, ok: errors.length === 0, errors, warnings: result.warnings.filter(keep) };
}

export function useValidation(app: DraftApplication | undefined): ApplicationValidation | undefined {
  return useMemo(() => (app ? validateDraft(app) : undefined), [app]);
}

/** First message for exactly this path (or a sub-path such as contract.start under contract). */
export function messageAt(issues: readonly Issue[] | undefined, path: string): string | undefined {
  return issues?.find(
    (i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`),
  )?.message;
}

export function issuesUnder(issues: readonly Issue[] | undefined, prefix: string): Issue[] {
  return (issues ?? []).filter(
    (i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`),
  );
}

export { describePath };

/** Where an issue is fixed: the wizard page and the field id on it. */
export function locateIssue(path: string): {
  page: 'unit' | 'matters' | 'employee' | 'employees';
  index?: number;
  fieldId: string;
} {
  if (path.startsWith('unit.')) return { page: 'unit', fieldId: fieldIdFor(path) };
  if (path === 'matters' || path.startsWith('housingFundRelief'))
    return { page: 'matters', fieldId: fieldIdFor(path) };
  const row = /^employees\[(\d+)\]\.?(.*)$/.exec(path);
  if (row && row[2]) return { page: 'employee', index: Number(row[1]), fieldId: fieldIdFor(row[2]) };
  if (row) return { page: 'employees', index: Number(row[1]), fieldId: `employee-${row[1]}` };
  return { page: 'employees', fieldId: 'employees' };
}

const filled = (value: unknown) =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/** What an input needs from validation: its DOM id (from its path), its error and its warning. */
export interface BoundField {
  id: string;
  error?: string;
  warning?: string;
}

/**
 * Binds inputs to validation by their path relative to `prefix` (e.g. "phone" under "employees[1]."): the
 * id is fieldIdFor(path), the messages those at prefix + path. Empty fields are only flagged once `showAll`
 * (after 下一步), so a new form is not a wall of red.
 */
export function fieldBinder(
  validation: Pick<ApplicationValidation, 'errors' | 'warnings'> | undefined,
  prefix: string,
  showAll: boolean,
): (path: string, value: unknown) => BoundField {
  return (path, value) => ({
    id: fieldIdFor(path),
    error: showAll || filled(value) ? messageAt(validation?.errors, prefix + path) : undefined,
    warning: messageAt(validation?.warnings, prefix + path),
  });
}

/** The DOM id of the first issue's input, on a page whose ids are relative to `prefix`. */
export function firstFieldId(issues: readonly Issue[], prefix: string): string | undefined {
  const first = issues[0];
  if (!first) return undefined;
  return fieldIdFor(first.path.startsWith(prefix) ? first.path.slice(prefix.length) : first.path);
}

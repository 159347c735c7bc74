// What differs between the copy on this device and the one on the server, in words the user can judge.
import { FIELD_LABELS, labelOf, MATTERS } from '@hiring/shared';
import type { DraftApplication, DraftEmployee } from '../api/types';

export interface Difference {
  /** Stable id for the row, e.g. "unit.name" or "employee:<key>.phone". */
  id: string;
  label: string;
  mine: string;
  theirs: string;
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '（空）';
  if (Array.isArray(value)) return value.length ? value.join('、') : '（空）';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function employeeName(e: DraftEmployee | undefined, index: number): string {
  return e?.name ? `员工“${e.name}”` : `第${index + 1}位员工`;
}

export function describeDifferences(mine: DraftApplication, theirs: DraftApplication): Difference[] {
  const out: Difference[] = [];
  const matterLabels = (m?: string[]) => (m ?? []).map((code) => labelOf(MATTERS, code) ?? code);
  if (!same([...(mine.matters ?? [])].sort(), [...(theirs.matters ?? [])].sort())) {
    out.push({
      id: 'matters',
      label: '办理事项',
      mine: show(matterLabels(mine.matters)),
      theirs: show(matterLabels(theirs.matters)),
    });
  }
  if ((mine.housingFundRelief ?? 'none') !== (theirs.housingFundRelief ?? 'none')) {
    const relief = (r?: string) => ({ defer: '缓缴', reduce: '降缴' })[r ?? ''] ?? '不申请';
    out.push({
      id: 'housingFundRelief',
      label: '缓缴/降缴',
      mine: relief(mine.housingFundRelief),
      theirs: relief(theirs.housingFundRelief),
    });
  }
  const unitKeys = new Set([...Object.keys(mine.unit ?? {}), ...Object.keys(theirs.unit ?? {})]);
  for (const key of unitKeys) {
    const a = (mine.unit as Record<string, unknown> | undefined)?.[key];
    const b = (theirs.unit as Record<string, unknown> | undefined)?.[key];
    if (!same(a, b)) {
      out.push({
        id: `unit.${key}`,
        label: FIELD_LABELS[`unit.${key}`] ?? key,
        mine: show(a),
        theirs: show(b),
      });
    }
  }
  const mineEmployees = mine.employees ?? [];
  const theirEmployees = theirs.employees ?? [];
  mineEmployees.forEach((e, i) => {
    const other = theirEmployees.find((t) => t.key === e.key);
    if (!other) {
      out.push({ id: `employee:${e.key}`, label: employeeName(e, i), mine: '已添加', theirs: '无此员工' });
      return;
    }
    const keys = new Set([...Object.keys(e), ...Object.keys(other)].filter((k) => k !== 'key'));
    for (const key of keys) {
      const a = (e as Record<string, unknown>)[key];
      const b = (other as Record<string, unknown>)[key];
      if (!same(a, b)) {
        out.push({
          id: `employee:${e.key}.${key}`,
          label: `${employeeName(e, i)} ${FIELD_LABELS[key] ?? key}`,
          mine: show(a),
          theirs: show(b),
        });
      }
    }
  });
  theirEmployees.forEach((t, i) => {
    if (!mineEmployees.some((e) => e.key === t.key)) {
      out.push({ id: `employee:${t.key}`, label: employeeName(t, i), mine: '无此员工', theirs: '已添加' });
    }
  });
  return out;
}

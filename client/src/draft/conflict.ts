// A field-level three-way merge of the device's copy (mine) with the server's (theirs), against the version
// both started from (base): what only one side changed is kept without asking; only fields both changed
// differently are asked, with their Chinese labels and readable values.
import {
  EDUCATION_LEVELS,
  ETHNICITIES,
  FIELD_LABELS,
  GENDERS,
  HUKOU_TYPES,
  ID_TYPES,
  INSURANCE_TYPES,
  labelOf,
  MATTERS,
  SHANGRAO_COUNTIES,
} from '@hiring/shared';
import type { DraftApplication, DraftEmployee } from '../api/types';

/** One field both sides changed: the user picks which value to keep. */
export interface Question {
  /** Stable id for the row, e.g. "unit.bank.name" or "employee:<key>.phone". */
  id: string;
  label: string;
  mine: string;
  theirs: string;
}

export interface Merge {
  /** Everything that needs no question, with this device's value where a question is open. */
  merged: DraftApplication;
  questions: Question[];
  /** The value each question's "theirs" answer puts in place, by question id. */
  theirValues: Record<string, unknown>;
}

type Flat = Map<string, unknown>;

const RELIEF: Record<string, string> = { none: '不申请', defer: '缓缴', reduce: '降缴' };

const CODE_LISTS: Record<string, readonly { code: string; label: string }[]> = {
  idType: ID_TYPES,
  ethnicity: ETHNICITIES,
  gender: GENDERS,
  hukouType: HUKOU_TYPES,
  education: EDUCATION_LEVELS,
};

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length);

/** Absent, '' and [] are the same "not filled"; null is not (a contract end of null is 无固定期限). */
function same(a: unknown, b: unknown): boolean {
  const blank = (v: unknown) => v === undefined || v === '' || (Array.isArray(v) && !v.length);
  if (blank(a) && blank(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as the user reads it on the form, never JSON or a code. */
export function readable(field: string, value: unknown): string {
  if (field === 'contract.end' && value === null) return '无固定期限';
  if (isEmpty(value)) return '（空）';
  if (field === 'matters')
    return (value as string[]).map((code) => labelOf(MATTERS, code) ?? code).join('、');
  if (field === 'housingFundRelief') return RELIEF[String(value)] ?? String(value);
  if (field === 'unit.countyCode') return SHANGRAO_COUNTIES[String(value)] ?? String(value);
  if (field === 'insuranceTypes')
    return (value as string[]).map((code) => labelOf(INSURANCE_TYPES, code) ?? code).join('、');
  const list = CODE_LISTS[field];
  if (list) return labelOf(list, String(value)) ?? String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.join('、');
  return String(value);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function flattenInto(out: Flat, prefix: string, value: unknown): void {
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) flattenInto(out, prefix ? `${prefix}.${k}` : k, v);
  } else out.set(prefix, value);
}

function employeeFields(e: DraftEmployee | undefined): Flat {
  const out: Flat = new Map();
  if (!e) return out;
  const { key: _key, ...row } = e;
  flattenInto(out, '', row);
  return out;
}

function draftFields(app: DraftApplication): Flat {
  const out: Flat = new Map();
  out.set('matters', [...(app.matters ?? [])].sort());
  out.set('housingFundRelief', app.housingFundRelief ?? 'none');
  flattenInto(out, 'unit', app.unit ?? {});
  return out;
}

function unflatten(flat: Flat): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of flat) {
    if (value === undefined) continue;
    const parts = path.split('.');
    let at = out;
    for (const part of parts.slice(0, -1)) {
      at[part] = isPlainObject(at[part]) ? at[part] : {};
      at = at[part] as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

function employeeName(e: DraftEmployee | undefined, index: number): string {
  return e?.name ? `员工“${e.name}”` : `第${index + 1}位员工`;
}

/**
 * Merges field by field. Without a base (a device copy saved before bases were kept), every difference is
 * asked.
 */
export function mergeDrafts(
  base: DraftApplication | undefined,
  mine: DraftApplication,
  theirs: DraftApplication,
): Merge {
  const questions: Question[] = [];
  const theirValues: Record<string, unknown> = {};

  /** The merged value of one field, or mine with a question when both sides changed it. */
  const pick = (
    id: string,
    field: string,
    label: string,
    b: unknown,
    m: unknown,
    t: unknown,
    known: boolean,
  ): unknown => {
    if (same(m, t)) return m;
    if (known && same(m, b)) return t;
    if (known && same(t, b)) return m;
    questions.push({ id, label, mine: readable(field, m), theirs: readable(field, t) });
    theirValues[id] = t;
    return m;
  };

  const known = base !== undefined;
  const b = draftFields(base ?? {});
  const m = draftFields(mine);
  const t = draftFields(theirs);
  const top: Flat = new Map();
  for (const path of new Set([...m.keys(), ...t.keys(), ...b.keys()])) {
    const label = FIELD_LABELS[path] ?? (path === 'housingFundRelief' ? '缓缴/降缴' : '单位信息');
    top.set(path, pick(path, path, label, b.get(path), m.get(path), t.get(path), known));
  }
  const merged = unflatten(top) as DraftApplication;
  // The matter list in the order this device had it, with theirs added at the end.
  const matterSet = new Set((top.get('matters') as string[] | undefined) ?? []);
  merged.matters = [
    ...(mine.matters ?? []).filter((x) => matterSet.has(x)),
    ...[...matterSet].filter((x) => !(mine.matters ?? []).includes(x as never)),
  ] as DraftApplication['matters'];
  merged.housingFundRelief = (top.get('housingFundRelief') ??
    'none') as DraftApplication['housingFundRelief'];
  merged.unit = (merged.unit ?? {}) as DraftApplication['unit'];

  // Hires by key: this device's order, then the ones added on the other device.
  const byKey = (list?: DraftEmployee[]) => new Map((list ?? []).map((e) => [e.key, e]));
  const baseRows = byKey(base?.employees);
  const mineRows = byKey(mine.employees);
  const theirRows = byKey(theirs.employees);
  const order = [...mineRows.keys(), ...[...theirRows.keys()].filter((k) => !mineRows.has(k))];
  const employees: DraftEmployee[] = [];
  order.forEach((key, index) => {
    const be = baseRows.get(key);
    const me = mineRows.get(key);
    const te = theirRows.get(key);
    const name = employeeName(me ?? te, index);
    const changed = (e: DraftEmployee | undefined) => {
      if (!known || !be) return true;
      const now = employeeFields(e);
      const before = employeeFields(be);
      return [...new Set([...now.keys(), ...before.keys()])].some((f) => !same(now.get(f), before.get(f)));
    };
    if (!me || !te) {
      const present = (me ?? te)!;
      // Added on one side, or deleted on one side while the other left the hire alone.
      const addedHere = !be;
      if (addedHere || !changed(present)) {
        if (addedHere) employees.push(present);
        return;
      }
      const id = `employee:${key}`;
      questions.push({
        id,
        label: name,
        mine: me ? '已修改' : '已删除',
        theirs: te ? '已修改' : '已删除',
      });
      theirValues[id] = te ?? null;
      if (me) employees.push(me);
      return;
    }
    const bf = employeeFields(be);
    const mf = employeeFields(me);
    const tf = employeeFields(te);
    const row: Flat = new Map();
    for (const field of new Set([...mf.keys(), ...tf.keys(), ...bf.keys()])) {
      const label = `${name} ${FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.')[0]] ?? field}`;
      row.set(
        field,
        pick(
          `employee:${key}.${field}`,
          field,
          label,
          bf.get(field),
          mf.get(field),
          tf.get(field),
          known && !!be,
        ),
      );
    }
    employees.push({ ...(unflatten(row) as Omit<DraftEmployee, 'key'>), key } as DraftEmployee);
  });
  merged.employees = employees;
  return { merged, questions, theirValues };
}

/** The merge with the user's answers applied: `useTheirs` holds the ids answered "其他设备". */
export function resolveMerge(merge: Merge, useTheirs: ReadonlySet<string>): DraftApplication {
  const app: DraftApplication = JSON.parse(JSON.stringify(merge.merged));
  for (const q of merge.questions) {
    if (!useTheirs.has(q.id)) continue;
    const value = merge.theirValues[q.id];
    const row = /^employee:([^.]+)(?:\.(.+))?$/.exec(q.id);
    if (row) {
      const [, key, field] = row;
      const employees = app.employees ?? [];
      const at = employees.findIndex((e) => e.key === key);
      if (!field) {
        if (value === null) app.employees = employees.filter((e) => e.key !== key);
        else if (at >= 0) employees[at] = value as DraftEmployee;
        else app.employees = [...employees, value as DraftEmployee];
        continue;
      }
      if (at >= 0) setPath(employees[at] as unknown as Record<string, unknown>, field, value);
      continue;
    }
    if (q.id === 'matters') app.matters = value as DraftApplication['matters'];
    else if (q.id === 'housingFundRelief')
      app.housingFundRelief = value as DraftApplication['housingFundRelief'];
    else setPath(app as Record<string, unknown>, q.id, value);
  }
  return app;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = target;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(at[part])) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
}

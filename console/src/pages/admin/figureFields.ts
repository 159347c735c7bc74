// The figure values as form fields: every leaf of a kind's value (but the county table, carried over as it
// is), labelled in Chinese, typed as number or text like the value in force.
import { SHANGRAO_COUNTIES } from '@hiring/shared';

const KEY_LABELS: Record<string, string> = {
  zones: '',
  '1': '一类地区（元/月）',
  '2': '二类地区（元/月）',
  '3': '三类地区（元/月）',
  defaultZone: '未列明县区按第几类',
  floor: '下限（元/月）',
  cap: '上限（元/月）',
  minPercent: '最低比例（%）',
  maxPercent: '最高比例（%）',
  male: '男职工',
  femaleCadre: '女干部',
  femaleWorker: '女工人',
  baseYears: '原法定退休年龄（岁）',
  firstDelayedBirth: '开始延迟的出生年月（YYYY-MM）',
  birthMonthsPerExtraMonth: '每多少个出生月延迟 1 个月',
  maxExtraMonths: '最多延迟（月）',
};

export interface FigureField {
  path: string;
  label: string;
  numeric: boolean;
}

type Value = Record<string, unknown>;

export function fieldsOf(value: Value, prefix = ''): FigureField[] {
  return Object.entries(value).flatMap(([key, v]) => {
    if (key === 'counties') return [];
    const path = prefix ? `${prefix}.${key}` : key;
    if (v && typeof v === 'object') return fieldsOf(v as Value, path);
    const label = path
      .split('.')
      .map((k) => KEY_LABELS[k] ?? k)
      .filter(Boolean)
      .join(' · ');
    return [{ path, label, numeric: typeof v === 'number' }];
  });
}

export const readPath = (value: Value, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Value | undefined)?.[k], value);

export function withPath(value: Value, path: string, next: unknown): Value {
  const [head, ...rest] = path.split('.');
  return {
    ...value,
    [head]: rest.length ? withPath((value[head] as Value) ?? {}, rest.join('.'), next) : next,
  };
}

/** A period's value in one line, e.g. "下限 4,200，上限 21,000"; per category for the retirement ages. */
export function describeValue(value: Value): string {
  const short = (label: string) => label.replace(/（[^）]*）/g, '');
  const leaves = (v: Value, prefix = '') =>
    fieldsOf(v, prefix).map((f) => {
      const x = readPath(value, f.path);
      const label = short(KEY_LABELS[f.path.split('.').pop()!] ?? f.path);
      return `${label} ${typeof x === 'number' ? x.toLocaleString('zh-CN') : String(x)}`;
    });
  const parts = Object.entries(value).flatMap(([key, v]) => {
    if (key === 'counties') return [`县区分类 ${Object.keys(v as Value).length} 个`];
    if (v && typeof v === 'object' && key !== 'zones')
      return [`${KEY_LABELS[key] ?? key}：${leaves(v as Value, key).join('，')}`];
    return [leaves({ [key]: v }).join('，')];
  });
  return parts.join('；');
}

export const countyLabel = (code: string) => SHANGRAO_COUNTIES[code] ?? code;

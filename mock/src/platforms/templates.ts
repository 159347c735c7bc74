// Subscription message templates and WeChat's value rules per keyword type (thing ≤ 20 chars, phrase ≤ 5 …).

export interface Template {
  id: string;
  title: string;
  keys: string[];
}

/** Templates both platform stand-ins know from the start; more can be registered through /_admin/templates. */
export const DEFAULT_TEMPLATES: readonly Template[] = [
  {
    id: 'mock_tpl_case_result',
    title: '办件结果通知',
    keys: ['character_string1', 'thing2', 'phrase3', 'time4', 'thing5'],
  },
  {
    id: 'mock_tpl_case_returned',
    title: '办件退回通知',
    keys: ['character_string1', 'thing2', 'thing3', 'time4'],
  },
  {
    id: 'mock_tpl_case_progress',
    title: '办件进度通知',
    keys: ['character_string1', 'thing2', 'phrase3', 'time4'],
  },
];

const RULES: [prefix: string, test: (value: string) => boolean, rule: string][] = [
  ['character_string', (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v), '32 位以内数字、字母或符号'],
  ['thing', (v) => [...v].length <= 20, '20 个以内字符'],
  ['number', (v) => v.length <= 32 && /^\d+(\.\d+)?$/.test(v), '32 位以内数字'],
  ['letter', (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v), '32 位以内字母'],
  ['symbol', (v) => v.length <= 5 && /^[^\w\s]+$/.test(v), '5 位以内符号'],
  [
    'time',
    (v) => /^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?$|^\d{1,2}:\d{2}(:\d{2})?$/.test(v),
    '时间格式',
  ],
  ['date', (v) => /^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?$/.test(v), '日期格式'],
  ['amount', (v) => /^[¥￥]?\d{1,10}(\.\d{1,2})?元?$/.test(v), '金额格式'],
  ['phone_number', (v) => v.length <= 17 && /^[\d+\-() ]+$/.test(v), '17 位以内电话号码'],
  ['car_number', (v) => [...v].length <= 8, '8 位以内车牌号'],
  ['name', (v) => [...v].length <= 20, '姓名 10 个以内汉字或 20 个以内字母'],
  ['phrase', (v) => [...v].length <= 5 && /^[\u4e00-\u9fa5]+$/.test(v), '5 个以内汉字'],
];

/** Returns WeChat's 47003 message for the first bad value, or null when the data fits the template. */
export function checkTemplateData(template: Template, data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'argument invalid! data is empty';
  const entries = data as Record<string, unknown>;
  for (const key of template.keys) {
    const item = entries[key];
    const value = item && typeof item === 'object' ? (item as { value?: unknown }).value : undefined;
    if (typeof value !== 'string' || value === '') return `argument invalid! data.${key}.value is empty`;
    const rule = RULES.find(([prefix]) => key.replace(/\d+$/, '') === prefix);
    if (rule && !rule[1](value)) return `argument invalid! data.${key}.value invalid (${rule[2]})`;
  }
  for (const key of Object.keys(entries)) {
    if (!template.keys.includes(key)) return `argument invalid! data.${key} not in template`;
  }
  return null;
}

/** Remaining one-time subscription consents per (user, template). */
export class Consents {
  private readonly counts = new Map<string, number>();

  grant(user: string, templateId: string, count: number): number {
    const key = `${user}|${templateId}`;
    const total = (this.counts.get(key) ?? 0) + count;
    this.counts.set(key, total);
    return total;
  }

  /** Uses one consent; false when none is left. */
  take(user: string, templateId: string): boolean {
    const key = `${user}|${templateId}`;
    const left = this.counts.get(key) ?? 0;
    if (left <= 0) return false;
    this.counts.set(key, left - 1);
    return true;
  }

  remaining(user: string, templateId: string): number {
    return this.counts.get(`${user}|${templateId}`) ?? 0;
  }

  clear(): void {
    this.counts.clear();
  }
}

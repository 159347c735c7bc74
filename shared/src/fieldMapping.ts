// The field-mapping table (form field → matter → agency field) printed from the declaration, so the docs
// cannot drift from what is sent: shared/FIELD-MAPPING.md is this output, checked by a test and rewritten
// with `npm run docs:fields -w shared`.
import { MATTERS } from './codes';
import { MATTER_FIELDS, type WireFormat } from './matterFields';

const FORMAT_WORDS: Record<WireFormat, string> = {
  text: '文本',
  code: '代码/编号',
  codes: '代码列表',
  formDate: 'YYYY.MM.DD',
  formMonth: 'YYYY.MM',
  contractPeriod: 'YYYY.MM.DD—YYYY.MM.DD（无固定期限：YYYY.MM.DD—无固定期限）',
  yuan: '元，按所填金额（不套上下限）',
  percent: '百分数（12 即 12%）',
  firstWithout: '布尔：该编码未填写即为首次办理',
};

export function fieldMappingMarkdown(): string {
  const forms: string[] = [];
  const rows = new Map<string, { label: string; cells: Map<string, string> }>();
  for (const { code } of MATTERS) {
    for (const field of MATTER_FIELDS[code].fields) {
      const id = `${field.form} ${field.format}`;
      if (!rows.has(id)) {
        forms.push(id);
        rows.set(id, { label: field.label, cells: new Map() });
      }
      const codes = field.anyOf ? `；至少含 ${field.anyOf.join('/')}` : '';
      const format = `${FORMAT_WORDS[field.format]}${field.codes && field.format === 'codes' ? `：${field.codes.join('/')}` : ''}${codes}`;
      rows.get(id)!.cells.set(code, `\`${field.agency}\`${field.required ? '（必填）' : ''}<br>${format}`);
    }
  }
  const head = ['表单字段', '表单路径', ...MATTERS.map((m) => `${m.label}（${m.agencyLabel}）`)];
  const lines = [
    '# 表单字段 → 事项 → 部门字段',
    '',
    '由 `shared/src/matterFields.ts` 的逐事项声明生成（`npm run docs:fields -w shared`），勿手改：',
    '共享校验（每个事项必填哪些栏目）、发往各部门的报文和部门替身的收件校验都由同一声明导出。',
    '日期、月份和合同期限用纸质申请表的写法；户口性质用填表说明 2 的代码 1-8（①-⑧），民族 GB 3304，学历 GB/T 4658。',
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
  ];
  for (const id of forms) {
    const row = rows.get(id)!;
    const form = id.split(' ')[0];
    const cells = MATTERS.map((m) => row.cells.get(m.code) ?? '—');
    lines.push(`| ${row.label} | \`${form}\` | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

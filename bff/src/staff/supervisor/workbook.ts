// The supervision figures as an .xlsx for 政务服务管理局's reports: one sheet of figures per matter, the
// overdue matters (capped: the sheet says when more exist), returns by reason, ratings and a day-by-day
// sheet. Only what the dashboard shows: unit names and 办件编码, no personal data. Written with exceljs's
// streaming writer, rows committed as they come and the event loop handed back every few milliseconds,
// so a long overdue list does not hold up other requests while its XML is made.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { timeSlicer } from '../../http/eventLoop';
import type { Figures } from './figures';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const days = (n: number | null) => (n === null ? '—' : n);

/** A sheet whose rows are committed (written out) as they are added. */
function sheetOf(
  book: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: { header: string; width: number }[],
) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const checkpoint = timeSlicer();
  return {
    async add(values: unknown[], bold = false) {
      const row = sheet.addRow(values);
      if (bold) row.font = { bold: true };
      row.commit();
      await checkpoint();
    },
    commit: () => sheet.commit(),
  };
}

export async function figuresWorkbook(
  figures: Figures,
  meta: { exportedBy: string; exportedAt: Date },
): Promise<{ buffer: Buffer; overdueRows: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  book.creator = '员工招聘一件事';
  book.created = meta.exportedAt;
  const { period, totals } = figures;

  const summary = sheetOf(book, '概况', [
    { header: '项目', width: 28 },
    { header: '数值', width: 40 },
  ]);
  for (const row of [
    ['统计期间', `${period.from} 至 ${period.to}（按提交日期）`],
    ['区县', period.countyLabel],
    ['统计日期', period.today],
    ['申请件数', totals.applications],
    ['事项数', totals.matters],
    ['已办结事项', totals.completed],
    ['办理中事项', totals.open],
    ['退回待补正事项', totals.returned],
    ['超期未办结事项', totals.overdueOpen],
    ['其中部门尚未受理', totals.neverAcceptedOverdue],
    ['超期办结事项', totals.completedLate],
    ['退回次数', figures.returns.total],
    ['评价数', figures.ratings.count],
    ['平均评分', figures.ratings.average ?? '—'],
    ['导出人', meta.exportedBy],
    ['导出时间', meta.exportedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })],
  ])
    await summary.add(row);
  await summary.add([]);
  await summary.add(['办理时限', '事项数（占比）'], true);
  for (const limit of figures.timeLimits)
    await summary.add([limit.label, `${limit.matters}（${(limit.share * 100).toFixed(1)}%）`]);
  summary.commit();

  const matters = sheetOf(book, '分事项', [
    { header: '事项', width: 36 },
    { header: '部门', width: 20 },
    { header: '时限', width: 16 },
    { header: '事项数', width: 10 },
    { header: '已办结', width: 10 },
    { header: '办理中', width: 10 },
    { header: '超期未办结', width: 12 },
    { header: '超期办结', width: 10 },
    { header: '用时中位数（工作日）', width: 20 },
    { header: '用时90%分位（工作日）', width: 22 },
  ]);
  for (const m of figures.matters)
    await matters.add([
      m.label,
      m.agencyLabel,
      m.timeLimit,
      m.total,
      m.completed,
      m.open,
      m.overdueOpen,
      m.completedLate,
      days(m.medianWorkingDays),
      days(m.p90WorkingDays),
    ]);
  matters.commit();

  const overdue = sheetOf(book, '超期事项', [
    { header: '办件编码', width: 24 },
    { header: '单位', width: 30 },
    { header: '区县', width: 10 },
    { header: '事项', width: 34 },
    { header: '部门', width: 18 },
    { header: '状态', width: 14 },
    { header: '计时起点', width: 12 },
    { header: '办理期限', width: 12 },
    { header: '超期起始', width: 12 },
    { header: '超期工作日', width: 12 },
    { header: '办结日期', width: 12 },
  ]);
  for (const o of figures.overdue.items)
    await overdue.add([
      o.code,
      o.unitName,
      o.countyLabel,
      o.label,
      o.agencyLabel,
      o.open ? o.statusLabel : '超期办结',
      o.startedOn,
      o.dueDate,
      o.overdueSince,
      o.workingDaysOver,
      o.completedOn ?? '未办结',
    ]);
  if (figures.overdue.total > figures.overdue.items.length) {
    await overdue.add([]);
    await overdue.add([
      `共 ${figures.overdue.total} 项超期，本表按超期工作日从多到少列出前 ${figures.overdue.items.length} 项；请缩短期间或按区县分别导出`,
    ]);
  }
  overdue.commit();

  const returns = sheetOf(book, '退回原因', [
    { header: '退回原因', width: 30 },
    { header: '次数', width: 10 },
  ]);
  for (const r of figures.returns.reasons) await returns.add([r.label, r.count]);
  returns.commit();

  const ratings = sheetOf(book, '好差评', [
    { header: '评分', width: 10 },
    { header: '件数', width: 10 },
  ]);
  for (const d of figures.ratings.distribution) await ratings.add([`${d.score} 分（${d.label}）`, d.count]);
  await ratings.add([]);
  const { good, neutral, bad } = figures.ratings.grades;
  await ratings.add(['好评', good]);
  await ratings.add(['中评', neutral]);
  await ratings.add(['差评', bad]);
  ratings.commit();

  const perDay = sheetOf(book, '每日', [
    { header: '日期', width: 14 },
    { header: '申请件数', width: 10 },
    { header: '事项数', width: 10 },
  ]);
  for (const d of figures.perDay) await perDay.add([d.date, d.applications, d.matters]);
  perDay.commit();

  await book.commit();
  return { buffer: Buffer.concat(chunks), overdueRows: figures.overdue.items.length };
}

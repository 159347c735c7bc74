// The 联办申请表 as a PDF laid out like 附件1: A4 landscape, the header (单位名称, 统一社会信用代码, the
// three 办事项目 boxes, 申请日期), the numbered columns with their sub-boxes (险种, 缓缴/降缴), one row per
// hire continued on further pages under a repeated header, the footer (经办人, 单位地址, 单位编码, 单位账号,
// 开户行, 户名, 账号) on every page and the 填表说明 at the end, twice: 受理经办机构留存 and 申请单位留存.
// Every page carries the 办件编码 and a QR code that opens the status lookup. Black on white only.
import { formSheet, type FormSheet, type PrintableForm } from './formSheet';
import { FORM_COPIES, FORM_INSTRUCTIONS, FORM_TITLE } from './formText';
import type { BoxStyle, Painter } from './painter';
import { lineHeightOf } from './painter';
import { newPdf, watermark } from './pdfDocument';
import { yieldToEventLoop } from '../http/eventLoop';

const PAGE_W = 841.89;
const PAGE_H = 595.28;
const MARGIN = 24;
const CONTENT_W = PAGE_W - 2 * MARGIN;

/** Leaf column widths (序号 + 21 data cells), scaled to the page. */
const RAW_WIDTHS = [16, 74, 34, 22, 16, 30, 63, 46, 63, 32, 30, 50, 30, 19, 19, 24, 24, 26, 36, 30, 58, 52];
const SCALE = CONTENT_W / RAW_WIDTHS.reduce((a, b) => a + b, 0);
const WIDTHS = RAW_WIDTHS.map((w) => w * SCALE);
const COL_X = WIDTHS.reduce<number[]>((xs, w, i) => [...xs, xs[i] + w], [MARGIN]);

const HEADER_ROWS = [13, 30, 13, 11, 10];
const HEADER_Y = HEADER_ROWS.reduce<number[]>((ys, h, i) => [...ys, ys[i] + h], [0]);
const HEADER_H = HEADER_Y[HEADER_Y.length - 1];
const TABLE_TOP = 82;
const BODY_TOP = TABLE_TOP + HEADER_H;
const FOOTER_TOP = PAGE_H - MARGIN - 34;
const BODY_BOTTOM = FOOTER_TOP - 6;
const ROW_MIN = 20;

const CELL: BoxStyle = { size: 6.5, minSize: 4.5, align: 'center', padding: 1.5 };
const HEAD: BoxStyle = { size: 6.5, minSize: 5, align: 'center', padding: 1 };

type HeaderCell = { c: [number, number]; r: [number, number]; text?: string; kind?: 'insurance' | 'relief' };

const span = (
  c0: number,
  c1: number,
  r0: number,
  r1: number,
  text?: string,
  kind?: HeaderCell['kind'],
): HeaderCell => ({
  c: [c0, c1],
  r: [r0, r1],
  text,
  kind,
});

const HEADER_CELLS: HeaderCell[] = [
  span(0, 0, 0, 3, '序号'),
  ...['身份证号码', '姓名', '民族', '性别', '户口性质', '户籍地址', '手机号码', '通讯地址'].map((t, i) =>
    span(i + 1, i + 1, 0, 3, t),
  ),
  span(9, 11, 0, 0, '社保、医保账户设立'),
  span(9, 11, 1, 1, undefined, 'insurance'),
  span(9, 9, 2, 3, '申报工资（元/月）'),
  span(10, 10, 2, 3, '本次参保时间'),
  span(11, 11, 2, 3, '劳动合同起止时间'),
  span(12, 17, 0, 0, '公积金账户设立'),
  span(12, 17, 1, 1, undefined, 'relief'),
  span(12, 12, 2, 3, '月缴存基数（元）'),
  span(13, 14, 2, 2, '缴存比例'),
  span(13, 13, 3, 3, '单位'),
  span(14, 14, 3, 3, '个人'),
  span(15, 17, 2, 2, '月缴存额（元）'),
  span(15, 15, 3, 3, '单位'),
  span(16, 16, 3, 3, '个人'),
  span(17, 17, 3, 3, '合计'),
  span(18, 20, 0, 0, '招聘信息发布'),
  span(18, 18, 1, 3, '职业\n（工种）'),
  span(19, 19, 1, 3, '学历'),
  span(20, 20, 1, 3, '工作地址'),
  span(21, 21, 0, 3, '备注'),
  // The row of column numbers, as printed on the city's form (1-18; 12-14 span their sub-boxes).
  span(0, 0, 4, 4, ''),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => span(n, n, 4, 4, String(n))),
  span(13, 14, 4, 4, '13'),
  span(15, 17, 4, 4, '14'),
  span(18, 18, 4, 4, '15'),
  span(19, 19, 4, 4, '16'),
  span(20, 20, 4, 4, '17'),
  span(21, 21, 4, 4, '18'),
];

export interface FormPdfInput {
  form: PrintableForm;
  /** 办件编码; absent for a draft. */
  code?: string;
  /** Where the QR code leads (the status lookup with the code filled in); absent for a draft. */
  lookupUrl?: string;
  draft?: boolean;
  /** 申请日期 when the form has none (the submission day). */
  fallbackDate?: string;
}

export interface FormPdf {
  pdf: Buffer;
  pages: number;
  pagesPerCopy: number;
}

interface PagePlan {
  rows: number[];
  instructions: boolean;
}

function rowHeights(painter: Painter, sheet: FormSheet): number[] {
  return sheet.rows.map((cells) =>
    Math.max(
      ROW_MIN,
      ...cells.map((text, i) => (text ? painter.heightOf(text, WIDTHS[i + 1], CELL, ROW_MIN) : 0)),
    ),
  );
}

function instructionsHeight(painter: Painter): number {
  const lines = FORM_INSTRUCTIONS.reduce((n, p) => n + painter.wrap(p, CONTENT_W, 7).length, 0);
  return 16 + lines * lineHeightOf(7) + 4;
}

/** Which rows go on which page of one copy, and where the 填表说明 fits. */
function planPages(heights: number[], instructions: number): PagePlan[] {
  const pages: PagePlan[] = [{ rows: [], instructions: false }];
  let y = BODY_TOP;
  heights.forEach((h, i) => {
    const room = Math.min(h, BODY_BOTTOM - BODY_TOP);
    if (y + room > BODY_BOTTOM && pages[pages.length - 1].rows.length > 0) {
      pages.push({ rows: [], instructions: false });
      y = BODY_TOP;
    }
    pages[pages.length - 1].rows.push(i);
    y += room;
  });
  if (heights.length === 0) y = BODY_TOP + ROW_MIN * 3;
  if (y + 6 + instructions <= BODY_BOTTOM) pages[pages.length - 1].instructions = true;
  else pages.push({ rows: [], instructions: true });
  return pages;
}

function drawTop(p: Painter, sheet: FormSheet, input: FormPdfInput, copy: string, page: string): void {
  const right = PAGE_W - MARGIN;
  const qrSize = 54;
  if (input.lookupUrl) p.qr(right - qrSize, 8, qrSize, input.lookupUrl);
  const blockRight = input.lookupUrl ? right - qrSize - 4 : right;
  p.text(MARGIN + 300, 12, copy, { size: 9, bold: true, align: 'right', width: blockRight - MARGIN - 300 });
  p.text(MARGIN + 300, 25, input.code ? `办件编码：${input.code}` : '草稿：尚未提交，无办件编码', {
    size: 8,
    align: 'right',
    width: blockRight - MARGIN - 300,
  });
  p.text(MARGIN + 300, 37, input.lookupUrl ? `扫码查询办理进度 · ${page}` : page, {
    size: 6.5,
    align: 'right',
    width: blockRight - MARGIN - 300,
  });
  p.text(MARGIN, 12, '附件1', { size: 8 });
  p.text(MARGIN, 26, FORM_TITLE, { size: 15, bold: true, align: 'center', width: CONTENT_W });

  const u = sheet.unit;
  p.text(MARGIN, 50, `单位名称（盖章）：${u.name}`, { size: 8 });
  p.text(MARGIN + 430, 50, `统一社会信用代码：${u.uscc}`, { size: 8 });
  p.text(MARGIN, 66, '办事项目：', { size: 8 });
  let x = MARGIN + p.width('办事项目：', 8) + 2;
  for (const box of sheet.checkboxes) x = p.option(x, 66, box.label, box.checked, 8) + 10;
  const date = `申请日期：${u.date.year || '    '} 年 ${u.date.month || '  '} 月 ${u.date.day || '  '} 日`;
  p.text(MARGIN, 66, date, { size: 8, align: 'right', width: CONTENT_W });
}

function drawHeader(p: Painter, sheet: FormSheet): void {
  for (const cell of HEADER_CELLS) {
    const x = COL_X[cell.c[0]];
    const w = COL_X[cell.c[1] + 1] - x;
    const y = TABLE_TOP + HEADER_Y[cell.r[0]];
    const h = HEADER_Y[cell.r[1] + 1] - HEADER_Y[cell.r[0]];
    p.rect(x, y, w, h);
    if (cell.kind === 'insurance') {
      const boxes = sheet.insuranceBoxes;
      [boxes.slice(0, 3), boxes.slice(3, 5), boxes.slice(5)].forEach((line, i) => {
        let bx = x + 3;
        for (const b of line) bx = p.option(bx, y + 2.5 + i * 9, b.label, b.checked, 5.5);
      });
    } else if (cell.kind === 'relief') {
      const bx = p.option(x + w / 2 - 40, y + h / 2 - 4, '缓缴', sheet.relief.defer, 7.5);
      p.option(bx + 6, y + h / 2 - 4, '降缴', sheet.relief.reduce, 7.5);
    } else if (cell.text) {
      p.box(x, y, w, h, cell.text, cell.r[0] === 4 ? { ...HEAD, size: 6 } : HEAD);
    }
  }
}

function drawRow(p: Painter, y: number, h: number, seq: number, cells: string[]): void {
  p.rect(COL_X[0], y, WIDTHS[0], h);
  p.box(COL_X[0], y, WIDTHS[0], h, String(seq), CELL);
  cells.forEach((text, i) => {
    p.rect(COL_X[i + 1], y, WIDTHS[i + 1], h);
    p.box(COL_X[i + 1], y, WIDTHS[i + 1], h, text, CELL);
  });
}

function drawFooter(p: Painter, sheet: FormSheet): void {
  const u = sheet.unit;
  const y = FOOTER_TOP;
  const fit = (x: number, w: number, text: string, top: number) =>
    p.box(x, top, w, 12, text, { size: 7.5, minSize: 5, align: 'left', padding: 0, valign: 'middle' });
  fit(MARGIN, 190, `单位经办人（签章）：${u.operatorName}`, y);
  fit(MARGIN + 195, 190, `单位经办人身份证号：${u.operatorIdNumber}`, y);
  fit(MARGIN + 390, 130, `联系电话：${u.operatorPhone}`, y);
  fit(MARGIN + 525, CONTENT_W - 525, `单位地址：${u.address}`, y);
  fit(MARGIN, 190, `单位编码(社保)：${u.socialInsuranceCode}`, y + 14);
  fit(MARGIN + 195, 190, `单位账号(公积金)：${u.housingFundAccount}`, y + 14);
  fit(MARGIN + 390, 130, `开户行：${u.bankName}`, y + 14);
  fit(MARGIN + 525, 120, `户名：${u.bankAccountName}`, y + 14);
  fit(MARGIN + 650, CONTENT_W - 650, `账号：${u.bankAccountNo}`, y + 14);
}

function drawInstructions(p: Painter, top: number): void {
  p.text(MARGIN, top, '填表说明', { size: 9, bold: true });
  let y = top + 14;
  for (const paragraph of FORM_INSTRUCTIONS) {
    for (const line of p.wrap(paragraph, CONTENT_W, 7)) {
      p.text(MARGIN, y, line, { size: 7 });
      y += lineHeightOf(7);
    }
  }
}

/** Renders the form; the 填表说明 and the footer appear in every copy. */
export async function applicationFormPdf(input: FormPdfInput): Promise<FormPdf> {
  const sheet = formSheet(input.form, input.fallbackDate);
  const { doc, painter, done } = newPdf(`${FORM_TITLE} ${input.code ?? '草稿'}`, 'landscape');
  const heights = rowHeights(painter, sheet);
  const plan = planPages(heights, instructionsHeight(painter));
  const copies = input.draft ? ['草稿 · 仅供核对，不作为申请材料'] : FORM_COPIES;
  for (const copy of copies) {
    for (const [index, page] of plan.entries()) {
      await yieldToEventLoop();
      doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
      if (input.draft) watermark(painter, '草稿', PAGE_W, PAGE_H);
      drawTop(painter, sheet, input, copy, `第 ${index + 1} 页 / 共 ${plan.length} 页`);
      let y = BODY_TOP;
      if (page.rows.length > 0 || !page.instructions) {
        drawHeader(painter, sheet);
        for (const row of page.rows) {
          const h = heights[row];
          drawRow(painter, y, h, row + 1, sheet.rows[row]);
          y += h;
        }
        if (sheet.rows.length === 0) {
          for (let i = 0; i < 3; i++, y += ROW_MIN) drawRow(painter, y, ROW_MIN, i + 1, Array(21).fill(''));
        }
      } else y = TABLE_TOP;
      if (page.instructions) drawInstructions(painter, y + 6);
      drawFooter(painter, sheet);
    }
  }
  doc.end();
  return { pdf: await done, pages: plan.length * copies.length, pagesPerCopy: plan.length };
}

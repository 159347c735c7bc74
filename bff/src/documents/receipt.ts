// The 受理回执: one A4 page the employer keeps (PDF) or saves on the phone (PNG): 办件编码 and 查询密码,
// the QR code of the status lookup, the unit and number of hires, each matter with its agency, time limit
// and due date (预计 when computed from a provisional calendar), and what happens next. Laid out once
// against a Sketch and drawn to both formats.
import { chinaTime } from '../notices/milestones';
import { newPdf } from './pdfDocument';
import { SvgSketch, type Sketch } from './sketch';

export interface ReceiptMatter {
  matter: string;
  label: string;
  agencyLabel: string;
  timeLimit: string;
  workingDays: number;
  statusLabel: string;
  dueDate: string | null;
  /** The due date comes from a provisional holiday calendar (no official notice for that year yet). */
  dueDateProvisional?: boolean;
}

export interface ReceiptData {
  code: string;
  queryPassword: string;
  unitName: string;
  uscc: string;
  employeeCount: number;
  submittedAt: Date;
  matters: ReceiptMatter[];
  housingFundRelief: string;
  reliefDeadline: string | null;
  lookupUrl: string;
}

const W = 595.28;
const H = 841.89;
const M = 48;
const CW = W - 2 * M;

const RELIEF_LABEL: Record<string, string> = { defer: '缓缴', reduce: '降缴' };

function dueText(m: ReceiptMatter): string {
  if (m.workingDays === 0) return '即办（当日）';
  if (!m.dueDate) return `受理后 ${m.workingDays} 个工作日内`;
  return `${m.dueDate}${m.dueDateProvisional ? '（预计）' : ''}`;
}

/** What happens next, in the order the employer will meet it. */
export function nextSteps(data: ReceiptData): string[] {
  const instant = data.matters.filter((m) => m.workingDays === 0);
  const later = data.matters.filter((m) => m.workingDays > 0);
  const steps: string[] = [];
  if (instant.length) {
    steps.push(`${instant.map((m) => m.label).join('、')}：由人社局即时办理，办结后通过消息通知您。`);
  }
  for (const m of later) {
    steps.push(
      `${m.label}：由${m.agencyLabel}自受理次日起 ${m.workingDays} 个工作日内办结${m.dueDate ? `，应于 ${m.dueDate}${m.dueDateProvisional ? '（预计，以当年法定节假日安排为准）' : ''} 前办结` : ''}。`,
    );
  }
  if (RELIEF_LABEL[data.housingFundRelief]) {
    steps.push(
      `您申请了住房公积金${RELIEF_LABEL[data.housingFundRelief]}：请于 ${data.reliefDeadline ?? '提交申请后一个月内'} 前将申请材料（加盖公章的降低缴存比例和缓缴申请、缴存确有困难的证明材料、职代会（工会）决议或决定）提交至公积金分中心。`,
    );
  }
  steps.push('如有事项被退回，请按退回原因在小程序中补正该事项后重新提交，其他事项照常办理。');
  steps.push('如需纸质材料，可在办件详情中下载打印《联办申请表》（一式两份），加盖单位公章后交人社窗口。');
  steps.push(
    '凭办件编码和查询密码，扫描二维码或在小程序首页“办件查询”中即可查询进度，无需登录。查询密码请勿告知他人。',
  );
  return steps;
}

export function drawReceipt(s: Sketch, data: ReceiptData): void {
  s.text(M, M, '上饶市“员工招聘一件事”联办', { size: 12, align: 'center', width: CW });
  s.text(M, M + 20, '受 理 回 执', { size: 22, bold: true, align: 'center', width: CW });

  // 办件编码, 查询密码 and the QR code in one framed block.
  const top = M + 62;
  const qr = 112;
  s.rect(M, top, CW, qr + 16, 0.8);
  s.text(M + 14, top + 14, '办件编码', { size: 10 });
  s.text(M + 14, top + 28, data.code, { size: 19, bold: true });
  s.text(M + 14, top + 62, '查询密码', { size: 10 });
  s.text(M + 14, top + 76, data.queryPassword, { size: 19, bold: true });
  s.text(M + 14, top + 106, '请妥善保存，查询进度时使用', { size: 8, grey: 0.3 });
  s.qr(M + CW - qr - 8, top + 8, qr, data.lookupUrl);
  s.text(M + CW - qr - 118, top + 106, '扫码查询办理进度', {
    size: 8,
    align: 'right',
    width: 108,
    grey: 0.3,
  });

  let y = top + qr + 34;
  const kv = (k: string, v: string) => {
    s.text(M, y, k, { size: 10, grey: 0.3 });
    const lines = s.wrap(v, CW - 96, 10.5);
    lines.forEach((line, i) => s.text(M + 96, y + i * 14, line, { size: 10.5 }));
    y += Math.max(1, lines.length) * 14 + 6;
  };
  kv('申请单位', data.unitName);
  kv('统一社会信用代码', data.uscc);
  kv('新招用人员', `${data.employeeCount} 人`);
  kv('提交时间', `${chinaTime(data.submittedAt)}（北京时间）`);

  // The matters: 事项 | 办理部门 | 办理时限 | 应办结日期 | 当前状态
  y += 8;
  const cols = [CW - 310, 80, 70, 90, 70];
  const xs = cols.reduce<number[]>((acc, w, i) => [...acc, acc[i] + w], [M]);
  const head = ['办理事项', '办理部门', '办理时限', '应办结日期', '当前状态'];
  const rowOf = (cells: string[], bold: boolean) => {
    const wrapped = cells.map((c, i) => s.wrap(c, cols[i] - 8, 9.5, bold));
    const h = Math.max(...wrapped.map((l) => l.length)) * 12.5 + 10;
    wrapped.forEach((lines, i) => {
      s.rect(xs[i], y, cols[i], h);
      lines.forEach((line, j) => s.text(xs[i] + 4, y + 5 + j * 12.5, line, { size: 9.5, bold }));
    });
    y += h;
  };
  rowOf(head, true);
  for (const m of data.matters)
    rowOf([m.label, m.agencyLabel, m.timeLimit, dueText(m), m.statusLabel], false);
  if (data.matters.some((m) => m.dueDateProvisional)) {
    y += 4;
    s.text(M, y, '注：标“预计”的日期按法定节假日规则推算，当年放假安排公布后以正式日期为准。', {
      size: 8,
      grey: 0.3,
    });
    y += 10;
  }

  y += 18;
  s.text(M, y, '接下来', { size: 12, bold: true });
  y += 20;
  nextSteps(data).forEach((step, i) => {
    const lines = s.wrap(step, CW - 16, 9.5);
    s.text(M, y, `${i + 1}.`, { size: 9.5 });
    lines.forEach((line, j) => s.text(M + 16, y + j * 13.5, line, { size: 9.5 }));
    y += lines.length * 13.5 + 5;
  });

  s.line(M, H - M - 18, W - M, H - M - 18, 0.5);
  s.text(M, H - M - 10, `本回执由系统生成 · ${chinaTime()}（北京时间） · 办件编码 ${data.code}`, {
    size: 7.5,
    grey: 0.3,
  });
}

export async function receiptPdf(data: ReceiptData): Promise<Buffer> {
  const { doc, painter, done } = newPdf(`受理回执 ${data.code}`, 'portrait');
  doc.addPage({ size: 'A4', layout: 'portrait', margin: 0 });
  drawReceipt(painter, data);
  doc.end();
  return done;
}

/** The same page as a PNG, 2 pixels per point (1191 × 1684). */
export async function receiptPng(data: ReceiptData): Promise<Buffer> {
  const sketch = new SvgSketch(W, H);
  drawReceipt(sketch, data);
  return sketch.png(2);
}

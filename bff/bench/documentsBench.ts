// `npm run bench` (bff, documents): time and size of the printed 联办申请表 for 1, 12 and 40 hires and of
// the 受理回执 (PDF and PNG), beside a baseline in the same run: a one-page PDF with one line of Latin text
// in a standard font (the library's own floor). The first render includes loading the fonts (once per
// process). Prints numbers, asserts nothing.
import PDFDocument from 'pdfkit';
import { population, sampleApplication, workingAgePeople } from '@hiring/mock';
import { todayInChina, validateApplication } from '@hiring/shared';
import { applicationFormPdf } from '../src/documents/applicationForm';
import { documentFonts } from '../src/documents/fonts';
import { receiptPdf, receiptPng, type ReceiptData } from '../src/documents/receipt';

const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 7);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function repeat<T>(fn: () => Promise<T>) {
  const times: number[] = [];
  let value!: T;
  for (let i = 0; i < RUNS; i++) {
    const r = await time(fn);
    times.push(r.ms);
    value = r.value;
  }
  return { median: median(times), max: Math.max(...times), value };
}

function baselinePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('baseline');
    doc.end();
  });
}

function formFor(hires: number) {
  const pop = population();
  const application = sampleApplication(pop.units[5], workingAgePeople(pop, 'normal', hires, 100)) as {
    employees: { name: string }[];
  };
  application.employees[0].name = '吉𠮷';
  const result = validateApplication(application, { today: todayInChina() });
  if (!result.ok) throw new Error(`sample application invalid: ${result.errors[0]?.message}`);
  return result.value as never;
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function main() {
  const baseline = await repeat(baselinePdf);
  console.log(`documents (${RUNS} runs each, median / max)`);
  console.log(
    `  baseline: one-line Latin PDF            ${fmt(baseline.median)} / ${fmt(baseline.max)}, ${baseline.value.length} bytes`,
  );
  const fonts = await time(async () => documentFonts());
  console.log(`  loading the CJK fonts (once per process) ${fmt(fonts.ms)}`);
  for (const hires of [1, 12, 40]) {
    const form = formFor(hires);
    const input = {
      form,
      code: 'ZP361120261201000001',
      lookupUrl: 'https://h5.example.cn/#/pages/lookup/index?code=ZP361120261201000001',
    };
    const first = await time(() => applicationFormPdf(input));
    const r = await repeat(() => applicationFormPdf(input));
    console.log(
      `  联办申请表 ${String(hires).padStart(2)} hires: ${r.value.pages} pages, ${r.value.pdf.length} bytes, ` +
        `first ${fmt(first.ms)}, then ${fmt(r.median)} / ${fmt(r.max)}`,
    );
  }
  const receipt: ReceiptData = {
    code: 'ZP361120261201000001',
    queryPassword: '042517',
    unitName: '上饶市信州区示例科技有限公司',
    uscc: '91361102MA35XXXX0X',
    employeeCount: 40,
    submittedAt: new Date(),
    matters: [
      {
        matter: 'employment',
        label: '用人单位招用人员登记',
        agencyLabel: '人社局',
        timeLimit: '即办',
        workingDays: 0,
        statusLabel: '待推送',
        dueDate: null,
      },
      {
        matter: 'housingFund',
        label: '个人住房公积金账户设立',
        agencyLabel: '住房公积金管理中心',
        timeLimit: '3 个工作日',
        workingDays: 3,
        statusLabel: '已受理',
        dueDate: '2026-12-04',
      },
    ],
    housingFundRelief: 'defer',
    reliefDeadline: '2027-01-01',
    lookupUrl: 'https://h5.example.cn/#/pages/lookup/index?code=ZP361120261201000001',
  };
  const pdf = await repeat(() => receiptPdf(receipt));
  const png = await repeat(() => receiptPng(receipt));
  console.log(`  受理回执 PDF: ${pdf.value.length} bytes, ${fmt(pdf.median)} / ${fmt(pdf.max)}`);
  console.log(`  受理回执 PNG: ${png.value.length} bytes, ${fmt(png.median)} / ${fmt(png.max)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

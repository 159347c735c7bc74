// A PDFKit document with the CJK fonts registered, collected into one Buffer when ended.
import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';
import { Painter } from './painter';

export type Doc = InstanceType<typeof PDFDocument>;

export function newPdf(
  title: string,
  layout: 'portrait' | 'landscape',
): { doc: Doc; painter: Painter; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: 'zh-CN',
    info: { Title: title, Author: '上饶市“员工招聘一件事”联办系统', Creator: '员工招聘一件事' },
  } as ConstructorParameters<typeof PDFDocument>[0]);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, painter: new Painter(doc, documentFonts()), done };
}

/** A large grey diagonal word behind the page's content (drafts). */
export function watermark(painter: Painter, word: string, width: number, height: number): void {
  const { doc } = painter;
  doc.save();
  doc.rotate(-30, { origin: [width / 2, height / 2] });
  const size = Math.min(width, height) * 0.32;
  painter.text(0, height / 2 - size / 2, word, { size, bold: true, align: 'center', width, grey: 0.88 });
  doc.restore();
}

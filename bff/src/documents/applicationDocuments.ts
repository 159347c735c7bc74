// From a stored application (or a draft) to the printable documents' inputs. Nothing here is stored: the
// PDFs and the PNG are made on request and handed to the response.
import { MATTERS, todayInChina } from '@hiring/shared';
import type { FieldCipher } from '../security/fieldCipher';
import type { ApplicationDoc, MatterDoc } from '../applications/models';
import { matterView, type SealedApplication } from '../applications/view';
import type { FormPdf } from './applicationForm';
import { render } from './renderer';
import type { PrintableForm } from './formSheet';
import type { ReceiptData } from './receipt';

/** The lookup page with the code filled in, as the QR codes carry it. */
export function lookupUrlFor(pageUrl: string, code: string): string {
  return `${pageUrl}${pageUrl.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}`;
}

/** A due date computed from a provisional calendar, where the matter records it (calendarBasis). */
export function isProvisional(matter: MatterDoc): boolean {
  const m = matter as MatterDoc & { dueDateProvisional?: boolean; calendarBasis?: string };
  return m.dueDateProvisional === true || m.calendarBasis === 'provisional';
}

/** A matter as the receipt and the public status lookup both show it: what, which agency, how long, how far. */
export function matterHeadline(matter: MatterDoc, view = matterView(matter)) {
  return {
    matter: view.matter,
    label: view.label,
    agencyLabel: view.agencyLabel,
    timeLimit: view.timeLimit,
    statusLabel: view.statusLabel,
    dueDate: view.dueDate,
    dueDateProvisional: isProvisional(matter),
  };
}

type Stored = ApplicationDoc & { _id: unknown };

export function storedFormPdf(doc: Stored, cipher: FieldCipher, lookupPageUrl: string): Promise<FormPdf> {
  const sealed = cipher.decrypt<SealedApplication>(doc.sealed);
  return render({
    kind: 'form',
    input: {
      form: sealed.form as PrintableForm,
      code: doc.code,
      lookupUrl: lookupUrlFor(lookupPageUrl, doc.code),
      fallbackDate: todayInChina(doc.submittedAt),
    },
  });
}

export function draftFormPdf(application: unknown): Promise<FormPdf> {
  return render({
    kind: 'form',
    input: { form: application as PrintableForm, draft: true, fallbackDate: todayInChina() },
  });
}

export function receiptData(doc: Stored, cipher: FieldCipher, lookupPageUrl: string): ReceiptData {
  const sealed = cipher.decrypt<SealedApplication>(doc.sealed);
  return {
    code: doc.code,
    queryPassword: sealed.queryPassword,
    unitName: doc.unitName ?? '',
    uscc: doc.uscc ?? '',
    employeeCount: doc.employeeCount ?? sealed.form.employees.length,
    submittedAt: doc.submittedAt,
    matters: doc.matters.map((m) => ({
      ...matterHeadline(m),
      workingDays: MATTERS.find((x) => x.code === m.matter)?.workingDays ?? 0,
    })),
    housingFundRelief: sealed.form.housingFundRelief ?? 'none',
    reliefDeadline: doc.reliefDeadline ?? null,
    lookupUrl: lookupUrlFor(lookupPageUrl, doc.code),
  };
}

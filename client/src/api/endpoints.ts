// One function per bff route the client uses; the shapes are generated from the bff contract (types.ts).
import type { PickedFile, PickedImage } from '../platform/types';
import { newIdempotencyKey, type ApiClient } from './client';
import type {
  Material,
  ApplicationSummary,
  Consents,
  CorrectionBody,
  CorrectionDraft,
  Draft,
  DraftApplication,
  DraftEmployee,
  DraftSummary,
  ImportResult,
  Me,
  Notice,
  OcrBackResult,
  OcrResult,
  PersonLookup,
  Rating,
  Session,
  StatusLookupResult,
  SubmittedApplication,
  UnitCodes,
  UnitLookup,
  ValidationResult,
} from './types';

export type DraftPatch = Pick<DraftApplication, 'matters' | 'unit' | 'housingFundRelief'>;

export function endpoints(api: ApiClient) {
  return {
    login: (platform: 'weapp' | 'alipay', code: string) =>
      api.send<Session>('POST', '/auth/login', { platform, code }),
    devLogin: (nickname?: string) => api.send<Session>('POST', '/auth/dev-login', { nickname }),
    logout: () => api.send<void>('POST', '/auth/logout'),
    me: () => api.get<Me>('/me'),

    lookupUnit: (uscc: string) => api.get<UnitLookup>(`/units/lookup?uscc=${encodeURIComponent(uscc)}`),
    /**
     * Only for the ID number saved on the hire's row `employeeKey` of the draft being filled in (save the
     * row first: DraftStore.whenSaved); the bff audits and caps lookups.
     */
    lookupPerson: (idNumber: string, draftId: string, employeeKey: string) =>
      api.send<PersonLookup>('POST', '/persons/lookup', { idNumber, draftId, employeeKey }),

    listDrafts: () => api.get<{ items: DraftSummary[] }>('/drafts'),
    createDraft: (application?: DraftApplication) => api.send<Draft>('POST', '/drafts', { application }),
    getDraft: (id: string) => api.get<Draft>(`/drafts/${id}`),
    patchDraft: (id: string, version: number, patch: DraftPatch) =>
      api.send<Draft>('PATCH', `/drafts/${id}`, { version, ...patch }),
    deleteDraft: (id: string) => api.send<void>('DELETE', `/drafts/${id}`),
    addEmployee: (id: string, version: number, employee: Omit<DraftEmployee, 'key'>) =>
      api.send<Draft>('POST', `/drafts/${id}/employees`, { version, employee }),
    putEmployee: (id: string, key: string, version: number, employee: Omit<DraftEmployee, 'key'>) =>
      api.send<Draft>('PUT', `/drafts/${id}/employees/${encodeURIComponent(key)}`, { version, employee }),
    removeEmployee: (id: string, key: string, version: number) =>
      api.send<Draft>('DELETE', `/drafts/${id}/employees/${encodeURIComponent(key)}?version=${version}`),
    /** Hires from a sheet (.xlsx / .csv), checked row by row; the rows that pass become one new version. */
    importEmployees: (id: string, version: number, file: PickedFile) =>
      api.uploadFile<ImportResult>(`/drafts/${id}/import`, file, 'file', { version: String(version) }),
    importTemplateUrl: () => api.url('/imports/template.xlsx'),
    validateDraft: (id: string, step?: 'unit' | 'matters' | 'employees') =>
      api.send<ValidationResult>('POST', `/drafts/${id}/validate`, { step }),
    /** `version` is the draft the user reviewed; the bff refuses to submit a draft that changed since. */
    submitDraft: (id: string, idempotencyKey: string = newIdempotencyKey(), version?: number) =>
      api.send<SubmittedApplication>(
        'POST',
        `/drafts/${id}/submit`,
        version === undefined ? {} : { version },
        { 'Idempotency-Key': idempotencyKey },
      ),

    listApplications: () => api.get<{ items: ApplicationSummary[] }>('/applications'),
    getApplication: (id: string) => api.get<SubmittedApplication>(`/applications/${id}`),
    /** 好差评: once, after every matter is 办结. */
    rateApplication: (id: string, score: number, comment: string) =>
      api.send<Rating>('POST', `/applications/${id}/rating`, { score, comment }),
    // Printable documents, opened on the device (bff/src/documents/routes.ts).
    openApplicationForm: (id: string, code: string) =>
      api.download(`/applications/${id}/form.pdf`, `联办申请表-${code}.pdf`, 'pdf'),
    openDraftForm: (id: string) => api.download(`/drafts/${id}/form.pdf`, '联办申请表-草稿.pdf', 'pdf'),
    openReceipt: (id: string, code: string, kind: 'pdf' | 'png') =>
      api.download(`/applications/${id}/receipt.${kind}`, `受理回执-${code}.${kind}`, kind),
    // Public: no login, the receipt's code and password are the credential.
    lookupStatus: (code: string, password: string) =>
      api.send<StatusLookupResult>('POST', '/status-lookup', { code, password }),
    /** 补正材料 of a matter returned for documents; the next 补正 sends the ones not sent yet. */
    listMaterials: (id: string, matter: string) =>
      api.get<{ items: Material[] }>(`/applications/${id}/matters/${matter}/materials`),
    uploadMaterial: (id: string, matter: string, file: PickedFile, label: string) =>
      api.uploadFile<Material>(`/applications/${id}/matters/${matter}/materials`, file, 'file', { label }),
    deleteMaterial: (id: string, matter: string, materialId: string) =>
      api.send<void>('DELETE', `/applications/${id}/matters/${matter}/materials/${materialId}`),
    getCorrection: (id: string, matter: string) =>
      api.get<CorrectionDraft>(`/applications/${id}/matters/${matter}/correction`),
    resubmitMatter: (
      id: string,
      matter: string,
      correction: CorrectionBody,
      idempotencyKey = newIdempotencyKey(),
    ) =>
      api.send<SubmittedApplication>('POST', `/applications/${id}/matters/${matter}/resubmit`, correction, {
        'Idempotency-Key': idempotencyKey,
      }),
    getUnitCodes: (uscc: string) => api.get<UnitCodes>(`/unit-codes/${encodeURIComponent(uscc)}`),

    listNotices: () => api.get<{ items: Notice[]; unread: number }>('/notices'),
    readNotice: (id: string) => api.send<void>('POST', `/notices/${id}/read`),
    readAllNotices: () => api.send<{ marked: number }>('POST', '/notices/read-all'),
    subscribe: (templateIds: string[]) => api.send<Consents>('POST', '/subscriptions', { templateIds }),

    recognizeIdCard: (image: PickedImage) => api.upload<OcrResult>('/ocr/id-card', image, 'image'),
    recognizeIdCardBack: (image: PickedImage) =>
      api.upload<OcrBackResult>('/ocr/id-card/back', image, 'image'),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;

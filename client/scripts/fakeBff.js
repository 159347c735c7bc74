// @ts-check
// A fake of the bff for screenshots: canned answers in the contract's shapes. The client's typecheck checks
// every answer against the types generated from the bff's contract (shared/src/api/contract.ts), so the fake
// cannot drift from what the real bff sends.
'use strict';

/**
 * @typedef {import('../src/api/types').SubmittedApplication} SubmittedApplication
 * @typedef {import('../src/api/types').Draft} Draft
 * @typedef {import('../src/api/types').DraftSummary} DraftSummary
 * @typedef {import('../src/api/types').ApplicationSummary} ApplicationSummary
 * @typedef {import('../src/api/types').Notice} Notice
 * @typedef {import('../src/api/types').UnitLookup} UnitLookup
 * @typedef {import('../src/api/types').OcrResult} OcrResult
 * @typedef {import('../src/api/types').Session} Session
 * @typedef {import('../src/api/types').ValidationResult} ValidationResult
 * @typedef {import('../src/api/types').Consents} Consents
 * @typedef {{ error: { code: string; message: string } }} ErrorBody
 * @typedef {[number, unknown]} Answer
 */

/** The answers, by contract type: a typo or a missing field here fails the client's typecheck. */
const ok = {
  /** @param {Session} body @returns {Answer} */ session: (body) => [200, body],
  /** @param {Draft} body @returns {Answer} */ draft: (body, status = 200) => [status, body],
  /** @param {{ items: DraftSummary[]; total: number; page: number; pageSize: number }} body @returns {Answer} */
  drafts: (body) => [200, body],
  /** @param {SubmittedApplication} body @returns {Answer} */ application: (body, status = 200) => [
    status,
    body,
  ],
  /** @param {{ items: ApplicationSummary[]; total: number; page: number; pageSize: number }} body @returns {Answer} */
  applications: (body) => [200, body],
  /** @param {ValidationResult} body @returns {Answer} */ validation: (body) => [200, body],
  /** @param {UnitLookup} body @returns {Answer} */ unit: (body) => [200, body],
  /** @param {{ items: Notice[]; unread: number }} body @returns {Answer} */ notices: (body) => [200, body],
  /** @param {Consents} body @returns {Answer} */ consents: (body) => [200, body],
  /** @param {OcrResult} body @returns {Answer} */ ocr: (body) => [200, body],
  /** @param {number} status @param {ErrorBody & { current?: Draft }} body @returns {Answer} */
  error: (status, body) => [status, body],
};

function fakeBff() {
  /** @type {Draft} */
  let draft = {
    id: '0123456789abcdef01234567',
    version: 0,
    application: { matters: [], employees: [] },
    createdAt: '',
    updatedAt: '',
  };
  let exists = false;
  /** @param {Omit<Draft['application']['employees'][number], 'key'>[]} rows */
  const keyed = (rows) => rows.map((row) => ({ ...row, key: (nextKey++).toString(16).padStart(12, '0') }));
  let version = 0;
  let nextKey = 1;
  /** @type {SubmittedApplication} */
  const application = {
    id: 'a1a1a1a1a1a1a1a1a1a1a1a1',
    code: 'ZP361120261126000001',
    queryPassword: '482913',
    status: 'processing',
    statusLabel: '办理中',
    submittedAt: '2026-11-26T10:00:00+08:00',
    unitName: '上饶市示例科技有限公司',
    employeeCount: 1,
    overdueCount: 0,
    housingFundRelief: 'none',
    reliefDeadline: null,
    rating: null,
    rateable: false,
    employees: [{ key: '000000000001', name: '张三', idNumber: '362**********1234' }],
    matters: [
      {
        matter: 'employment',
        label: '用人单位招用人员登记',
        agencyLabel: '人社局',
        timeLimit: '即办',
        status: 'completed',
        statusLabel: '已办结',
        attempt: 1,
        caseId: 'HRSS-20261126-0001',
        dueDate: '2026-11-26',
        dueDateBasis: 'official',
        overdue: false,
        reasons: [],
        excludedEmployeeKeys: [],
        result: {
          unit: {},
          employees: [
            { employeeKey: '000000000001', name: '张三', registrationNumber: 'JY2026112600010001' },
          ],
        },
        timeline: [
          { at: '2026-11-26T10:00:01+08:00', status: 'accepted', statusLabel: '已受理', note: null },
          { at: '2026-11-26T10:00:03+08:00', status: 'completed', statusLabel: '已办结', note: null },
        ],
      },
      {
        matter: 'medicalInsurance',
        label: '基本医疗保险职工参保登记',
        agencyLabel: '医保局',
        timeLimit: '3 个工作日内办结',
        status: 'returned',
        statusLabel: '已退回',
        attempt: 1,
        caseId: 'YB-20261126-0001',
        dueDate: '2026-12-01',
        dueDateBasis: 'official',
        overdue: false,
        reasons: [
          {
            code: 'OPERATOR_RETURNED',
            message: '手机号码无法接通，请核实',
            employeeKey: '000000000001',
            fix: 'any',
            fields: [],
            droppable: true,
            advice: '请按退回原因修改后重新提交',
          },
        ],
        excludedEmployeeKeys: [],
        result: null,
        timeline: [
          { at: '2026-11-26T10:00:01+08:00', status: 'accepted', statusLabel: '已受理', note: null },
          {
            at: '2026-11-27T09:00:00+08:00',
            status: 'returned',
            statusLabel: '已退回',
            note: '手机号码无法接通',
          },
        ],
      },
      {
        matter: 'housingFund',
        label: '个人住房公积金账户设立',
        agencyLabel: '住房公积金管理中心',
        timeLimit: '3 个工作日内办结',
        status: 'reviewing',
        statusLabel: '审核中',
        attempt: 1,
        caseId: null,
        dueDate: '2026-12-01',
        dueDateBasis: 'official',
        overdue: false,
        reasons: [],
        excludedEmployeeKeys: [],
        result: null,
        timeline: [
          { at: '2026-11-26T10:00:01+08:00', status: 'accepted', statusLabel: '已受理', note: null },
        ],
      },
    ],
  };
  const now = () => new Date().toISOString();
  /** @param {Draft['application']} app */
  const bump = (app) => {
    version += 1;
    draft = { ...draft, version, application: app, updatedAt: now() };
    return draft;
  };
  /** @param {string} method @param {URL} url @param {any} body @returns {Answer} */
  const handle = (method, url, body) => {
    const p = url.pathname.replace(/^\/api\/v1/, '');
    if (p === '/auth/dev-login')
      return ok.session({
        token: 'fake-token-0123456789abcdef',
        expiresAt: '2099-01-01T00:00:00Z',
        account: { id: 'u1', platform: 'weapp' },
      });
    if (p === '/drafts' && method === 'GET')
      return ok.drafts({
        items: exists
          ? [
              {
                id: draft.id,
                version,
                unitName: draft.application.unit?.name ?? '',
                employeeCount: draft.application.employees.length,
                matters: draft.application.matters,
                updatedAt: now(),
              },
            ]
          : [],
        total: exists ? 1 : 0,
        page: 1,
        pageSize: 20,
      });
    if (p === '/drafts' && method === 'POST') {
      version = 1;
      exists = true;
      const initial = body.application ?? {};
      draft = {
        ...draft,
        version,
        application: { matters: [], ...initial, employees: keyed(initial.employees ?? []) },
        createdAt: now(),
        updatedAt: now(),
      };
      return ok.draft(draft, 201);
    }
    const own = `/drafts/${draft.id}`;
    if (p === own && method === 'GET') return ok.draft(draft);
    if (body && typeof body.version === 'number' && body.version !== version)
      return ok.error(409, {
        error: { code: 'VERSION_CONFLICT', message: '草稿已在别处修改' },
        current: draft,
      });
    if (p === own && method === 'PATCH') {
      const { version: _v, ...patch } = body;
      return ok.draft(bump({ ...draft.application, ...patch }));
    }
    if (p === `${own}/employees` && method === 'POST')
      return ok.draft(
        bump({
          ...draft.application,
          employees: [...draft.application.employees, ...keyed([body.employee])],
        }),
        201,
      );
    const put = new RegExp(`^${own}/employees/(.+)$`).exec(p);
    if (put && method === 'PUT')
      return ok.draft(
        bump({
          ...draft.application,
          employees: draft.application.employees.map((e) =>
            e.key === put[1] ? { ...body.employee, key: e.key } : e,
          ),
        }),
      );
    if (p === `${own}/validate`) return ok.validation({ ok: true, errors: [], warnings: [] });
    if (p === `${own}/submit`) return ok.application(application, 201);
    if (p === '/units/lookup')
      return ok.unit({
        uscc: url.searchParams.get('uscc') ?? '',
        name: '上饶市示例科技有限公司',
        address: '江西省上饶市信州区凤凰大道 1 号',
        legalRepresentative: '王法人',
        socialInsuranceCode: '36110012345',
        housingFundAccount: '3611000012',
      });
    if (p === '/persons/lookup')
      return ok.error(404, {
        error: { code: 'NOT_FOUND', message: '未查到该身份证号码对应的人员信息，请手工填写' },
      });
    if (p === '/applications')
      return ok.applications({
        items: [
          {
            id: application.id,
            code: application.code,
            unitName: application.unitName,
            employeeCount: 1,
            status: 'processing',
            statusLabel: '办理中',
            overdueCount: 0,
            submittedAt: application.submittedAt,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 20,
      });
    if (p === `/applications/${application.id}`) return ok.application(application);
    if (p === '/notices')
      return ok.notices({
        items: [
          {
            id: 'b1b1b1b1b1b1b1b1b1b1b1b1',
            kind: 'matter',
            title: '公积金开户已受理',
            body: `您提交的办件 ${application.code} 中“个人住房公积金账户设立”已受理。`,
            applicationId: application.id,
            createdAt: '2026-11-26T10:00:05+08:00',
            read: false,
          },
        ],
        unread: 1,
      });
    if (p === '/subscriptions') return ok.consents({ consents: {} });
    if (p === '/ocr/id-card')
      return ok.ocr({
        idNumber: '361102199003071237',
        name: '李四',
        gender: '1',
        ethnicity: '01',
        birthDate: '1990-03-07',
        address: '江西省上饶市信州区某路 8 号',
        confidence: { name: 0.99, idNumber: 0.97, address: 0.7 },
        verified: true,
        needsCheck: [],
      });
    return ok.error(404, { error: { code: 'NOT_FOUND', message: `未实现 ${method} ${p}` } });
  };
  /** Another device changes the unit name, so the next save from this page gets a 409. */
  handle.editElsewhere = () =>
    bump({ ...draft.application, unit: { ...draft.application.unit, name: '另一台手机改的名称' } });
  return handle;
}

module.exports = { fakeBff };

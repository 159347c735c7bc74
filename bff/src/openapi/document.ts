// The bff's HTTP contract as OpenAPI 3.1, kept as code so the router-agreement test and the generated
// malformed-request test read the same object the client developers read at GET /api/v1/openapi.json.
// Limits (maxLength, maxItems, patterns) mirror the yup schemas in the route files; when one changes, the
// other must too, or the security tests fail.

export type Schema = Record<string, unknown>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema: Schema; example?: unknown }>;
  };
  responses: Record<
    string,
    { $ref: string } | { description: string; content?: Record<string, { schema: Schema }> }
  >;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
    securitySchemes: Record<string, Schema>;
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const err = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: Schema) => ({ description, content: json(schema) });
const body = (schema: Schema, example: unknown, required = true) => ({
  required,
  content: { 'application/json': { schema, example } },
});
/** ?page=&pageSize= of the list routes, and the page they answer with. */
const PAGE_PARAMETERS: Parameter[] = [
  { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
  {
    name: 'pageSize',
    in: 'query',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  },
];
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'total', 'page', 'pageSize'],
  properties: {
    items: { type: 'array', items: ref(item) },
    total: { type: 'integer', minimum: 0 },
    page: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 100 },
  },
});
const str = (maxLength: number, extra: Schema = {}) => ({ type: 'string', maxLength, ...extra });
const nullable = (schema: Schema) => ({ ...schema, type: [schema.type as string, 'null'] });

/** Responses every authenticated route can give besides its own. */
const authErrors = {
  '401': err('Unauthorized'),
  '429': err('TooManyRequests'),
};

const MATTERS = ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'];
const MATTER_STATUSES = ['pending', 'accepted', 'reviewing', 'completed', 'returned'];

const EXAMPLE_EMPLOYEE = {
  idType: 'resident',
  idNumber: '361102199003072010',
  name: '张三',
  ethnicity: '01',
  gender: '1',
  hukouType: '10',
  hukouAddress: '江西省上饶市信州区五三大道 1 号',
  phone: '13912345678',
  address: '江西省上饶市信州区五三大道 1 号',
  wage: 4500,
  insuredFrom: '2026-11',
  contract: { start: '2026-11-23', end: '2029-11-22' },
  insuranceTypes: ['pension', 'injury', 'unemployment', 'medical', 'maternity'],
  housingFund: { base: 4500, unitRatio: 12, personalRatio: 12 },
  occupation: '软件工程师',
  education: '21',
  workAddress: '江西省上饶市信州区凤凰大道 8 号',
  remark: '',
};

const EXAMPLE_UNIT = {
  name: '上饶示例科技有限公司',
  uscc: '91361100MA00000000',
  address: '江西省上饶市信州区凤凰大道 8 号',
  operator: { name: '李经办', idNumber: '361102199003072010', phone: '13800138000' },
};

const DRAFT_EMPLOYEE = {
  type: 'object',
  description: '草稿中的员工：保存时任何字段都可以暂缺，但出现的字段必须类型正确、长度受限，不接受其他字段。',
  additionalProperties: false,
  properties: {
    idType: str(32),
    idNumber: str(32),
    name: str(50),
    ethnicity: str(4),
    gender: str(2),
    hukouType: str(2),
    hukouAddress: str(200),
    phone: str(20),
    address: str(200),
    birthDate: str(10),
    wage: { type: 'number', minimum: 0, maximum: 10_000_000 },
    insuredFrom: str(7),
    contract: {
      type: 'object',
      additionalProperties: false,
      properties: { start: str(10), end: nullable(str(10)) },
    },
    insuranceTypes: { type: 'array', maxItems: 7, items: str(32) },
    housingFund: {
      type: 'object',
      additionalProperties: false,
      properties: {
        base: { type: 'number', minimum: 0, maximum: 10_000_000 },
        unitRatio: { type: 'number', minimum: 0, maximum: 100 },
        personalRatio: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
    occupation: str(50),
    education: str(4),
    workAddress: str(200),
    remark: str(500),
  },
};

const schemas: Record<string, Schema> = {
  Error: {
    type: 'object',
    description: '所有错误的统一形状；message 为中文，可直接展示给用户。',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', examples: ['BAD_REQUEST', 'NOT_FOUND', 'VERSION_CONFLICT'] },
          message: { type: 'string', examples: ['请求参数有误'] },
          details: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'message'],
              properties: {
                path: { type: 'string', examples: ['employees[0].phone'] },
                message: { type: 'string' },
              },
            },
          },
          requestId: { type: 'string', description: '仅 500：排查用的请求编号' },
        },
      },
    },
  },
  VersionConflict: {
    allOf: [ref('Error')],
    type: 'object',
    required: ['error', 'current'],
    properties: { current: ref('Draft') },
  },
  Account: {
    type: 'object',
    required: ['id', 'platform'],
    properties: { id: { type: 'string' }, platform: { enum: ['weapp', 'alipay'] } },
  },
  Session: {
    type: 'object',
    required: ['token', 'expiresAt', 'account'],
    properties: {
      token: { type: 'string', pattern: '^[\\w-]{20,100}$' },
      expiresAt: { type: 'string', format: 'date-time' },
      account: ref('Account'),
    },
  },
  Me: {
    type: 'object',
    required: ['account', 'units'],
    properties: {
      account: ref('Account'),
      units: {
        type: 'array',
        items: { type: 'object', properties: { uscc: { type: 'string' }, name: { type: 'string' } } },
      },
    },
  },
  StaffMember: {
    type: 'object',
    required: ['id', 'role'],
    properties: {
      id: { type: 'string' },
      role: { enum: ['clerk', 'supervisor', 'admin'], description: '窗口人员、监督人员、管理员' },
      county: { type: 'string', pattern: '^\\d{6}$', description: '所属区县代码；管理员不限' },
    },
  },
  UnitRecord: {
    type: 'object',
    required: ['uscc', 'name', 'address', 'legalRepresentative'],
    properties: {
      uscc: { type: 'string' },
      name: { type: 'string' },
      address: { type: 'string' },
      legalRepresentative: { type: 'string' },
      socialInsuranceCode: { type: ['string', 'null'] },
      housingFundAccount: { type: ['string', 'null'] },
    },
  },
  PersonRecord: {
    type: 'object',
    required: ['name', 'ethnicity', 'gender', 'hukouAddress'],
    properties: {
      name: { type: 'string' },
      ethnicity: { type: 'string' },
      gender: { type: 'string' },
      hukouAddress: { type: 'string' },
    },
  },
  DraftEmployee: DRAFT_EMPLOYEE,
  // Spelled out rather than allOf: DraftEmployee is closed (additionalProperties: false), so an allOf would
  // refuse the key this adds.
  DraftEmployeeWithKey: {
    ...DRAFT_EMPLOYEE,
    required: ['key'],
    properties: { key: ref('EmployeeKey'), ...DRAFT_EMPLOYEE.properties },
  },
  EmployeeKey: { type: 'string', pattern: '^[0-9a-f]{12}$', description: '服务端分配的员工编号' },
  DraftUnit: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: str(100),
      uscc: str(18),
      applicationDate: str(10),
      socialInsuranceCode: str(32),
      housingFundAccount: str(32),
      address: str(200),
      countyCode: str(6),
      firstApplication: { type: 'boolean' },
      operator: {
        type: 'object',
        additionalProperties: false,
        properties: { name: str(50), idNumber: str(32), phone: str(20) },
      },
      bank: {
        type: 'object',
        additionalProperties: false,
        properties: { name: str(100), accountName: str(100), accountNo: str(40) },
      },
    },
  },
  Matters: {
    type: 'array',
    maxItems: 4,
    uniqueItems: true,
    items: { enum: MATTERS },
  },
  HousingFundRelief: { enum: ['none', 'defer', 'reduce'], description: '缓缴/降缴' },
  DraftApplication: {
    type: 'object',
    additionalProperties: false,
    properties: {
      unit: ref('DraftUnit'),
      matters: ref('Matters'),
      housingFundRelief: ref('HousingFundRelief'),
      employees: { type: 'array', maxItems: 500, items: ref('DraftEmployee') },
    },
  },
  Draft: {
    type: 'object',
    description: '草稿详情（本人编辑用，返回完整的身份证号和手机号）。',
    required: ['id', 'version', 'application', 'createdAt', 'updatedAt'],
    properties: {
      id: ref('ObjectId'),
      version: { type: 'integer', minimum: 1 },
      application: {
        type: 'object',
        required: ['matters', 'employees'],
        properties: {
          unit: ref('DraftUnit'),
          matters: ref('Matters'),
          housingFundRelief: ref('HousingFundRelief'),
          employees: { type: 'array', items: ref('DraftEmployeeWithKey') },
        },
      },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  DraftSummary: {
    type: 'object',
    required: ['id', 'version', 'unitName', 'employeeCount', 'matters', 'updatedAt'],
    additionalProperties: false,
    properties: {
      id: ref('ObjectId'),
      version: { type: 'integer' },
      unitName: { type: 'string' },
      employeeCount: { type: 'integer' },
      matters: { type: 'array', items: { type: 'string' } },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  Issue: {
    type: 'object',
    required: ['path', 'code', 'message'],
    properties: {
      path: { type: 'string', examples: ['employees[0].housingFund.unitRatio'] },
      code: { type: 'string' },
      message: { type: 'string' },
    },
  },
  ValidationResult: {
    type: 'object',
    required: ['ok', 'errors', 'warnings'],
    properties: {
      ok: { type: 'boolean' },
      errors: { type: 'array', items: ref('Issue') },
      warnings: { type: 'array', items: ref('Issue') },
      computed: { type: 'object', description: '共享规则计算出的值（如缓缴材料截止日）' },
    },
  },
  ObjectId: { type: 'string', pattern: '^[0-9a-f]{24}$' },
  MatterStatus: {
    enum: MATTER_STATUSES,
    description: 'pending 待推送 · accepted 已受理 · reviewing 审核中 · completed 已办结 · returned 已退回',
  },
  OverallStatus: { enum: ['processing', 'completed', 'returned'], description: '办理中 · 已办结 · 部分退回' },
  ApplicationSummary: {
    type: 'object',
    required: [
      'id',
      'code',
      'unitName',
      'employeeCount',
      'status',
      'statusLabel',
      'overdueCount',
      'submittedAt',
    ],
    properties: {
      id: ref('ObjectId'),
      code: { type: 'string', pattern: '^ZP3611\\d{14}$', description: '办件编码' },
      unitName: { type: 'string' },
      employeeCount: { type: 'integer' },
      status: ref('OverallStatus'),
      statusLabel: { type: 'string' },
      overdueCount: { type: 'integer' },
      submittedAt: { type: 'string', format: 'date-time' },
    },
  },
  Matter: {
    type: 'object',
    required: [
      'matter',
      'label',
      'agencyLabel',
      'status',
      'statusLabel',
      'attempt',
      'overdue',
      'reasons',
      'timeline',
    ],
    properties: {
      matter: { enum: MATTERS },
      label: { type: 'string' },
      agencyLabel: { type: 'string' },
      timeLimit: { type: 'string', examples: ['即办', '5 个工作日'] },
      status: ref('MatterStatus'),
      statusLabel: { type: 'string' },
      attempt: { type: 'integer', minimum: 1 },
      caseId: { type: ['string', 'null'] },
      dueDate: { type: ['string', 'null'], format: 'date' },
      overdue: { type: 'boolean' },
      reasons: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            employeeKey: { type: ['string', 'null'] },
          },
        },
      },
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'status', 'statusLabel'],
          properties: {
            at: { type: 'string', format: 'date-time' },
            status: ref('MatterStatus'),
            statusLabel: { type: 'string' },
            note: { type: ['string', 'null'] },
          },
        },
      },
    },
  },
  Application: {
    allOf: [ref('ApplicationSummary')],
    type: 'object',
    required: ['queryPassword', 'housingFundRelief', 'employees', 'matters'],
    properties: {
      queryPassword: { type: 'string', pattern: '^\\d{6}$', description: '查询密码（打印在回执上）' },
      housingFundRelief: ref('HousingFundRelief'),
      reliefDeadline: { type: ['string', 'null'], format: 'date', description: '缓缴/降缴材料截止日' },
      employees: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'name', 'idNumber'],
          properties: {
            key: { type: ['string', 'null'] },
            name: { type: 'string' },
            idNumber: { type: 'string', description: '已脱敏，如 3623**********1234' },
          },
        },
      },
      matters: { type: 'array', items: ref('Matter') },
    },
  },
  Notice: {
    type: 'object',
    required: ['id', 'kind', 'title', 'body', 'applicationId', 'createdAt', 'read'],
    properties: {
      id: ref('ObjectId'),
      kind: { enum: ['matter', 'completed', 'returned', 'reliefReminder'] },
      title: { type: 'string' },
      body: { type: 'string' },
      applicationId: { type: ['string', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      read: { type: 'boolean' },
      pushed: { type: 'boolean', description: '是否已通过平台订阅消息推送' },
    },
  },
  Consents: {
    type: 'object',
    required: ['consents'],
    properties: {
      consents: {
        type: 'object',
        additionalProperties: { type: 'integer', minimum: 0 },
        description: '模板编号 → 剩余可推送次数（一次性订阅）',
      },
    },
  },
  IdCardReading: {
    type: 'object',
    required: ['idNumber', 'name', 'gender', 'ethnicity', 'birthDate', 'address', 'confidence', 'verified'],
    properties: {
      idNumber: { type: ['string', 'null'] },
      name: { type: ['string', 'null'] },
      gender: { enum: ['1', '2', null] },
      ethnicity: { type: ['string', 'null'] },
      birthDate: { type: ['string', 'null'], format: 'date' },
      address: { type: ['string', 'null'] },
      confidence: {
        type: 'object',
        description: '各字段置信度 0..1（未识别为 0）',
        additionalProperties: { type: 'number', minimum: 0, maximum: 1 },
      },
      verified: { type: 'boolean' },
    },
  },
  AgencyCallback: {
    type: 'object',
    description: '部门回调（签名校验通过后才解析）。',
    required: ['caseId', 'idempotencyKey', 'matter', 'applicationCode', 'status', 'sequence'],
    properties: {
      caseId: str(64),
      idempotencyKey: {
        type: 'string',
        pattern: '^[A-Z0-9]{8,40}-(employment|socialInsurance|medicalInsurance|housingFund)-\\d{1,3}$',
      },
      matter: { enum: MATTERS },
      applicationCode: str(40),
      status: { enum: ['accepted', 'reviewing', 'completed', 'returned'] },
      reasons: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: str(64),
            message: str(500),
            employeeIndex: { type: 'integer', minimum: 0, maximum: 10000 },
          },
        },
      },
      steps: {
        type: 'array',
        items: {
          type: 'object',
          properties: { code: str(64), label: str(100), status: str(32), at: str(40) },
        },
      },
      decidedAt: str(40),
      sequence: { type: 'integer', minimum: 0 },
    },
  },
};

const parameters: Record<string, Parameter> = {
  DraftId: { name: 'id', in: 'path', required: true, description: '草稿编号', schema: ref('ObjectId') },
  ApplicationId: { name: 'id', in: 'path', required: true, description: '办件编号', schema: ref('ObjectId') },
  NoticeId: { name: 'id', in: 'path', required: true, description: '消息编号', schema: ref('ObjectId') },
  EmployeeKey: { name: 'key', in: 'path', required: true, schema: ref('EmployeeKey') },
  Matter: { name: 'matter', in: 'path', required: true, schema: { enum: MATTERS } },
  Agency: {
    name: 'agency',
    in: 'path',
    required: true,
    schema: { enum: ['hrss', 'medicalSecurity', 'housingFund'] },
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: true,
    description:
      '每次“提交”操作一个新的随机值（建议 UUID）。缺少 → 400 IDEMPOTENCY_KEY_MISSING；格式错误 → 400 IDEMPOTENCY_KEY_INVALID；同一键不同内容 → 422 IDEMPOTENCY_KEY_REUSED；并发重复 → 409 REQUEST_IN_PROGRESS；重放 → 原响应（响应头 Idempotent-Replayed: true）。',
    schema: { type: 'string', pattern: '^[\\w-]{8,100}$' },
  },
  CallbackTimestamp: {
    name: 'X-Mock-Timestamp',
    in: 'header',
    required: true,
    description: '毫秒时间戳，与服务器时间相差不超过 5 分钟',
    schema: { type: 'string', pattern: '^\\d{1,16}$' },
  },
  CallbackNonce: {
    name: 'X-Mock-Nonce',
    in: 'header',
    required: true,
    description: '一次性随机数，重复使用 → 409 NONCE_REUSED',
    schema: { type: 'string', pattern: '^[\\w-]{8,128}$' },
  },
  CallbackSignature: {
    name: 'X-Mock-Signature',
    in: 'header',
    required: true,
    description: 'hex(HMAC-SHA256(secret, `${timestamp}\\n${nonce}\\n${原始请求体}`))',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
};

const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });

const responses = {
  BadRequest: errorResponse('请求格式或参数有误（BAD_REQUEST、INVALID_JSON），details 指出具体字段'),
  Unauthorized: errorResponse('未登录或登录已失效（UNAUTHORIZED）'),
  NotFound: errorResponse('对象不存在或不属于当前账号（NOT_FOUND）——两种情况回答相同'),
  Conflict: errorResponse('与当前状态冲突'),
  Unprocessable: errorResponse(
    '内容不符合业务规则（VALIDATION_FAILED，details 列出全部问题）或 IDEMPOTENCY_KEY_REUSED',
  ),
  PayloadTooLarge: errorResponse('请求内容过大（PAYLOAD_TOO_LARGE）'),
  UnsupportedMediaType: errorResponse('请求体不是 JSON（UNSUPPORTED_MEDIA_TYPE）'),
  TooManyRequests: errorResponse('请求过于频繁（TOO_MANY_REQUESTS），见 Retry-After'),
  Unavailable: errorResponse('依赖的数据服务暂时不可用'),
  Forbidden: errorResponse('工作人员角色无权执行该操作（FORBIDDEN）'),
};

const bearer = [{ bearerAuth: [] }];
const open: Record<string, string[]>[] = [];
const staffAuth = [{ staffBearer: [] }];

/** Adding or replacing one employee of a draft, based on a version. */
const EMPLOYEE_CHANGE = body(
  {
    type: 'object',
    additionalProperties: false,
    required: ['version', 'employee'],
    properties: { version: { type: 'integer', minimum: 1 }, employee: ref('DraftEmployee') },
  },
  { version: 1, employee: EXAMPLE_EMPLOYEE },
);

/** The answers to a versioned change of a draft. */
const draftChanged = (status: '200' | '201') => ({
  [status]: ok('修改后的草稿', ref('Draft')),
  '400': err('BadRequest'),
  '404': err('NotFound'),
  '409': { description: '版本已过期（VERSION_CONFLICT）', content: json(ref('VersionConflict')) },
  '413': err('PayloadTooLarge'),
  '415': err('UnsupportedMediaType'),
  ...authErrors,
});

const paths: OpenApiDocument['paths'] = {
  '/healthz': {
    get: {
      operationId: 'healthz',
      summary: '进程存活检查',
      tags: ['health'],
      security: open,
      responses: { '200': ok('进程在运行', { type: 'object', properties: { status: { const: 'ok' } } }) },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readyz',
      summary: '就绪检查（数据库可用）',
      tags: ['health'],
      security: open,
      responses: {
        '200': ok('可以接收请求', { type: 'object', properties: { status: { const: 'ready' } } }),
        '503': errorResponse('数据库不可用（DATABASE_UNAVAILABLE）'),
      },
    },
  },
  '/api/v1/openapi.json': {
    get: {
      operationId: 'getOpenApi',
      summary: '本接口说明（OpenAPI 3.1）',
      tags: ['health'],
      security: open,
      responses: {
        '200': ok('本文档', { type: 'object', required: ['openapi', 'paths'] }),
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/auth/login': {
    post: {
      operationId: 'login',
      summary: '用平台登录凭证（wx.login / my.getAuthCode 的 code）登录',
      tags: ['auth'],
      security: open,
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          required: ['platform', 'code'],
          properties: { platform: { enum: ['weapp', 'alipay'] }, code: str(128, { minLength: 1 }) },
        },
        { platform: 'weapp', code: 'mock-code-0001' },
      ),
      responses: {
        '200': ok('登录成功', ref('Session')),
        '400': err('BadRequest'),
        '401': err('Unauthorized'),
        '429': err('TooManyRequests'),
        '503': err('Unavailable'),
      },
    },
  },
  '/api/v1/auth/dev-login': {
    post: {
      operationId: 'devLogin',
      summary: '开发登录（仅 DEV_LOGIN=1，配合模拟服务；生产环境不存在，回答 404）',
      tags: ['auth'],
      security: open,
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          properties: { nickname: str(32, { pattern: '^[\\p{L}\\p{N}_-]*$' }) },
        },
        { nickname: '开发者' },
        false,
      ),
      responses: {
        '200': ok('登录成功', ref('Session')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '429': err('TooManyRequests'),
      },
    },
  },
  '/api/v1/auth/logout': {
    post: {
      operationId: 'logout',
      summary: '退出登录（令牌立即失效）',
      tags: ['auth'],
      responses: { '204': { description: '已退出' }, ...authErrors },
    },
  },
  '/api/v1/auth/refresh': {
    post: {
      operationId: 'refreshToken',
      summary: '换发令牌：返回新令牌，旧令牌立即失效',
      tags: ['auth'],
      responses: {
        '200': ok('新令牌', {
          type: 'object',
          required: ['token', 'expiresAt'],
          properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
        }),
        ...authErrors,
      },
    },
  },
  '/api/v1/me': {
    get: {
      operationId: 'me',
      summary: '当前账号及其办理过的单位',
      tags: ['auth'],
      responses: { '200': ok('当前账号', ref('Me')), ...authErrors },
    },
  },
  '/api/v1/units/lookup': {
    get: {
      operationId: 'lookupUnit',
      summary: '按统一社会信用代码自动获取单位信息',
      tags: ['auto-fill'],
      parameters: [
        { name: 'uscc', in: 'query', required: true, schema: { type: 'string', pattern: '^[0-9A-Z]{18}$' } },
      ],
      responses: {
        '200': ok('单位登记信息', ref('UnitRecord')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '503': err('Unavailable'),
        ...authErrors,
      },
    },
  },
  '/api/v1/persons/lookup': {
    post: {
      operationId: 'lookupPerson',
      summary: '按身份证号码自动获取人员信息（POST：身份证号不进 URL）',
      tags: ['auto-fill'],
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          required: ['idNumber'],
          properties: { idNumber: { type: 'string', description: '18 位居民身份证号码（校验位正确）' } },
        },
        { idNumber: '361102199003072010' },
      ),
      responses: {
        '200': ok('人员信息', ref('PersonRecord')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '503': err('Unavailable'),
        ...authErrors,
      },
    },
  },
  '/api/v1/ocr/id-card': {
    post: {
      operationId: 'readIdCard',
      summary: '识别身份证人像面照片（照片只在本次请求的内存中，不保存、不记录）',
      tags: ['auto-fill'],
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['image'],
              properties: {
                image: {
                  type: 'string',
                  contentMediaType: 'image/jpeg',
                  description: 'JPEG、PNG 或 WebP，不超过 4 MB',
                },
              },
            },
          },
        },
      },
      responses: {
        '200': ok('识别结果（verified：号码校验位正确且与出生日期、性别一致）', ref('IdCardReading')),
        '400': errorResponse(
          '未上传照片、多于一张或上传数据不完整（IMAGE_REQUIRED、TOO_MANY_FILES、BAD_UPLOAD）',
        ),
        '413': errorResponse('图片超过 4 MB（IMAGE_TOO_LARGE）'),
        '415': errorResponse('不是 JPEG/PNG/WebP 照片（UNSUPPORTED_IMAGE_TYPE）'),
        '422': errorResponse('照片无法识别：模糊、过暗、反光、国徽面、不是身份证等，message 说明如何重拍'),
        '503': errorResponse('识别服务暂时不可用或繁忙（OCR_UNAVAILABLE、OCR_BUSY）'),
        ...authErrors,
      },
    },
  },
  '/api/v1/drafts': {
    get: {
      operationId: 'listDrafts',
      summary: '我的草稿（摘要，不含个人信息，按修改时间倒序分页）',
      tags: ['drafts'],
      parameters: PAGE_PARAMETERS,
      responses: {
        '200': ok('草稿列表', page('DraftSummary')),
        '400': err('BadRequest'),
        ...authErrors,
      },
    },
    post: {
      operationId: 'createDraft',
      summary: '新建草稿（可带初始内容）',
      tags: ['drafts'],
      requestBody: body(
        { type: 'object', additionalProperties: false, properties: { application: ref('DraftApplication') } },
        {
          application: {
            unit: EXAMPLE_UNIT,
            matters: ['employment'],
            housingFundRelief: 'none',
            employees: [EXAMPLE_EMPLOYEE],
          },
        },
        false,
      ),
      responses: {
        '201': ok('新草稿', ref('Draft')),
        '400': err('BadRequest'),
        '413': err('PayloadTooLarge'),
        '415': err('UnsupportedMediaType'),
        ...authErrors,
      },
    },
  },
  '/api/v1/drafts/{id}': {
    get: {
      operationId: 'getDraft',
      summary: '草稿详情（完整值，供本人编辑）',
      tags: ['drafts'],
      parameters: [param('DraftId')],
      responses: {
        '200': ok('草稿', ref('Draft')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        ...authErrors,
      },
    },
    patch: {
      operationId: 'patchDraft',
      summary: '修改草稿的单位、事项或缓缴/降缴（乐观锁：带上所基于的 version）',
      description:
        'wx.request / my.request 不能发送 PATCH：小程序以 POST 发送，并带请求头 X-HTTP-Method-Override: PATCH。',
      tags: ['drafts'],
      parameters: [param('DraftId')],
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          required: ['version'],
          properties: {
            version: { type: 'integer', minimum: 1 },
            unit: ref('DraftUnit'),
            matters: ref('Matters'),
            housingFundRelief: ref('HousingFundRelief'),
          },
        },
        { version: 1, unit: EXAMPLE_UNIT, matters: ['employment', 'housingFund'], housingFundRelief: 'none' },
      ),
      responses: {
        '200': ok('修改后的草稿（version + 1）', ref('Draft')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '409': {
          description: '版本已过期（VERSION_CONFLICT），附当前草稿',
          content: json(ref('VersionConflict')),
        },
        '413': err('PayloadTooLarge'),
        '415': err('UnsupportedMediaType'),
        ...authErrors,
      },
    },
    delete: {
      operationId: 'deleteDraft',
      summary: '删除草稿',
      tags: ['drafts'],
      parameters: [param('DraftId')],
      responses: {
        '204': { description: '已删除' },
        '400': err('BadRequest'),
        '404': err('NotFound'),
        ...authErrors,
      },
    },
  },
  '/api/v1/drafts/{id}/employees': {
    post: {
      operationId: 'addDraftEmployee',
      summary: '向草稿添加一名员工（服务端分配 key）',
      tags: ['drafts'],
      parameters: [param('DraftId')],
      requestBody: EMPLOYEE_CHANGE,
      responses: draftChanged('201'),
    },
  },
  '/api/v1/drafts/{id}/employees/{key}': {
    put: {
      operationId: 'replaceDraftEmployee',
      summary: '整体替换草稿中的一名员工',
      tags: ['drafts'],
      parameters: [param('DraftId'), param('EmployeeKey')],
      requestBody: EMPLOYEE_CHANGE,
      responses: draftChanged('200'),
    },
    delete: {
      operationId: 'deleteDraftEmployee',
      summary: '从草稿删除一名员工',
      tags: ['drafts'],
      parameters: [
        param('DraftId'),
        param('EmployeeKey'),
        { name: 'version', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
      ],
      responses: {
        '200': ok('修改后的草稿', ref('Draft')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '409': { description: '版本已过期（VERSION_CONFLICT）', content: json(ref('VersionConflict')) },
        ...authErrors,
      },
    },
  },
  '/api/v1/drafts/{id}/validate': {
    post: {
      operationId: 'validateDraft',
      summary: '按共享规则校验草稿（整表或某一步）',
      tags: ['drafts'],
      parameters: [param('DraftId')],
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          properties: { step: { enum: ['unit', 'matters', 'employees'] } },
        },
        { step: 'employees' },
        false,
      ),
      responses: {
        '200': ok('校验结果', ref('ValidationResult')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '415': err('UnsupportedMediaType'),
        ...authErrors,
      },
    },
  },
  '/api/v1/drafts/{id}/submit': {
    post: {
      operationId: 'submitDraft',
      summary: '提交草稿，生成办件（成功后草稿被消耗）',
      tags: ['applications'],
      parameters: [param('DraftId'), param('IdempotencyKey')],
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
        {},
        false,
      ),
      responses: {
        '201': ok('办件（重放时响应头 Idempotent-Replayed: true）', ref('Application')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '409': err('Conflict'),
        '415': err('UnsupportedMediaType'),
        '422': err('Unprocessable'),
        ...authErrors,
      },
    },
  },
  '/api/v1/applications': {
    get: {
      operationId: 'listApplications',
      summary: '我的办件（摘要，按提交时间倒序分页）',
      tags: ['applications'],
      parameters: PAGE_PARAMETERS,
      responses: {
        '200': ok('办件列表', page('ApplicationSummary')),
        '400': err('BadRequest'),
        ...authErrors,
      },
    },
  },
  '/api/v1/stats': {
    get: {
      operationId: 'getStats',
      summary: '我的办件统计：按状态计数与超期事项数',
      tags: ['applications'],
      responses: {
        '200': ok('统计', {
          type: 'object',
          required: ['applications', 'matters'],
          properties: {
            applications: {
              type: 'object',
              required: ['total', 'processing', 'completed', 'returned'],
              properties: {
                total: { type: 'integer', minimum: 0 },
                processing: { type: 'integer', minimum: 0 },
                completed: { type: 'integer', minimum: 0 },
                returned: { type: 'integer', minimum: 0 },
              },
            },
            matters: {
              type: 'object',
              required: ['byStatus', 'overdue'],
              properties: {
                byStatus: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
                overdue: { type: 'integer', minimum: 0 },
              },
            },
          },
        }),
        ...authErrors,
      },
    },
  },
  '/api/v1/applications/{id}': {
    get: {
      operationId: 'getApplication',
      summary: '办件详情与各事项进度',
      tags: ['applications'],
      parameters: [param('ApplicationId')],
      responses: {
        '200': ok('办件', ref('Application')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        ...authErrors,
      },
    },
  },
  '/api/v1/applications/{id}/matters/{matter}/resubmit': {
    post: {
      operationId: 'resubmitMatter',
      summary: '补正被退回的事项并单独重新提交（其他事项不受影响）',
      tags: ['applications'],
      parameters: [param('ApplicationId'), param('Matter'), param('IdempotencyKey')],
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          properties: { employees: { type: 'array', maxItems: 500, items: ref('DraftEmployeeWithKey') } },
        },
        { employees: [{ ...EXAMPLE_EMPLOYEE, key: '0123456789ab' }] },
      ),
      responses: {
        '200': ok('补正后的办件（该事项回到待推送）', ref('Application')),
        '400': err('BadRequest'),
        '404': err('NotFound'),
        '409': err('Conflict'),
        '413': err('PayloadTooLarge'),
        '415': err('UnsupportedMediaType'),
        '422': err('Unprocessable'),
        ...authErrors,
      },
    },
  },
  '/api/v1/notices': {
    get: {
      operationId: 'listNotices',
      summary: '站内消息（最近 100 条）',
      tags: ['notices'],
      responses: {
        '200': ok('消息列表', {
          type: 'object',
          required: ['items', 'unread'],
          properties: { items: { type: 'array', items: ref('Notice') }, unread: { type: 'integer' } },
        }),
        ...authErrors,
      },
    },
  },
  '/api/v1/notices/{id}/read': {
    post: {
      operationId: 'markNoticeRead',
      summary: '标记消息已读',
      tags: ['notices'],
      parameters: [param('NoticeId')],
      responses: {
        '204': { description: '已读' },
        '400': err('BadRequest'),
        '404': err('NotFound'),
        ...authErrors,
      },
    },
  },
  '/api/v1/subscriptions': {
    get: {
      operationId: 'getSubscriptions',
      summary: '订阅消息剩余次数',
      tags: ['notices'],
      responses: { '200': ok('各模板剩余次数', ref('Consents')), ...authErrors },
    },
    post: {
      operationId: 'grantSubscriptions',
      summary: '记录用户在平台订阅对话框中同意的模板（每次同意可推送一条）',
      tags: ['notices'],
      requestBody: body(
        {
          type: 'object',
          additionalProperties: false,
          required: ['templateIds'],
          properties: {
            templateIds: {
              type: 'array',
              minItems: 1,
              maxItems: 3,
              items: { type: 'string', description: '已配置的模板编号' },
            },
          },
        },
        { templateIds: ['mock_tpl_case_result'] },
      ),
      responses: {
        '200': ok('各模板剩余次数', ref('Consents')),
        '400': err('BadRequest'),
        '415': err('UnsupportedMediaType'),
        ...authErrors,
      },
    },
  },
  '/api/v1/staff/me': {
    get: {
      operationId: 'getStaffMe',
      summary: '当前工作人员的编号、角色与所属区县',
      tags: ['staff'],
      security: staffAuth,
      responses: {
        '200': ok('工作人员', {
          type: 'object',
          required: ['staff'],
          properties: { staff: ref('StaffMember') },
        }),
        '401': err('Unauthorized'),
      },
    },
  },
  '/api/v1/agency-callbacks/{agency}': {
    post: {
      operationId: 'agencyCallback',
      summary: '部门回调办理结果（服务端对服务端，HMAC 签名，不用登录令牌）',
      description:
        '先校验签名、时间戳和随机数，再解析请求体。重复或过时的回调也回答 200（applied: false），部门应停止重试。',
      tags: ['callbacks'],
      security: [{ agencySignature: [] }],
      parameters: [
        param('Agency'),
        param('CallbackTimestamp'),
        param('CallbackNonce'),
        param('CallbackSignature'),
      ],
      requestBody: body(ref('AgencyCallback'), {
        caseId: 'HRSS-20261126-0001',
        idempotencyKey: 'ZP361120261126042517-employment-1',
        matter: 'employment',
        applicationCode: 'ZP361120261126042517',
        status: 'completed',
        decidedAt: '2026-11-26T08:00:00.000Z',
        sequence: 3,
      }),
      responses: {
        '200': ok('已收到', {
          type: 'object',
          required: ['ok', 'applied'],
          properties: { ok: { const: true }, applied: { type: 'boolean' } },
        }),
        '400': err('BadRequest'),
        '401': errorResponse('签名无效或时间戳过期（BAD_SIGNATURE）'),
        '404': err('NotFound'),
        '409': errorResponse('随机数已使用（NONCE_REUSED，疑似重放）'),
        '429': err('TooManyRequests'),
      },
    },
  },
};

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: '员工招聘一件事 BFF 接口',
    version: '1.0.0',
    description:
      '小程序与 H5 调用的后端接口。请求和响应均为 JSON（UTF-8）；错误统一为 { error: { code, message, details? } }，message 为中文。列表和摘要中的身份证号、手机号已脱敏。',
  },
  servers: [{ url: '/', description: '与本文档同一主机' }],
  tags: [
    { name: 'health', description: '健康检查与接口说明' },
    { name: 'auth', description: '登录与会话' },
    { name: 'auto-fill', description: '系统自动获取' },
    { name: 'drafts', description: '草稿（向导自动保存）' },
    { name: 'applications', description: '提交、办件与补正' },
    { name: 'notices', description: '站内消息与订阅消息' },
    { name: 'callbacks', description: '部门回调' },
    { name: 'staff', description: '工作人员（窗口、监督、管理员）' },
  ],
  security: bearer,
  paths,
  components: {
    schemas,
    parameters,
    responses,
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'POST /auth/login 返回的令牌' },
      staffBearer: {
        type: 'http',
        scheme: 'bearer',
        description: '工作人员令牌（工作人员统一登录接入前由 STAFF_TOKENS 配置）',
      },
      agencySignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Mock-Signature',
        description: '部门回调签名，另需 X-Mock-Timestamp 与 X-Mock-Nonce（见参数说明）',
      },
    },
  },
};

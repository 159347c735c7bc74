import fc from 'fast-check';
import { JOB_COLUMNS, describePath } from '../src/application';
import {
  issuesByEmployee,
  validateApplication,
  validateEmployee,
  validateStep,
} from '../src/validateApplication';
import { PERSON_COLUMNS, TODAY, application, employee, residentId } from './fixtures';
import {
  ruleConfigsFromFigures,
  type AnyRuleFigurePeriod,
  type RuleFigureKind,
  type RuleFigureValues,
} from '../src/ruleConfig';

/** The rules with one figure of `kind` in force since 2021: official, or still a placeholder (参考值). */
function since2021<K extends RuleFigureKind>(
  kind: K,
  value: RuleFigureValues[K],
  { placeholder = false } = {},
) {
  const period = { kind, effectiveFrom: '2021-04-01', effectiveTo: null, placeholder, source: '测试', value };
  return ruleConfigsFromFigures([period as AnyRuleFigurePeriod]);
}

const validate = (input: unknown, today = TODAY) => validateApplication(input, { today });
const codes = (issues: { path: string; code: string }[]) => issues.map((i) => `${i.path}:${i.code}`);

describe('a complete, correct application', () => {
  it('passes without errors or warnings and computes the housing fund amounts', () => {
    const result = validate(application());
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.computed.employees[0].housingFund).toEqual({ unit: 600, personal: 600, total: 1200 });
    expect(result.computed.employees[0]).toMatchObject({
      hireDate: '2025-06-01',
      age: 30,
      birthDate: '1995-03-15',
    });
  });

  it('tells staff which figures are still placeholders', () => {
    expect(validate(application()).computed.placeholderFigures).toContain('社会保险缴费基数上下限');
  });
});

describe('all problems at once (一次性告知)', () => {
  it('reports every missing required column of every row in one go, in Chinese', () => {
    const result = validate(
      application({ employees: [employee({ name: '', phone: '123' }), employee({ hukouAddress: '  ' })] }),
    );
    expect(codes(result.errors)).toEqual(
      expect.arrayContaining([
        'employees[0].name:required',
        'employees[0].phone:mobile',
        'employees[1].hukouAddress:required',
      ]),
    );
    expect(result.errors.find((e) => e.path === 'employees[0].name')?.message).toBe('请填写姓名');
    expect(result.ok).toBe(false);
  });

  it('points at the cell in words', () => {
    expect(describePath('employees[1].phone')).toBe('第2位员工 手机号码');
    expect(describePath('unit.uscc')).toBe('统一社会信用代码');
  });

  it('groups row issues for a batch pre-check', () => {
    const result = validate(
      application({ employees: [employee(), employee({ name: '' }), employee({ phone: 'x' })] }),
    );
    expect([...issuesByEmployee(result.errors).keys()]).toEqual([1, 2]);
  });
});

describe('columns that depend on the chosen matters', () => {
  const bare = employee({
    wage: undefined,
    insuredFrom: undefined,
    contract: undefined,
    insuranceTypes: undefined,
    housingFund: undefined,
    occupation: undefined,
    education: undefined,
    workAddress: undefined,
  });

  it.each([
    [
      'needs the 招聘信息 group and the contract period (人社 registers no hire without it) for employment registration',
      'employment',
      ['contract', 'occupation', 'education', 'workAddress'],
    ],
    [
      'requires wage, start month, contract and insurance types for social insurance',
      'socialInsurance',
      ['wage', 'insuredFrom', 'contract', 'insuranceTypes'],
    ],
  ] as const)('%s', (_title, matter, required) => {
    const result = validate(application({ matters: [matter], employees: [bare] }));
    expect(codes(result.errors)).toEqual(required.map((field) => `employees[0].${field}:required`));
  });

  it('drops columns of matters not chosen from the submitted value', () => {
    const result = validate(application({ matters: ['employment'] }));
    expect(result.ok).toBe(true);
    expect(result.value.employees[0]).not.toHaveProperty('housingFund');
    expect(result.computed.employees[0].housingFund).toBeUndefined();
  });

  it('refuses insurance types whose matter was not chosen, and requires one per chosen matter', () => {
    const result = validate(
      application({ matters: ['socialInsurance'], employees: [employee({ insuranceTypes: ['medical'] })] }),
    );
    expect(result.errors.map((e) => e.message)).toEqual([
      '未勾选对应办事项目，不能选择：职工基本医疗保险',
      '办理社保参保登记须至少选择养老保险、工伤保险、失业保险中的一项',
    ]);
  });

  it('keeps housing fund ratios within 5%-12%', () => {
    const result = validate(
      application({
        employees: [employee({ housingFund: { base: 5000, unitRatio: 4, personalRatio: 13 } })],
      }),
    );
    expect(result.errors.map((e) => `${e.path} ${e.message}`)).toEqual([
      'employees[0].housingFund.unitRatio 缴存比例应在 5%-12% 之间',
      'employees[0].housingFund.personalRatio 缴存比例应在 5%-12% 之间',
    ]);
  });

  it('requires 职工基本医疗保险 for 医保: 长期护理 alone registers nobody', () => {
    const row = employee({ insuranceTypes: ['pension', 'longTermCare'] });
    const result = validate(application({ employees: [row] }));
    expect(result.errors.map((e) => `${e.path} ${e.message}`)).toEqual([
      'employees[0].insuranceTypes 办理医保参保登记须选择职工基本医疗保险（生育、长期护理、大病补充医疗保险随其一并参保）',
    ]);
  });

  it("accepts a landline with its area code as the operator's 联系电话", () => {
    const input = application();
    input.unit.operator.phone = '0793 8212345';
    const result = validate(input);
    expect(result.errors).toEqual([]);
    expect(result.value.unit.operator.phone).toBe('0793-8212345');
    input.unit.operator.phone = '8212345';
    expect(validate(input).errors.map((e) => e.message)).toEqual([
      '联系电话应为 11 位手机号或带区号的固定电话（如 0793-8212345）',
    ]);
  });

  it('asks 首次办理 per code: a unit with a 社保 code but no 公积金 account gives only the code', () => {
    const partly = application();
    partly.unit.firstApplication = false;
    partly.unit.housingFundFirst = true;
    expect(codes(validate(partly).errors)).toEqual(['unit.socialInsuranceCode:required']);
    partly.unit.socialInsuranceCode = '361100123456';
    expect(validate(partly).errors).toEqual([]);
  });

  it('asks a returning unit for its 单位编码 and 单位账号, but not a first-time one', () => {
    const returning = application();
    returning.unit.firstApplication = false;
    expect(codes(validate(returning).errors)).toEqual([
      'unit.socialInsuranceCode:required',
      'unit.housingFundAccount:required',
    ]);
  });
});

describe('rules across columns', () => {
  it('refuses a gender that disagrees with the ID number', () => {
    const result = validate(application({ employees: [employee({ gender: '2' })] }));
    expect(result.errors).toEqual([
      { path: 'employees[0].gender', code: 'gender-mismatch', message: '性别与身份证号码不一致' },
    ]);
  });

  it('refuses a hire under 16 and flags a 未成年工', () => {
    const child = employee({ idNumber: residentId('2009-06-02', '123') });
    expect(codes(validate(application({ employees: [child] })).errors)).toEqual([
      'employees[0].idNumber:underage',
    ]);
    const minor = employee({ idNumber: residentId('2009-05-31', '123') });
    const result = validate(application({ employees: [minor] }));
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['employees[0].idNumber:minor']);
  });

  it('flags someone past retirement age for review without blocking', () => {
    const result = validate(
      application({ employees: [employee({ idNumber: residentId('1960-01-01', '123') })] }),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings[0].message).toMatch(/已于 2020\.01\.01 达到法定退休年龄/);
  });

  it('refuses the same person twice in one application', () => {
    const result = validate(application({ employees: [employee(), employee({ name: '张三丰' })] }));
    expect(result.errors).toEqual([
      { path: 'employees[1].idNumber', code: 'duplicate', message: '与第1位员工的证件号码重复' },
    ]);
  });

  it('refuses a contract that ends before it starts, but accepts an open-ended one', () => {
    const backwards = employee({ contract: { start: '2025-06-01', end: '2025-05-31' } });
    expect(codes(validate(application({ employees: [backwards] })).errors)).toEqual([
      'employees[0].contract.end:contract-order',
    ]);
    const openEnded = employee({ contract: { start: '2025-06-01', end: null } });
    expect(validate(application({ employees: [openEnded] })).ok).toBe(true);
  });

  it('refuses contributions that start before the hire', () => {
    const result = validate(application({ employees: [employee({ insuredFrom: '2025-05' })] }));
    expect(codes(result.errors)).toEqual(['employees[0].insuredFrom:insured-before-hire']);
  });

  it('warns when registration is past the 30 days the law allows', () => {
    const late = employee({ contract: { start: '2025-05-01', end: null }, insuredFrom: '2025-05' });
    const result = validate(application({ employees: [late] }));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message)).toEqual([
      '入职已超过 30 天（应于 2025.05.31 前办理），社保、公积金登记已逾期，请尽快提交',
    ]);
  });

  it('clamps a low declared wage to an official base floor with a visible notice', () => {
    const official = since2021('socialInsuranceBase', { floor: 4000, cap: 20000 });
    const result = validateApplication(application({ employees: [employee({ wage: 2000 })] }), {
      today: TODAY,
      configs: official,
    });
    expect(result.ok).toBe(true);
    expect(result.warnings[0]).toMatchObject({ path: 'employees[0].wage', code: 'wage-clamped' });
    expect(result.computed.employees[0].socialInsuranceBase).toMatchObject({
      declared: 2000,
      clampedTo: 'floor',
    });
  });

  it('only mentions a placeholder floor as 参考值 and keeps the declared wage', () => {
    const result = validate(application({ employees: [employee({ wage: 2000 })] }));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.code} ${w.message}`)).toEqual([
      'wage-reference 申报工资低于社会保险缴费基数下限参考值 4000 元（参考值），按申报值提交，以经办部门核定为准',
    ]);
    expect(result.computed.employees[0].socialInsuranceBase).toMatchObject({ base: 2000, clampedTo: null });
  });

  it('does not block a ratio outside a range still marked 参考值', () => {
    const guessed = since2021('housingFundRatio', { minPercent: 6, maxPercent: 10 }, { placeholder: true });
    const high = employee({ housingFund: { base: 5000, unitRatio: 12, personalRatio: 12 } });
    expect(validateApplication(application({ employees: [high] }), { today: TODAY }).ok).toBe(true);
    const official = since2021('housingFundRatio', { minPercent: 6, maxPercent: 10 });
    expect(
      validateApplication(application({ employees: [high] }), { today: TODAY, configs: guessed }).ok,
    ).toBe(true);
    const refused = validateApplication(application({ employees: [high] }), {
      today: TODAY,
      configs: official,
    });
    expect(refused.errors.map((e) => e.message)).toContain('缴存比例应在 6%-10% 之间');
  });

  it('computes the housing fund on the clamped base', () => {
    const low = employee({ housingFund: { base: 1000, unitRatio: 12, personalRatio: 12 } });
    const result = validate(application({ employees: [low] }));
    expect(result.computed.employees[0].housingFund).toEqual({ unit: 208, personal: 208, total: 416 }); // 1730 × 12%
    expect(result.warnings.map((w) => `${w.path} ${w.message}`)).toEqual([
      'employees[0].housingFund.base 月缴存基数低于住房公积金月缴存基数下限，将按下限 1730 元申报',
    ]);
  });

  it('warns about a USCC with a wrong check character but accepts it', () => {
    const input = application();
    const code = input.unit.uscc;
    input.unit.uscc = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const result = validate(input);
    expect(result.ok).toBe(true);
    expect(codes(result.warnings)).toEqual(['unit.uscc:uscc-check-digit']);
  });

  it('refuses an application dated in the future', () => {
    expect(codes(validate(application(), '2025-06-09').errors)).toContain('unit.applicationDate:future-date');
  });
});

describe('hires without a mainland ID (⑦港澳台 / ⑧外籍)', () => {
  it('requires the matching document and a birth date the document does not carry', () => {
    const foreigner = employee({ hukouType: '8', idType: 'passport', idNumber: 'E12345678' });
    expect(codes(validate(application({ employees: [foreigner] })).errors)).toEqual([
      'employees[0].birthDate:required',
    ]);
    const withBirth = { ...foreigner, birthDate: '1990-01-01' };
    expect(validate(application({ employees: [withBirth] })).ok).toBe(true);
  });

  it('refuses a resident ID for a foreign hire', () => {
    const result = validate(application({ employees: [employee({ hukouType: '8' })] }));
    expect(result.errors.map((e) => e.message)).toEqual([
      '户口性质为“外籍”的员工应使用外国人永久居留身份证或护照',
    ]);
  });
});

describe('缓缴 / 降缴', () => {
  it('tells the unit the materials deadline one month after submitting', () => {
    const input = application();
    input.housingFundRelief = 'reduce';
    const result = validate(input);
    expect(result.computed.reliefMaterialsDueBy).toBe('2025-07-10');
    expect(result.warnings[0].message).toMatch(
      /^申请降缴的单位须在 2025\.07\.10 前将以下材料提交至公积金分中心/,
    );
  });

  it('is only possible together with the housing fund matter', () => {
    const input = application({ matters: ['employment'] });
    input.housingFundRelief = 'defer';
    expect(codes(validate(input).errors)).toEqual(['housingFundRelief:needs-fund']);
  });
});

describe('garbage in', () => {
  it('reports problems instead of throwing on malformed input', () => {
    for (const input of [
      null,
      {},
      [],
      'x',
      42,
      { matters: 'x', unit: 5, employees: {} },
      { employees: [null] },
    ]) {
      const result = validate(input);
      expect(result.ok).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
    expect(validate([]).errors[0]).toEqual({ path: '', code: 'typeError', message: '申请表格式不正确' });
    expect(describePath('')).toBe('申请表');
  });

  const FIELD_PATHS: (string | number)[][] = [
    ['matters'],
    ['matters', 0],
    ['housingFundRelief'],
    ['unit'],
    ...['name', 'uscc', 'applicationDate', 'address', 'countyCode', 'firstApplication'].map((f) => [
      'unit',
      f,
    ]),
    ...['socialInsuranceCode', 'housingFundAccount', 'operator', 'bank'].map((f) => ['unit', f]),
    ...['name', 'idNumber', 'phone'].map((f) => ['unit', 'operator', f]),
    ...['name', 'accountName', 'accountNo'].map((f) => ['unit', 'bank', f]),
    ['employees'],
    ['employees', 0],
    ...['key', 'idType', ...PERSON_COLUMNS, 'birthDate', ...JOB_COLUMNS, 'remark'].map((f) => [
      'employees',
      0,
      f,
    ]),
    ['employees', 0, 'contract', 'start'],
    ['employees', 0, 'contract', 'end'],
    ['employees', 0, 'insuranceTypes', 0],
    ...['base', 'unitRatio', 'personalRatio'].map((f) => ['employees', 0, 'housingFund', f]),
  ];

  function withValueAt(path: (string | number)[], value: unknown): unknown {
    const input = application() as unknown as Record<string | number, unknown>;
    const unit = input.unit as Record<string, unknown>;
    unit.firstApplication = false;
    unit.bank = { name: '中国银行上饶分行', accountName: '上饶市某某制造有限公司', accountNo: '62170000' };
    let at = input;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path[path.length - 1]] = value;
    return input;
  }

  // yup's own .trim() throws on a non-string, its casts call toString/valueOf, and its default type
  // message prints the whole value in English: none of that may reach the user.
  const NASTY: unknown[] = [
    null,
    [],
    ['a'],
    { $gt: '' },
    { toString: 1, valueOf: 1 },
    Object.create(null),
    'x'.repeat(1_000_000),
    ` ${'１'.repeat(100_000)} `,
    Number.NaN,
    Infinity,
    -1,
    true,
  ];

  it('never throws and answers in Chinese whatever sits in any field', () => {
    for (const path of FIELD_PATHS) {
      for (const value of NASTY) {
        const started = Date.now();
        const result = validate(withValueAt(path, value));
        expect(Date.now() - started).toBeLessThan(1000);
        for (const issue of [...result.errors, ...result.warnings]) {
          expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
          expect(issue.message).not.toMatch(/must be|cannot be null|is a required field/);
        }
        expect(result.ok).toBe(result.errors.length === 0);
      }
    }
  });

  it('never throws on arbitrary JSON anywhere in the form (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELD_PATHS), fc.jsonValue(), (path, value) => {
        const result = validate(withValueAt(path, value));
        return result.ok === (result.errors.length === 0) && result.errors.every((e) => e.message !== '');
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a query operator in place of a value', () => {
    const result = validate(withValueAt(['employees', 0, 'idNumber'], { $gt: '' }));
    expect(result.errors).toContainEqual({
      path: 'employees[0].idNumber',
      code: 'typeError',
      message: '证件号码格式不正确',
    });
  });

  it('ignores inherited and prototype-polluting keys', () => {
    const input = JSON.parse(
      JSON.stringify(application()).replace('"matters"', '"__proto__":{"polluted":1},"matters"'),
    ) as unknown;
    validate(input);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('fields the issue leaves optional', () => {
  it('uses today as the application date when none is given, and records it', () => {
    const input = application();
    delete input.unit.applicationDate;
    const result = validate(input, '2025-06-12');
    expect(result.ok).toBe(true);
    expect(result.value.unit.applicationDate).toBe('2025-06-12');
  });

  it('does not ask for 单位编码 or 单位账号 when it is not known whether the unit applied before', () => {
    const input = application();
    delete input.unit.firstApplication;
    expect(validate(input).errors).toEqual([]);
  });

  it('treats a missing document type as a resident ID and a missing relief as none', () => {
    const row = employee();
    delete row.idType;
    const input = application({ employees: [row] });
    delete input.housingFundRelief;
    const result = validate(input);
    expect(result.ok).toBe(true);
    expect(result.value.employees[0].idType).toBe('resident');
    expect(result.value.housingFundRelief).toBe('none');
  });

  it('reads a contract without an end as open-ended', () => {
    const result = validate(application({ employees: [employee({ contract: { start: '2025-06-01' } })] }));
    expect(result.ok).toBe(true);
  });
});

describe('one step or one row at a time (the wizard)', () => {
  it('validateStep reports only the step asked about', () => {
    const input = application({ employees: [employee({ phone: '123' })] });
    input.unit.name = '';
    expect(codes(validateStep(input, 'unit', { today: TODAY }).errors)).toEqual(['unit.name:required']);
    expect(validateStep(input, 'matters', { today: TODAY })).toEqual({ ok: true, errors: [], warnings: [] });
    expect(codes(validateStep(input, 'employees', { today: TODAY }).errors)).toEqual([
      'employees[0].phone:mobile',
    ]);
  });

  it('validateEmployee checks one row with paths at its place in the list', () => {
    const row = employee({
      phone: '123',
      gender: '2',
      housingFund: { base: 5000, unitRatio: 4, personalRatio: 12 },
    });
    const result = validateEmployee(row, { today: TODAY, matters: ['housingFund'], index: 3 });
    expect(result.ok).toBe(false);
    expect(codes(result.errors)).toEqual([
      'employees[3].phone:mobile',
      'employees[3].housingFund.unitRatio:range',
      'employees[3].gender:gender-mismatch',
    ]);
  });

  it("validateEmployee requires only the chosen matters' columns and shows the computed amounts", () => {
    const bare = employee({ occupation: undefined, education: undefined, workAddress: undefined });
    const result = validateEmployee(bare, { today: TODAY, matters: ['housingFund'] });
    expect(result).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(result.computed.housingFund).toEqual({ unit: 600, personal: 600, total: 1200 });
    const employment = validateEmployee(bare, { today: TODAY, matters: ['employment'] });
    expect(codes(employment.errors)).toEqual([
      'employees[0].occupation:required',
      'employees[0].education:required',
      'employees[0].workAddress:required',
    ]);
  });

  it('validateEmployee never throws either', () => {
    for (const row of [null, [], 'x', { $gt: '' }, { idNumber: { $gt: '' }, name: ['x'] }]) {
      const result = validateEmployee(row, { today: TODAY, matters: ['socialInsurance'], index: 1 });
      expect(result.ok).toBe(false);
      expect(result.errors.every((e) => e.path.startsWith('employees[1]'))).toBe(true);
    }
  });
});

describe('drafts in the wizard', () => {
  it('keeps the server-issued row key through validation', () => {
    const result = validate(application({ employees: [employee({ key: 'row-1' })] }));
    expect(result.value.employees[0].key).toBe('row-1');
  });

  it('reports only the issues of the step being validated', () => {
    const input = application({ employees: [employee({ name: '' })] });
    input.unit.address = '';
    const unitStep = validateApplication(input, { today: TODAY, step: 'unit' });
    expect(codes(unitStep.errors)).toEqual(['unit.address:required']);
    const mattersStep = validateApplication(input, { today: TODAY, step: 'matters' });
    expect(mattersStep.ok).toBe(true);
  });
});

describe('normalized values', () => {
  it('stores phone numbers and ID numbers the way agency systems expect them', () => {
    const id = residentId('1990-01-01', '006');
    expect(id.endsWith('X')).toBe(true);
    const row = employee({ phone: '+86 139-0000-1111', idNumber: ` ${id.toLowerCase()} `, gender: '2' });
    const result = validate(application({ employees: [row] }));
    expect(result.errors).toEqual([]);
    expect(result.value.employees[0].phone).toBe('13900001111');
    expect(result.value.employees[0].idNumber).toBe(id);
  });
});

describe('dates outside the rules in force', () => {
  it('reports an application date before any configuration instead of failing', () => {
    const input = application();
    input.unit.applicationDate = '2019-01-01';
    const result = validate(input);
    expect(codes(result.errors)).toContain('unit.applicationDate:too-early');
  });

  it('reports an unknown insurance type once, without a second message about missing types', () => {
    const result = validate(
      application({ employees: [employee({ insuranceTypes: ['pension', 'medical', 'dental' as never] })] }),
    );
    expect(codes(result.errors)).toEqual(['employees[0].insuranceTypes[2]:oneOf']);
  });
});

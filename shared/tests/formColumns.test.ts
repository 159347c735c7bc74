import { fieldOfHeader, rowFromFormCells, rowToFormCells, TEMPLATE_COLUMNS } from '../src/formColumns';
import { ETHNICITIES, INSURANCE_TYPES } from '../src/codes';
import { validateApplication } from '../src/validateApplication';
import { PERSON_COLUMNS, TODAY, application, employee, residentId } from './fixtures';

describe('importing rows in the paper form’s columns', () => {
  const sheetRow = {
    身份证号码: residentId('1995-03-15', '123'),
    姓名: '张三',
    民族: '汉',
    性别: '男',
    户口性质: '①',
    户籍地址: '江西省上饶市信州区某路1号',
    手机号码: '139 0000 1111',
    通讯地址: '江西省上饶市信州区某路1号',
    '申报工资(元/月)': '5,000',
    本次参保时间: '2025.6',
    劳动合同起止时间: '2025.06.01—2028.05.31',
    险种: '养老、工伤、失业、职工基本医疗保险、生育',
    月缴存基数: 5000,
    单位缴存比例: '12%',
    个人缴存比例: 0.12,
    '职业（工种）': '操作工',
    学历: '高中',
    工作地址: '江西省上饶市信州区某路1号',
  };

  it('reads cells written the way people write them and the result passes validation', () => {
    const { row, issues } = rowFromFormCells(sheetRow, 0);
    expect(issues).toEqual([]);
    // The sheet row is the fixture's hire in the paper's notation: it reads back as that hire, every column
    // (the phone as typed: the row check strips its spaces).
    expect(row).toEqual({ ...employee(), phone: '139 0000 1111' });
    const result = validateApplication(application({ employees: [row as never] }), { today: TODAY });
    expect(result.errors).toEqual([]);
  });

  it('reports cells it cannot read instead of guessing, naming the row and column', () => {
    // The form's own example writes 城镇 for 户口性质, which is none of the eight codes.
    const { issues } = rowFromFormCells({ ...sheetRow, 户口性质: '城镇', 险种: '养老、商业险' }, 4);
    expect(issues).toEqual([
      { path: 'employees[4].hukouType', code: 'unrecognized', message: '无法识别的户口性质：“城镇”' },
      { path: 'employees[4].insuranceTypes', code: 'unrecognized', message: '无法识别的险种：“商业险”' },
    ]);
  });

  it('lists headers that are not form columns', () => {
    expect(rowFromFormCells({ ...sheetRow, 工号: 'A001' }, 0).unknownHeaders).toEqual(['工号']);
  });

  it('does not assume a resident ID for a foreign hire', () => {
    expect(rowFromFormCells({ ...sheetRow, 户口性质: '⑧外籍' }, 0).row.idType).toBeUndefined();
  });
});

describe('exporting rows', () => {
  it('writes the form notation and reads back to the same row', () => {
    const original = employee({ contract: { start: '2025-06-01', end: null }, remark: '转入' });
    const cells = rowToFormCells(original);
    expect(cells).toMatchObject({
      户口性质: '①市区非农业',
      劳动合同起止时间: '2025.06.01—无固定期限',
      本次参保时间: '2025.06',
      单位缴存比例: '12%',
    });
    expect(rowFromFormCells(cells, 0).row).toEqual(original);
  });
});

describe('险种 as one column per box, as on the form', () => {
  const base = {
    身份证号码: residentId('1995-03-15', '123'),
    姓名: '张三',
  };

  it('reads ticked boxes in the form’s order, whatever mark was used', () => {
    const { row, issues } = rowFromFormCells(
      {
        ...base,
        生育保险: '√',
        养老保险: '✓',
        工伤保险: '是',
        失业保险: '',
        职工基本医疗保险: '☑',
        长期护理保险: '否',
      },
      0,
    );
    expect(issues).toEqual([]);
    expect(row.insuranceTypes).toEqual(['pension', 'injury', 'medical', 'maternity']);
  });

  it('reports a box it cannot read, naming the box', () => {
    const { issues } = rowFromFormCells({ ...base, 养老保险: '也许' }, 2);
    expect(issues).toEqual([
      {
        path: 'employees[2].insuranceTypes',
        code: 'unrecognized',
        message: '无法识别的养老保险：“也许”（参保填 √，不参保留空）',
      },
    ]);
  });

  it('knows the template’s own columns and the form’s computed ones, which it ignores quietly', () => {
    expect(fieldOfHeader('养老保险')).toBe('insurance:pension');
    expect(fieldOfHeader('缴存比例（单位）')).toBe('housingFund.unitRatio');
    expect(fieldOfHeader('月缴存额（元）')).toBe('');
    expect(fieldOfHeader('错误原因')).toBe('');
    expect(fieldOfHeader('工号')).toBeUndefined();
    expect(rowFromFormCells({ ...base, 序号: '1', 月缴存额: '540' }, 0).unknownHeaders).toEqual([]);
  });
});

describe('the template’s columns', () => {
  it('cover every column of the form and take their lists from the code lists', () => {
    const byField = new Map(TEMPLATE_COLUMNS.map((column) => [column.field, column]));
    for (const field of PERSON_COLUMNS) expect(byField.has(field)).toBe(true);
    expect(byField.get('ethnicity')?.choices).toEqual(ETHNICITIES.map((item) => item.label));
    expect(byField.get('hukouType')?.choices?.[4]).toBe('⑤省外非农业户口');
    expect(TEMPLATE_COLUMNS.filter((column) => column.field.startsWith('insurance:'))).toHaveLength(
      INSURANCE_TYPES.length,
    );
    // Every header reads back as the field it was written for.
    for (const column of TEMPLATE_COLUMNS) expect(fieldOfHeader(column.header)).toBe(column.field);
  });

  it('the example row’s values are read by the same rules as any row', () => {
    const cells = {
      身份证号码: residentId('1990-01-01', '123'),
      户口性质: '⑤省外非农业户口',
      学历: '普通高中',
      民族: '汉族',
    };
    expect(rowFromFormCells(cells, 0).row).toMatchObject({
      hukouType: '5',
      education: '61',
      ethnicity: '01',
    });
  });
});

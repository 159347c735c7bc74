import { MATTER_FIELDS, requiredRowFields } from '../src/matterFields';
import { routeMatters } from '../src/routing';
import { validateApplication } from '../src/validateApplication';
import { TODAY, application, employee, residentId } from './fixtures';

const routedValue = (input: unknown, excluded?: Record<string, string[]>) => {
  const result = validateApplication(input, { today: TODAY });
  expect(result.errors).toEqual([]);
  return routeMatters(result.value, { excluded });
};

describe('what each agency receives', () => {
  it('sends one part per chosen matter and nothing for the others', () => {
    const routed = routedValue(application({ matters: ['employment', 'housingFund'] }));
    expect(Object.keys(routed).sort()).toEqual(['employment', 'housingFund']);
  });

  it('gives 人社 employment registration every column it declares, in the paper form notation', () => {
    const input = application();
    input.employees[0].remark = '夜班岗位';
    const { employment } = routedValue(input);
    expect(employment?.body.employees[0]).toEqual({
      idType: 'resident',
      idNumber: input.employees[0].idNumber,
      name: '张三',
      gender: '1',
      ethnicity: '01',
      hukouType: '1',
      hukouAddress: '江西省上饶市信州区某路1号',
      phone: '13900001111',
      address: '江西省上饶市信州区某路1号',
      remark: '夜班岗位',
      occupation: '操作工',
      education: '61',
      workAddress: '江西省上饶市信州区某路1号',
      contractPeriod: '2025.06.01—2028.05.31',
    });
    expect(employment?.body.unit).toEqual({
      uscc: input.unit.uscc,
      name: '上饶市某某制造有限公司',
      address: '江西省上饶市信州区某路2号',
      applicationDate: '2025.06.10',
      operatorName: '李四',
      operatorIdNumber: input.unit.operator.idNumber,
      operatorPhone: '13800138000',
    });
  });

  it('splits the insurance types between 社保 and 医保, each seeing only its own', () => {
    const { socialInsurance, medicalInsurance } = routedValue(application());
    expect(socialInsurance?.body.employees[0].insuranceTypes).toEqual(['pension', 'injury', 'unemployment']);
    expect(medicalInsurance?.body.employees[0].insuranceTypes).toEqual(['medical', 'maternity']);
    expect(medicalInsurance?.body.employees[0]).toMatchObject({ declaredWage: 5000, insuredFrom: '2025.06' });
    expect(medicalInsurance?.body.employees[0]).not.toHaveProperty('monthlyBase');
    expect(medicalInsurance?.body.employees[0]).not.toHaveProperty('education');
  });

  it('sends the 公积金 centre the declared base and ratios, the relief request and the bank details', () => {
    const low = employee({ housingFund: { base: 1000, unitRatio: 12, personalRatio: 10 } });
    const input = application({ employees: [low], housingFundRelief: 'defer' });
    input.unit.bank = {
      name: '中国银行上饶分行',
      accountName: '上饶市某某制造有限公司',
      accountNo: '6216600100001234',
    };
    const { housingFund, employment } = routedValue(input);
    expect(housingFund?.body.employees[0]).toMatchObject({
      monthlyBase: 1000,
      unitRatio: 12,
      personalRatio: 10,
    });
    expect(housingFund?.body.housingFundRelief).toBe('defer');
    expect(housingFund?.body.unit).toMatchObject({
      bankName: '中国银行上饶分行',
      bankAccountName: '上饶市某某制造有限公司',
      bankAccountNo: '6216600100001234',
      firstApplication: true,
    });
    expect(housingFund?.body.employees[0]).not.toHaveProperty('declaredWage');
    expect(employment?.body.unit).not.toHaveProperty('bankName');
  });

  it('sends the wage as declared, not raised to a placeholder floor', () => {
    const { socialInsurance } = routedValue(application({ employees: [employee({ wage: 2000 })] }));
    expect(socialInsurance?.body.employees[0].declaredWage).toBe(2000);
  });

  it('gives each agency only its own unit code, and 首次办理 per code', () => {
    const input = application();
    input.unit.firstApplication = false;
    input.unit.socialInsuranceCode = '36110012345';
    input.unit.housingFundAccount = '1100223344';
    const routed = routedValue(input);
    expect(routed.socialInsurance?.body.unit).toMatchObject({
      socialInsuranceCode: '36110012345',
      firstApplication: false,
    });
    expect(routed.socialInsurance?.body.unit).not.toHaveProperty('housingFundAccount');
    expect(routed.housingFund?.body.unit.housingFundAccount).toBe('1100223344');
    expect(routed.housingFund?.body.unit).not.toHaveProperty('socialInsuranceCode');
    expect(routed.employment?.body.unit).not.toHaveProperty('socialInsuranceCode');

    // A unit with a 公积金 account but no 社保 code is first for 社保 only.
    delete input.unit.socialInsuranceCode;
    input.unit.firstApplication = undefined;
    const partly = routedValue(input);
    expect(partly.socialInsurance?.body.unit.firstApplication).toBe(true);
    expect(partly.housingFund?.body.unit.firstApplication).toBe(false);
  });

  it('keeps the row keys beside the body, marks open-ended contracts and leaves out excluded hires', () => {
    const rows = [
      employee({ key: 'k1', contract: { start: '2025-06-01' } }),
      employee({ key: 'k2', idNumber: residentId('1996-04-01', '124'), name: '李四', gender: '2' }),
    ];
    const routed = routedValue(application({ employees: rows }), { socialInsurance: ['k1'] });
    expect(routed.employment?.employeeKeys).toEqual(['k1', 'k2']);
    expect(routed.employment?.body.employees[0].contractPeriod).toBe('2025.06.01—无固定期限');
    expect(routed.employment?.body.employees[0]).not.toHaveProperty('key');
    expect(routed.socialInsurance?.employeeKeys).toEqual(['k2']);
    expect(routed.socialInsurance?.body.employees).toHaveLength(1);
  });
});

describe('the declaration', () => {
  it('derives the columns each matter requires beyond columns 1-8', () => {
    expect(requiredRowFields(['employment']).sort()).toEqual(
      ['contract', 'education', 'occupation', 'workAddress'].sort(),
    );
    expect(requiredRowFields(['medicalInsurance']).sort()).toEqual(
      ['contract', 'insuranceTypes', 'insuredFrom', 'wage'].sort(),
    );
    expect(requiredRowFields(['housingFund'])).toEqual(['housingFund']);
  });

  it('sends every form field to at least one agency', () => {
    const sent = new Set(Object.values(MATTER_FIELDS).flatMap((m) => m.fields.map((f) => f.form)));
    for (const field of [
      'unit.applicationDate',
      'unit.operator.name',
      'unit.operator.idNumber',
      'unit.operator.phone',
      'unit.bank.name',
      'unit.bank.accountName',
      'unit.bank.accountNo',
      'unit.socialInsuranceCode',
      'unit.housingFundAccount',
      'housingFundRelief',
      'employees[].hukouType',
      'employees[].hukouAddress',
      'employees[].remark',
    ]) {
      expect(sent).toContain(field);
    }
  });
});

import { routeMatters } from '../src/routing';
import { validateApplication } from '../src/validateApplication';
import { TODAY, application, employee } from './fixtures';

const routedValue = (input: unknown) => {
  const result = validateApplication(input, { today: TODAY });
  expect(result.errors).toEqual([]);
  return routeMatters(result.value, { today: TODAY });
};

describe('what each agency receives', () => {
  it('sends one part per chosen matter and nothing for the others', () => {
    const routed = routedValue(application({ matters: ['employment', 'housingFund'] }));
    expect(Object.keys(routed).sort()).toEqual(['employment', 'housingFund']);
  });

  it('gives 人社 employment registration the hiring details but no wage or fund figures', () => {
    const { employment } = routedValue(application());
    expect(employment?.employees[0]).toEqual({
      idType: 'resident',
      idNumber: expect.any(String),
      name: '张三',
      gender: '1',
      ethnicity: '01',
      phone: '13900001111',
      address: '江西省上饶市信州区某路1号',
      occupation: '操作工',
      education: '61',
      workAddress: '江西省上饶市信州区某路1号',
      contract: { start: '2025-06-01', end: '2028-05-31' },
    });
    expect(employment?.unit).toEqual({
      uscc: expect.any(String),
      name: '上饶市某某制造有限公司',
      address: '江西省上饶市信州区某路2号',
    });
  });

  it('splits the insurance types between 社保 and 医保, each seeing only its own', () => {
    const { socialInsurance, medicalInsurance } = routedValue(application());
    expect(socialInsurance?.employees[0].insuranceTypes).toEqual(['pension', 'injury', 'unemployment']);
    expect(medicalInsurance?.employees[0].insuranceTypes).toEqual(['medical', 'maternity']);
    expect(medicalInsurance?.employees[0]).toMatchObject({ wage: 5000, insuredFrom: '2025-06' });
    expect(medicalInsurance?.employees[0]).not.toHaveProperty('housingFund');
    expect(medicalInsurance?.employees[0]).not.toHaveProperty('education');
  });

  it('sends the 公积金 centre the clamped base, the ratios and the computed amounts', () => {
    const low = employee({ housingFund: { base: 1000, unitRatio: 12, personalRatio: 10 } });
    const { housingFund } = routedValue(application({ employees: [low], housingFundRelief: 'defer' }));
    expect(housingFund?.employees[0].housingFund).toEqual({
      base: 1730,
      unitRatio: 12,
      personalRatio: 10,
      monthlyUnit: 208,
      monthlyPersonal: 173,
      monthlyTotal: 381,
    });
    expect(housingFund?.housingFundRelief).toBe('defer');
    expect(housingFund?.employees[0]).not.toHaveProperty('wage');
  });

  it('sends the declared wage while the base floor is only a placeholder (参考值)', () => {
    const { socialInsurance } = routedValue(application({ employees: [employee({ wage: 2000 })] }));
    expect(socialInsurance?.employees[0].wage).toBe(2000);
  });

  it('gives each agency only its own unit code', () => {
    const input = application();
    input.unit.firstApplication = false;
    input.unit.socialInsuranceCode = '36110012345';
    input.unit.housingFundAccount = '1100223344';
    const routed = routedValue(input);
    expect(routed.socialInsurance?.unit.socialInsuranceCode).toBe('36110012345');
    expect(routed.socialInsurance?.unit).not.toHaveProperty('housingFundAccount');
    expect(routed.housingFund?.unit.housingFundAccount).toBe('1100223344');
    expect(routed.housingFund?.unit).not.toHaveProperty('socialInsuranceCode');
    expect(routed.employment?.unit).not.toHaveProperty('socialInsuranceCode');
  });

  it('keeps the row key so agency reasons can be mapped back, and marks open-ended contracts', () => {
    const rows = [employee({ key: 'k1', contract: { start: '2025-06-01' } })];
    const routed = routedValue(application({ employees: rows }));
    expect(routed.employment?.employees[0]).toMatchObject({
      key: 'k1',
      contract: { start: '2025-06-01', end: null },
    });
    expect(routed.socialInsurance?.employees[0].key).toBe('k1');
  });
});

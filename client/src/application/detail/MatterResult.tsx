// What an agency decided for a matter: the unit's new codes and each hire's number, as the employer will
// quote them to the agency later.
import { View } from '@tarojs/components';
import type { MatterProgress, MatterResult as Result } from '../../api/types';

const PERSONAL_NUMBER: Record<string, string> = {
  employment: '就业登记编号',
  socialInsurance: '社保个人编号',
  medicalInsurance: '医保个人编号',
  housingFund: '公积金个人账号',
};

function numberOf(employee: NonNullable<Result>['employees'][number]): string | undefined {
  return employee.registrationNumber ?? employee.personalNumber ?? employee.personalAccount;
}

export function MatterResult({ matter }: { matter: MatterProgress }) {
  const result = matter.result;
  if (!result) return null;
  const label = PERSONAL_NUMBER[matter.matter] ?? '编号';
  return (
    <View className="matter__result" data-testid={`matter-${matter.matter}-result`}>
      <View className="card__subtitle">办理结果</View>
      {result.unit.socialInsuranceCode ? (
        <View className="kv">
          <View className="kv__k">单位编码（社保）</View>
          <View className="kv__v" data-testid={`result-${matter.matter}-socialInsuranceCode`}>
            {result.unit.socialInsuranceCode}
          </View>
        </View>
      ) : null}
      {result.unit.housingFundAccount ? (
        <View className="kv">
          <View className="kv__k">公积金单位账号</View>
          <View className="kv__v" data-testid={`result-${matter.matter}-housingFundAccount`}>
            {result.unit.housingFundAccount}
          </View>
        </View>
      ) : null}
      {result.employees.map((e) => (
        <View className="kv" key={e.employeeKey} data-testid={`result-${matter.matter}-${e.employeeKey}`}>
          <View className="kv__k">{e.name}</View>
          <View className="kv__v">
            {`${label} ${numberOf(e) ?? '—'}`}
            {e.monthlyTotal !== undefined
              ? `，月缴存额 ${e.monthlyTotal} 元（单位 ${e.monthlyUnit} 元、个人 ${e.monthlyPersonal} 元）`
              : ''}
            {e.collectionDeferred ? '，缓缴期间暂不缴存' : ''}
          </View>
        </View>
      ))}
      {result.relief?.materialsDueBy ? (
        <View className="field__hint">
          {`${result.relief.type === 'defer' ? '缓缴' : '降缴'}申请已登记，请于 ${result.relief.materialsDueBy} 前向公积金分中心提交材料`}
        </View>
      ) : null}
    </View>
  );
}

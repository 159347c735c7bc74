import {
  EDUCATION_LEVELS,
  employeeFieldsFor,
  ETHNICITIES,
  GENDERS,
  HUKOU_TYPES,
  ID_TYPES,
  INSURANCE_TYPES,
  parseIdNumber,
  type EmployeeRow,
  type HousingFundRow,
  type InsuranceType,
} from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Choice, ChoiceGroup, DateField, SelectField, TextField } from '../../components/fields';
import { WizardFrame } from '../../components/WizardFrame';
import { isOpenEnded, withContractEnd, withContractStart, withOpenEnded } from '../../lib/employeeDefaults';
import { issuesUnder, messageAt, useValidation } from '../../lib/validation';
import { backToEmployees, scrollToField } from '../../routes';
import { api, useDraft } from '../../services';
import { IdCardCapture } from './IdCardCapture';

const options = (list: readonly { code: string; label: string }[]) =>
  list.map((i) => ({ value: i.code, label: i.label }));

/** Money and percentages are numbers in the model; keep half-typed text as is so the validator can say why. */
function toNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+(\.\d{0,2})?$/.test(t) ? Number(t) : (t as unknown as number);
}

export default function EmployeeStep() {
  const { params } = useRouter();
  const id = params.id;
  const { store, state, loadError } = useDraft(id);
  const validation = useValidation(state?.application);
  const [showAll, setShowAll] = useState(false);
  const key = store?.resolveKey(params.key ?? '') ?? '';
  const employees = state?.application.employees ?? [];
  const index = employees.findIndex((e) => e.key === key);
  const row = employees[index];
  const matters = state?.application.matters ?? [];
  const extra = employeeFieldsFor(matters);

  useEffect(() => {
    if (params.focus && state?.loaded) scrollToField(params.focus);
  }, [params.focus, state?.loaded]);

  const set = (patch: Partial<EmployeeRow>) => store?.updateEmployee(key, patch);
  const path = (field: string) => `employees[${index}].${field}`;
  const err = (field: string, value: unknown) =>
    showAll || (value !== undefined && value !== '') ? messageAt(validation?.errors, path(field)) : undefined;
  const warn = (field: string) => messageAt(validation?.warnings, path(field));
  const computed = validation?.computed.employees[index];

  // A valid ID number lets the bff fill name, ethnicity and hukou address from the population register.
  const idNumber = row?.idNumber;
  useEffect(() => {
    if (!id || !row || row.idType !== 'resident' || !parseIdNumber(idNumber) || row.name) return;
    api
      .lookupPerson(idNumber as string, id)
      .then((person) => {
        const current = store?.employee(key);
        if (!current || current.name) return;
        set({
          name: person.name,
          ethnicity: current.ethnicity || person.ethnicity,
          gender: (current.gender || person.gender) as EmployeeRow['gender'],
          hukouAddress: current.hukouAddress || person.hukouAddress,
        });
      })
      .catch(() => undefined);
  }, [idNumber]);

  if (state?.loaded && !row) {
    return (
      <WizardFrame step="employee" title="④ 员工信息" store={store} state={state} loadError={loadError}>
        <View className="notice notice--error">这位员工已被删除。</View>
        <ActionButton id="back-to-list" onClick={() => backToEmployees(id)}>
          返回员工名单
        </ActionButton>
      </WizardFrame>
    );
  }

  const rowErrors = issuesUnder(validation?.errors, `employees[${index}]`);
  function done() {
    if (rowErrors.length > 0 && !showAll) {
      setShowAll(true);
      scrollToField(rowErrors[0].path.replace(/^employees\[\d+\]\./, '').replace(/\./g, '-'));
      return;
    }
    void store?.sync();
    backToEmployees(id);
  }

  const fund: Partial<HousingFundRow> = row?.housingFund ?? {};
  const setFund = (patch: Partial<HousingFundRow>) =>
    set({ housingFund: { ...fund, ...patch } as HousingFundRow });
  const contract = row?.contract;
  const insuranceChoices = INSURANCE_TYPES.filter((t) => matters.includes(t.matter));

  return (
    <WizardFrame
      step="employee"
      title={`④ 员工信息${row?.name ? `：${row.name}` : ''}`}
      store={store}
      state={state}
      loadError={loadError}
      footer={
        <ActionButton id="employee-done" onClick={done}>
          {rowErrors.length > 0 && !showAll ? '完成（检查必填项）' : '完成，返回员工名单'}
        </ActionButton>
      }
    >
      {row ? (
        <>
          <IdCardCapture highlight={params.scan === '1' && !row.idNumber} onAccept={(patch) => set(patch)} />
          <View className="card">
            <View className="card__title">基本信息</View>
            <SelectField
              id="idType"
              label="证件类型"
              required
              value={row.idType}
              options={options(ID_TYPES)}
              onChange={(v) => set({ idType: v as EmployeeRow['idType'] })}
              error={err('idType', row.idType)}
            />
            <TextField
              id="idNumber"
              label="证件号码"
              required
              kind={row.idType === 'resident' ? 'idcard' : 'text'}
              maxLength={row.idType === 'resident' ? 18 : 30}
              value={row.idNumber}
              onChange={(v) => set({ idNumber: v.toUpperCase() })}
              error={err('idNumber', row.idNumber)}
              warning={warn('idNumber')}
            />
            <TextField
              id="name"
              label="姓名"
              required
              value={row.name}
              onChange={(v) => set({ name: v })}
              error={err('name', row.name)}
            />
            <SelectField
              id="ethnicity"
              label="民族"
              required
              value={row.ethnicity}
              options={options(ETHNICITIES)}
              onChange={(v) => set({ ethnicity: v })}
              error={err('ethnicity', row.ethnicity)}
            />
            <SelectField
              id="gender"
              label="性别"
              required
              value={row.gender}
              options={options(GENDERS)}
              onChange={(v) => set({ gender: v as EmployeeRow['gender'] })}
              error={err('gender', row.gender)}
            />
            {row.idType && row.idType !== 'resident' ? (
              <DateField
                id="birthDate"
                label="出生日期"
                required
                value={row.birthDate}
                onChange={(v) => set({ birthDate: v })}
                error={err('birthDate', row.birthDate)}
                warning={warn('birthDate')}
              />
            ) : null}
            <SelectField
              id="hukouType"
              label="户口性质"
              required
              value={row.hukouType}
              options={options(HUKOU_TYPES)}
              onChange={(v) => set({ hukouType: v as EmployeeRow['hukouType'] })}
              error={err('hukouType', row.hukouType)}
            />
            <TextField
              id="hukouAddress"
              label="户籍地址"
              required
              value={row.hukouAddress}
              onChange={(v) => set({ hukouAddress: v })}
              error={err('hukouAddress', row.hukouAddress)}
            />
            <TextField
              id="phone"
              label="手机号码"
              required
              kind="tel"
              maxLength={11}
              value={row.phone}
              onChange={(v) => set({ phone: v })}
              error={err('phone', row.phone)}
            />
            <TextField
              id="address"
              label="通讯地址"
              required
              value={row.address}
              onChange={(v) => set({ address: v })}
              error={err('address', row.address)}
            />
          </View>

          {extra.includes('wage') ? (
            <View className="card">
              <View className="card__title">社保、医保</View>
              <TextField
                id="wage"
                label="申报工资（元/月）"
                required
                kind="digit"
                value={row.wage}
                onChange={(v) => set({ wage: toNumber(v) })}
                error={err('wage', row.wage)}
                warning={warn('wage')}
                hint={
                  computed?.socialInsuranceBase
                    ? `缴费基数：${computed.socialInsuranceBase.base} 元${
                        computed.socialInsuranceBase.reference?.length
                          ? `（上下限 ${computed.socialInsuranceBase.floor}—${computed.socialInsuranceBase.cap} 元为参考值，按申报值提交）`
                          : ''
                      }`
                    : '首次就业填第二个月工资，转入填第一个月工资'
                }
              />
              <DateField
                id="insuredFrom"
                label="本次参保时间"
                month
                required
                value={row.insuredFrom}
                onChange={(v) => set({ insuredFrom: v })}
                error={err('insuredFrom', row.insuredFrom)}
                warning={warn('insuredFrom')}
              />
              <ChoiceGroup
                id="insuranceTypes"
                label="参保险种"
                error={err('insuranceTypes', row.insuranceTypes?.length ? row.insuranceTypes : undefined)}
              >
                {insuranceChoices.map((t) => {
                  const on = row.insuranceTypes?.includes(t.code) ?? false;
                  return (
                    <Choice
                      key={t.code}
                      id={`insurance-${t.code}`}
                      label={t.label}
                      checked={on}
                      onChange={(checked) =>
                        set({
                          insuranceTypes: checked
                            ? [...((row.insuranceTypes ?? []) as InsuranceType[]), t.code]
                            : ((row.insuranceTypes ?? []) as InsuranceType[]).filter((c) => c !== t.code),
                        })
                      }
                    />
                  );
                })}
              </ChoiceGroup>
            </View>
          ) : null}

          {extra.includes('contract') || extra.includes('occupation') ? (
            <View className="card">
              <View className="card__title">劳动合同</View>
              <DateField
                id="contract-start"
                label="劳动合同起始日期（入职日期）"
                required={extra.includes('contract')}
                value={contract?.start}
                onChange={(v) => set({ contract: withContractStart(contract, v) })}
                error={err('contract.start', contract?.start)}
                warning={warn('contract.start')}
              />
              <Choice
                id="contract-openEnded"
                label="无固定期限"
                checked={isOpenEnded(contract)}
                onChange={(on) => set({ contract: withOpenEnded(contract, on) })}
              />
              {!isOpenEnded(contract) ? (
                <DateField
                  id="contract-end"
                  label="劳动合同终止日期"
                  value={contract?.end ?? undefined}
                  onChange={(v) => set({ contract: withContractEnd(contract, v) })}
                  error={err('contract.end', contract?.end)}
                />
              ) : null}
              {computed ? (
                <View className="field__hint" data-testid="registration-due">
                  社保、公积金登记应于 {computed.registrationDueBy} 前办理
                </View>
              ) : null}
            </View>
          ) : null}

          {extra.includes('housingFund') ? (
            <View className="card">
              <View className="card__title">住房公积金</View>
              <TextField
                id="housingFund-base"
                label="月缴存基数（元）"
                required
                kind="digit"
                value={fund.base}
                onChange={(v) => setFund({ base: toNumber(v) })}
                error={err('housingFund.base', fund.base)}
                warning={warn('housingFund.base')}
              />
              <TextField
                id="housingFund-unitRatio"
                label="单位缴存比例（%）"
                required
                kind="digit"
                value={fund.unitRatio}
                onChange={(v) => setFund({ unitRatio: toNumber(v) })}
                error={err('housingFund.unitRatio', fund.unitRatio)}
              />
              <TextField
                id="housingFund-personalRatio"
                label="个人缴存比例（%）"
                required
                kind="digit"
                value={fund.personalRatio}
                onChange={(v) => setFund({ personalRatio: toNumber(v) })}
                error={err('housingFund.personalRatio', fund.personalRatio)}
              />
              <View className="computed" data-testid="housing-fund-amounts" aria-live="polite">
                {computed?.housingFund
                  ? `月缴存额：单位 ${computed.housingFund.unit} 元 + 个人 ${computed.housingFund.personal} 元 = 合计 ${computed.housingFund.total} 元`
                  : '填写基数和比例后自动计算月缴存额'}
              </View>
            </View>
          ) : null}

          {extra.includes('occupation') ? (
            <View className="card">
              <View className="card__title">就业登记</View>
              <TextField
                id="occupation"
                label="职业（工种）"
                required
                value={row.occupation}
                onChange={(v) => set({ occupation: v })}
                error={err('occupation', row.occupation)}
              />
              <SelectField
                id="education"
                label="学历"
                required
                value={row.education}
                options={options(EDUCATION_LEVELS)}
                onChange={(v) => set({ education: v })}
                error={err('education', row.education)}
              />
              <TextField
                id="workAddress"
                label="工作地址"
                required
                value={row.workAddress}
                onChange={(v) => set({ workAddress: v })}
                error={err('workAddress', row.workAddress)}
              />
            </View>
          ) : null}

          <View className="card">
            <TextField
              id="remark"
              label="备注"
              value={row.remark}
              onChange={(v) => set({ remark: v })}
              error={err('remark', row.remark)}
            />
          </View>
        </>
      ) : null}
    </WizardFrame>
  );
}

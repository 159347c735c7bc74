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
import { ApiError } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Choice, ChoiceGroup, DateField, SelectField, TextField } from '../../components/fields';
import { useStepFields } from '../../components/useStepFields';
import { WizardFrame } from '../../components/WizardFrame';
import { useDraft } from '../../draft/drafts';
import { confirm } from '../../lib/confirm';
import {
  asAnotherPerson,
  employeeAutofill,
  isAnotherPerson,
  isOpenEnded,
  withContractEnd,
  withContractStart,
  withOpenEnded,
} from '../../lib/employeeDefaults';
import { backToEmployees, scrollToField } from '../../routes';
import { api } from '../../services';
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
  const draft = useDraft(id);
  const { store, state } = draft;
  const key = store?.resolveKey(params.key ?? '') ?? '';
  const employees = state?.application.employees ?? [];
  const index = employees.findIndex((e) => e.key === key);
  const row = employees[index];
  const matters = state?.application.matters ?? [];
  const extra = employeeFieldsFor(matters);
  const {
    validation,
    errors: rowErrors,
    showAll,
    bind,
    bindPart,
    check,
  } = useStepFields(state?.application, [`employees[${index}]`], `employees[${index}].`);
  /** The 公安 register had no one under the number typed. */
  const [notInRegister, setNotInRegister] = useState<string>();

  useEffect(() => {
    if (params.focus && state?.loaded) scrollToField(params.focus);
  }, [params.focus, state?.loaded]);

  const set = (patch: Partial<EmployeeRow>) => {
    const current = store?.employee(key);
    store?.updateEmployee(key, { ...patch, ...(current ? employeeAutofill(current, matters, patch) : {}) });
  };
  const computed = validation?.computed.employees[index];

  // A valid ID number lets the bff fill name, ethnicity and hukou address from the population register.
  // The bff answers only for the number saved on this row, so the row is saved at once (no typing pause)
  // and the lookup follows; offline it waits for that save. Keyed by the page's key, which stays valid
  // when the server renames a new row, so the rename does not start a second lookup.
  const idNumber = row?.idNumber;
  const pageKey = params.key ?? '';
  const lookupWanted = row?.idType === 'resident' && !row.name;
  useEffect(() => setNotInRegister(undefined), [idNumber]);
  useEffect(() => {
    if (!id || !store || !lookupWanted || !idNumber || !parseIdNumber(idNumber)) return;
    let live = true;
    const wait = store.whenSaved(pageKey, idNumber);
    wait.saved
      .then((rowKey) => (live ? api.lookupPerson(idNumber, id, rowKey) : undefined))
      .then((person) => {
        const current = store.employee(pageKey);
        if (!person || !live || !current || current.name) return;
        store.updateEmployee(pageKey, {
          name: person.name,
          ethnicity: current.ethnicity || person.ethnicity,
          gender: (current.gender || person.gender) as EmployeeRow['gender'],
          hukouAddress: current.hukouAddress || person.hukouAddress,
        });
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404)
          setNotInRegister(
            '公安人口信息中未查到这个身份证号码：请核对号码是否输错；确认无误的，请手动填写姓名等信息',
          );
      });
    return () => {
      live = false;
      wait.cancel();
    };
  }, [id, store, pageKey, idNumber, lookupWanted]);

  /** A card scanned onto a hire who already has a number: the same person's card, or someone else? */
  async function acceptScan(scanned: Partial<EmployeeRow>) {
    const current = store?.employee(key);
    if (
      isAnotherPerson(current, scanned) &&
      (await confirm({
        title: '这是另一位员工吗？',
        content: `识别出的身份证号码与${current?.name ? `“${current.name}”` : '本页员工'}的不同。如是另一位员工，将清空原来这位员工的手机号码、通讯地址等个人信息（岗位信息保留）。`,
        confirmText: '是另一位',
        cancelText: '同一人',
      }))
    ) {
      set(asAnotherPerson(scanned));
      return;
    }
    set(scanned);
  }

  if (state?.loaded && !row) {
    return (
      <WizardFrame
        step="employee"
        title="④ 员工信息"
        draft={draft}
        footer={
          <ActionButton id="back-to-list" onClick={() => backToEmployees(id)}>
            返回员工名单
          </ActionButton>
        }
      >
        <View className="notice notice--error">这位员工已被删除。</View>
      </WizardFrame>
    );
  }

  /** 完成 first points at what is missing; a second tap goes back to the list anyway. */
  function done() {
    if (!check({ askOnce: true })) return;
    void store?.sync();
    backToEmployees(id);
  }

  const fund: Partial<HousingFundRow> = row?.housingFund ?? {};
  const setFund = (patch: Partial<HousingFundRow>) =>
    set({ housingFund: { ...fund, ...patch } as HousingFundRow });
  const field = bindPart(row, set);
  const fundField = bindPart(fund, setFund, 'housingFund.');
  const idNumberField = field('idNumber', (v) => v.toUpperCase());
  const contract = row?.contract;
  const insuranceChoices = INSURANCE_TYPES.filter((t) => matters.includes(t.matter));

  return (
    <WizardFrame
      step="employee"
      title={`④ 员工信息${row?.name ? `：${row.name}` : ''}`}
      draft={draft}
      footer={
        <ActionButton id="employee-done" onClick={done}>
          {rowErrors.length > 0 && !showAll ? '完成（检查必填项）' : '完成，返回员工名单'}
        </ActionButton>
      }
    >
      {row ? (
        <>
          <IdCardCapture
            highlight={params.scan === '1' && !row.idNumber}
            onAccept={(patch) => void acceptScan(patch)}
          />
          <View className="card">
            <View className="card__title">基本信息</View>
            <SelectField {...field('idType')} label="证件类型" required options={options(ID_TYPES)} />
            <TextField
              {...idNumberField}
              warning={notInRegister ?? idNumberField.warning}
              label="证件号码"
              required
              kind={row.idType === 'resident' ? 'idcard' : 'text'}
              maxLength={row.idType === 'resident' ? 18 : 30}
            />
            <TextField {...field('name')} label="姓名" required />
            <SelectField {...field('ethnicity')} label="民族" required options={options(ETHNICITIES)} />
            <SelectField {...field('gender')} label="性别" required options={options(GENDERS)} />
            {row.idType && row.idType !== 'resident' ? (
              <DateField {...field('birthDate')} label="出生日期" required />
            ) : null}
            <SelectField {...field('hukouType')} label="户口性质" required options={options(HUKOU_TYPES)} />
            <TextField {...field('hukouAddress')} label="户籍地址" required />
            <TextField {...field('phone')} label="手机号码" required kind="tel" maxLength={11} />
            <TextField {...field('address')} label="通讯地址" required />
          </View>

          {extra.includes('wage') ? (
            <View className="card">
              <View className="card__title">社保、医保</View>
              <TextField
                {...field('wage', toNumber)}
                label="申报工资（元/月）"
                required
                kind="digit"
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
              <DateField {...field('insuredFrom')} label="本次参保时间" month required />
              <ChoiceGroup
                {...bind('insuranceTypes', row.insuranceTypes?.length ? row.insuranceTypes : undefined)}
                label="参保险种"
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
                {...bind('contract.start', contract?.start)}
                label="劳动合同起始日期（入职日期）"
                required={extra.includes('contract')}
                value={contract?.start}
                onChange={(v) => set({ contract: withContractStart(contract, v) })}
              />
              <Choice
                id="contract-openEnded"
                label="无固定期限"
                checked={isOpenEnded(contract)}
                onChange={(on) => set({ contract: withOpenEnded(contract, on) })}
              />
              {!isOpenEnded(contract) ? (
                <DateField
                  {...bind('contract.end', contract?.end)}
                  label="劳动合同终止日期"
                  value={contract?.end ?? undefined}
                  onChange={(v) => set({ contract: withContractEnd(contract, v) })}
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
              <TextField {...fundField('base', toNumber)} label="月缴存基数（元）" required kind="digit" />
              <TextField
                {...fundField('unitRatio', toNumber)}
                label="单位缴存比例（%）"
                required
                kind="digit"
              />
              <TextField
                {...fundField('personalRatio', toNumber)}
                label="个人缴存比例（%）"
                required
                kind="digit"
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
              <TextField {...field('occupation')} label="职业（工种）" required />
              <SelectField
                {...field('education')}
                label="学历"
                required
                options={options(EDUCATION_LEVELS)}
              />
              <TextField {...field('workAddress')} label="工作地址" required />
            </View>
          ) : null}

          <View className="card">
            <TextField {...field('remark')} label="备注" />
          </View>
        </>
      ) : null}
    </WizardFrame>
  );
}

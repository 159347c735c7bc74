import { SHANGRAO_COUNTIES, todayInChina, type UnitPart } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { ActionButton } from '../../components/ActionButton';
import { Choice, ChoiceGroup, DateField, SelectField, TextField } from '../../components/fields';
import { WizardFrame } from '../../components/WizardFrame';
import { issuesUnder, messageAt, useValidation } from '../../lib/validation';
import { goWizard, scrollToField } from '../../routes';
import { api, useDraft } from '../../services';
import { UnitChoice, useActingFor, VerifiedOperator } from './UnitChoice';

const COUNTY_OPTIONS = Object.entries(SHANGRAO_COUNTIES).map(([value, label]) => ({ value, label }));

export default function UnitStep() {
  const { params } = useRouter();
  const id = params.id;
  const { store, state, loadError } = useDraft(id);
  const validation = useValidation(state?.application);
  const [showAll, setShowAll] = useState(false);
  const [lookup, setLookup] = useState<{ busy: boolean; message?: string }>({ busy: false });
  const unit = state?.application.unit ?? {};
  const acting = useActingFor();

  useEffect(() => {
    if (params.focus && state?.loaded) scrollToField(params.focus);
  }, [params.focus, state?.loaded]);

  // A new draft starts with today's date; the applicant may change it.
  useEffect(() => {
    if (store && state?.loaded && !unit.applicationDate) store.setUnit({ applicationDate: todayInChina() });
  }, [store, state?.loaded, unit.applicationDate]);

  const set = (patch: Partial<UnitPart>) => store?.setUnit(patch);
  const setOperator = (patch: Partial<UnitPart['operator']>) =>
    set({ operator: { name: '', idNumber: '', phone: '', ...unit.operator, ...patch } });
  const setBank = (patch: Partial<NonNullable<UnitPart['bank']>>) =>
    set({ bank: { ...unit.bank, ...patch } });

  const errors = validation?.errors ?? [];
  // Empty fields are only flagged after 下一步, so a new form is not a wall of red.
  const err = (path: string, value: unknown) =>
    showAll || (value !== undefined && value !== '') ? messageAt(errors, path) : undefined;
  const warn = (path: string) => messageAt(validation?.warnings, path);

  // Only one unit to act for and none chosen yet: that one (the user sees it ticked and filled in).
  const onlyUnit = acting.units?.length === 1 ? acting.units[0] : undefined;
  useEffect(() => {
    if (store && state?.loaded && !unit.uscc && onlyUnit) void chooseUnit(onlyUnit.uscc, onlyUnit.unitName);
  }, [store, state?.loaded, unit.uscc, onlyUnit?.uscc]);

  /** A unit chosen from those the account may act for: the register fills in the rest. */
  async function chooseUnit(uscc: string, unitName: string) {
    set({ uscc, name: unitName });
    setLookup({ busy: true });
    try {
      // The codes the agencies gave this unit on an earlier application of ours count as much as the register's.
      const [found, assigned] = await Promise.all([
        api.lookupUnit(uscc),
        api.getUnitCodes(uscc).catch(() => undefined),
      ]);
      const socialInsuranceCode =
        found.socialInsuranceCode || assigned?.socialInsuranceCode || unit.socialInsuranceCode;
      const housingFundAccount =
        found.housingFundAccount || assigned?.housingFundAccount || unit.housingFundAccount;
      set({
        uscc,
        name: found.name || unitName,
        address: found.address || unit.address,
        socialInsuranceCode: socialInsuranceCode || undefined,
        housingFundAccount: housingFundAccount || undefined,
        // 首次办理 per code: a known code turns it off for that code only.
        socialInsuranceFirst: !socialInsuranceCode,
        housingFundFirst: !housingFundAccount,
        firstApplication: unit.firstApplication ?? !(socialInsuranceCode || housingFundAccount),
      });
      setLookup({ busy: false, message: '已根据登记信息自动填写，请核对，如有变化可直接修改' });
    } catch (e) {
      const message =
        e instanceof ApiError && e.status === 404
          ? '未查到该单位的登记信息，请手动填写单位地址等信息'
          : '查询登记信息失败，可手动填写单位地址等信息';
      setLookup({ busy: false, message });
    }
  }

  function next() {
    if (issuesUnder(errors, 'unit').length > 0) {
      setShowAll(true);
      const first = issuesUnder(errors, 'unit')[0];
      scrollToField(first.path.replace(/\./g, '-'));
      return;
    }
    void store?.sync();
    goWizard('matters', { id });
  }

  return (
    <WizardFrame
      step="unit"
      title="① 单位信息"
      store={store}
      state={state}
      loadError={loadError}
      footer={
        <ActionButton id="wizard-next" onClick={next}>
          下一步：办理事项
        </ActionButton>
      }
    >
      <View className="card">
        <UnitChoice
          acting={acting}
          uscc={unit.uscc}
          unitName={unit.name}
          onChoose={(u) => void chooseUnit(u.uscc, u.unitName)}
          error={err('unit.uscc', unit.uscc)}
          warning={warn('unit.uscc')}
        />
        {lookup.busy ? <View className="loading">正在查询单位登记信息…</View> : null}
        {lookup.message ? (
          <View className="notice" data-testid="unit-lookup-message">
            {lookup.message}
          </View>
        ) : null}
        <TextField
          id="unit-name"
          label="单位名称"
          required
          value={unit.name}
          onChange={(v) => set({ name: v })}
          error={err('unit.name', unit.name)}
        />
        <TextField
          id="unit-address"
          label="单位地址"
          required
          value={unit.address}
          onChange={(v) => set({ address: v })}
          error={err('unit.address', unit.address)}
        />
        <SelectField
          id="unit-countyCode"
          label="单位所在县（市、区）"
          value={unit.countyCode}
          options={COUNTY_OPTIONS}
          onChange={(v) => set({ countyCode: v || undefined })}
          error={err('unit.countyCode', unit.countyCode)}
          hint="用于确定最低工资标准和公积金缴存基数下限"
        />
        <DateField
          id="unit-applicationDate"
          label="申请日期"
          required
          value={unit.applicationDate}
          onChange={(v) => set({ applicationDate: v })}
          error={err('unit.applicationDate', unit.applicationDate)}
        />
      </View>

      <View className="card">
        <View className="card__title">单位经办人</View>
        <VerifiedOperator identity={acting.identity} />
        <TextField
          id="unit-operator-phone"
          label="经办人联系电话"
          required
          kind="tel"
          maxLength={11}
          value={unit.operator?.phone}
          onChange={(v) => setOperator({ phone: v })}
          error={err('unit.operator.phone', unit.operator?.phone)}
        />
      </View>

      <View className="card">
        <ChoiceGroup
          id="unit-firstApplication"
          label="是否首次办理参保/缴存登记"
          error={err('unit.firstApplication', unit.firstApplication)}
        >
          <Choice
            id="unit-firstApplication-yes"
            radio
            name="firstApplication"
            label="是，首次办理"
            checked={unit.firstApplication === true}
            onChange={() => set({ firstApplication: true })}
            description="首次办理无需填写单位编码和单位账号，需提供营业执照"
          />
          <Choice
            id="unit-firstApplication-no"
            radio
            name="firstApplication"
            label="否，已有单位编码/账号"
            checked={unit.firstApplication === false}
            onChange={() => set({ firstApplication: false })}
          />
        </ChoiceGroup>
        {unit.firstApplication === false ? (
          <>
            {unit.socialInsuranceFirst !== true ? (
              <TextField
                id="unit-socialInsuranceCode"
                label="单位编码（社保）"
                value={unit.socialInsuranceCode}
                onChange={(v) => set({ socialInsuranceCode: v })}
                error={err('unit.socialInsuranceCode', unit.socialInsuranceCode)}
              />
            ) : null}
            <Choice
              id="unit-socialInsuranceFirst"
              label="尚无单位编码（首次办理社保登记）"
              checked={unit.socialInsuranceFirst === true}
              onChange={(on) =>
                set(
                  on
                    ? { socialInsuranceFirst: true, socialInsuranceCode: undefined }
                    : { socialInsuranceFirst: false },
                )
              }
            />
            {unit.housingFundFirst !== true ? (
              <TextField
                id="unit-housingFundAccount"
                label="单位账号（公积金）"
                value={unit.housingFundAccount}
                onChange={(v) => set({ housingFundAccount: v })}
                error={err('unit.housingFundAccount', unit.housingFundAccount)}
              />
            ) : null}
            <Choice
              id="unit-housingFundFirst"
              label="尚无单位账号（首次办理公积金缴存登记）"
              checked={unit.housingFundFirst === true}
              onChange={(on) =>
                set(
                  on
                    ? { housingFundFirst: true, housingFundAccount: undefined }
                    : { housingFundFirst: false },
                )
              }
            />
          </>
        ) : null}
      </View>

      <View className="card">
        <View className="card__title">开户信息（选填）</View>
        <TextField
          id="unit-bank-name"
          label="开户行"
          value={unit.bank?.name}
          onChange={(v) => setBank({ name: v })}
          error={err('unit.bank.name', unit.bank?.name)}
        />
        <TextField
          id="unit-bank-accountName"
          label="户名"
          value={unit.bank?.accountName}
          onChange={(v) => setBank({ accountName: v })}
          error={err('unit.bank.accountName', unit.bank?.accountName)}
        />
        <TextField
          id="unit-bank-accountNo"
          label="账号"
          kind="number"
          value={unit.bank?.accountNo}
          onChange={(v) => setBank({ accountNo: v })}
          error={err('unit.bank.accountNo', unit.bank?.accountNo)}
        />
      </View>
    </WizardFrame>
  );
}

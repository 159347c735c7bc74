import { SHANGRAO_COUNTIES, todayInChina, type UnitPart } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Fragment, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { Choice, ChoiceGroup, DateField, SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/Notice';
import { useStepFields } from '../../components/useStepFields';
import { WizardFrame } from '../../components/WizardFrame';
import { countyFromAddress } from '../../lib/unitDefaults';
import { scrollToField } from '../../routes';
import { useDraft } from '../../draft/drafts';
import { api } from '../../services';
import { UnitChoice, useActingFor, VerifiedOperator } from './UnitChoice';

/** 是否首次办理参保/缴存登记, as the form asks it. */
const FIRST_APPLICATION_CHOICES = [
  {
    id: 'yes',
    value: true,
    label: '是，首次办理',
    description: '首次办理无需填写单位编码和单位账号，需提供营业执照',
  },
  { id: 'no', value: false, label: '否，已有单位编码/账号', description: undefined },
] as const;

/** The unit's code at each agency that gives one; a unit without it yet registers there for the first time. */
const AGENCY_CODES = [
  {
    code: 'socialInsuranceCode',
    first: 'socialInsuranceFirst',
    label: '单位编码（社保）',
    noneYet: '尚无单位编码（首次办理社保登记）',
  },
  {
    code: 'housingFundAccount',
    first: 'housingFundFirst',
    label: '单位账号（公积金）',
    noneYet: '尚无单位账号（首次办理公积金缴存登记）',
  },
] as const;

const COUNTY_OPTIONS = Object.entries(SHANGRAO_COUNTIES).map(([value, label]) => ({ value, label }));

export default function UnitStep() {
  const { params } = useRouter();
  const id = params.id;
  const draft = useDraft(id);
  const { store, state } = draft;
  const { bind, bindPart, check } = useStepFields(state?.application, ['unit']);
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
  const field = bindPart(unit, set, 'unit.');
  const operatorField = bindPart(unit.operator, setOperator, 'unit.operator.');
  const bankField = bindPart(unit.bank, setBank, 'unit.bank.');

  /** 县（市、区） follows the address while the user has not picked another one. */
  const setAddress = (address: string) => {
    const county = countyFromAddress(address);
    const followsAddress = !unit.countyCode || unit.countyCode === countyFromAddress(unit.address);
    set(county && followsAddress ? { address, countyCode: county } : { address });
  };

  // Only one unit to act for and none chosen yet: that one (the user sees it ticked and filled in).
  const onlyUnit = acting.units?.length === 1 ? acting.units[0] : undefined;
  // The effect runs when the unit list or the draft changes, with the chooser of the latest render.
  const choose = useRef<typeof chooseUnit>();
  choose.current = chooseUnit;
  const onlyUscc = onlyUnit?.uscc;
  const onlyName = onlyUnit?.unitName;
  useEffect(() => {
    if (store && state?.loaded && !unit.uscc && onlyUscc) void choose.current?.(onlyUscc, onlyName ?? '');
  }, [store, state?.loaded, unit.uscc, onlyUscc, onlyName]);

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
      const address = found.address || unit.address;
      set({
        uscc,
        name: found.name || unitName,
        address,
        countyCode: unit.countyCode || countyFromAddress(address),
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

  return (
    <WizardFrame step="unit" title="① 单位信息" draft={draft} onNext={() => check()}>
      <View className="card">
        <UnitChoice
          acting={acting}
          uscc={unit.uscc}
          unitName={unit.name}
          onChoose={(u) => void chooseUnit(u.uscc, u.unitName)}
          error={bind('unit.uscc', unit.uscc).error}
          warning={bind('unit.uscc', unit.uscc).warning}
        />
        {lookup.busy ? <View className="loading">正在查询单位登记信息…</View> : null}
        <Notice testId="unit-lookup-message">{lookup.message}</Notice>
        <TextField {...field('name')} label="单位名称" required />
        <TextField {...field('address')} label="单位地址" required onChange={setAddress} />
        <SelectField
          {...field('countyCode', (v) => v || undefined)}
          label="单位所在县（市、区）"
          options={COUNTY_OPTIONS}
          hint="用于确定最低工资标准和公积金缴存基数下限"
        />
        <DateField {...field('applicationDate')} label="申请日期" required />
      </View>

      <View className="card">
        <View className="card__title">单位经办人</View>
        <VerifiedOperator identity={acting.identity} />
        <TextField {...operatorField('phone')} label="经办人联系电话" required kind="tel" maxLength={11} />
      </View>

      <View className="card">
        <ChoiceGroup
          {...bind('unit.firstApplication', unit.firstApplication)}
          label="是否首次办理参保/缴存登记"
        >
          {FIRST_APPLICATION_CHOICES.map((c) => (
            <Choice
              key={c.id}
              id={`unit-firstApplication-${c.id}`}
              radio
              name="firstApplication"
              label={c.label}
              checked={unit.firstApplication === c.value}
              onChange={() => set({ firstApplication: c.value })}
              description={c.description}
            />
          ))}
        </ChoiceGroup>
        {unit.firstApplication === false ? (
          <>
            {AGENCY_CODES.map((c) => (
              <Fragment key={c.code}>
                {unit[c.first] !== true ? <TextField {...field(c.code)} label={c.label} /> : null}
                <Choice
                  id={`unit-${c.first}`}
                  label={c.noneYet}
                  checked={unit[c.first] === true}
                  onChange={(on) => set(on ? { [c.first]: true, [c.code]: undefined } : { [c.first]: false })}
                />
              </Fragment>
            ))}
          </>
        ) : null}
      </View>

      <View className="card">
        <View className="card__title">开户信息（选填）</View>
        <TextField {...bankField('name')} label="开户行" />
        <TextField {...bankField('accountName')} label="户名" />
        <TextField {...bankField('accountNo')} label="账号" kind="number" />
      </View>
    </WizardFrame>
  );
}

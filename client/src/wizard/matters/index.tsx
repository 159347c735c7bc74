import {
  FORM_CHECKBOXES,
  MATTERS,
  RELIEF_MATERIALS,
  matterTimeLimit,
  type HousingFundRelief,
  type MatterCode,
} from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { Choice, ChoiceGroup } from '../../components/fields';
import { useStepFields } from '../../components/useStepFields';
import { WizardFrame } from '../../components/WizardFrame';
import { scrollToField } from '../../routes';
import { useDraft } from '../../draft/drafts';

/** Plain words for what each checkbox gets the employer, per matter. */
const EXPLANATIONS: Record<MatterCode, string> = {
  employment: '向人社部门登记新招用的员工（就业登记）。',
  socialInsurance: '为员工办理养老、工伤、失业保险参保，并申报社会保险费。',
  medicalInsurance: '为员工办理职工基本医疗保险（含生育保险等）参保登记。',
  housingFund: '为员工设立住房公积金个人账户，按比例缴存。',
};

/** The form's 缓缴/降缴 choice, in its order. */
const RELIEF_CHOICES: readonly { value: HousingFundRelief; label: string }[] = [
  { value: 'none', label: '不申请' },
  { value: 'defer', label: '申请缓缴' },
  { value: 'reduce', label: '申请降低缴存比例' },
];

export default function MattersStep() {
  const { params } = useRouter();
  const id = params.id;
  const draft = useDraft(id);
  const { store, state } = draft;
  const { bind, check } = useStepFields(state?.application, ['matters', 'housingFundRelief']);
  const matters = state?.application.matters ?? [];
  const relief = state?.application.housingFundRelief ?? 'none';

  useEffect(() => {
    if (params.focus && state?.loaded) scrollToField(params.focus);
  }, [params.focus, state?.loaded]);

  function toggle(codes: readonly MatterCode[], on: boolean) {
    const rest = matters.filter((m) => !codes.includes(m));
    store?.setMatters(on ? [...rest, ...codes] : rest);
    if (!on && codes.includes('housingFund') && relief !== 'none') store?.setHousingFundRelief('none');
  }

  return (
    <WizardFrame step="matters" title="② 办理事项" draft={draft} onNext={() => check()}>
      <View className="card">
        <ChoiceGroup {...bind('matters', matters)} label="请勾选本次要一并办理的事项（可多选）">
          {FORM_CHECKBOXES.map((box, i) => {
            const checked = box.matters.every((m) => matters.includes(m));
            return (
              <Choice
                key={box.label}
                id={`matter-${i + 1}`}
                label={box.label}
                checked={checked}
                onChange={(on) => toggle(box.matters, on)}
                description={
                  <>
                    {box.matters.map((m) => (
                      <View key={m} className="matter-explain">
                        {MATTERS.find((x) => x.code === m)?.label}（
                        {MATTERS.find((x) => x.code === m)?.agencyLabel}，{matterTimeLimit(m)}）：
                        {EXPLANATIONS[m]}
                      </View>
                    ))}
                  </>
                }
              />
            );
          })}
        </ChoiceGroup>
      </View>

      {matters.includes('housingFund') ? (
        <View className="card">
          <ChoiceGroup {...bind('housingFundRelief', relief)} label="住房公积金缓缴/降低缴存比例">
            {RELIEF_CHOICES.map((choice) => (
              <Choice
                key={choice.value}
                id={`relief-${choice.value}`}
                radio
                name="relief"
                label={choice.label}
                checked={relief === choice.value}
                onChange={() => store?.setHousingFundRelief(choice.value)}
              />
            ))}
          </ChoiceGroup>
          {relief !== 'none' ? (
            <View className="notice notice--warning" data-testid="relief-materials">
              须在规定期限内将以下材料提交至公积金分中心：
              {RELIEF_MATERIALS.map((m, i) => (
                <View key={m}>{`（${i + 1}）${m}`}</View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </WizardFrame>
  );
}

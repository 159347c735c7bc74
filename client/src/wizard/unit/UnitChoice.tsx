// The unit step's choice of unit (issue 13): only the units this account may act for, plus the way to add
// one; and the form's 经办人, who is the verified account holder (name and ID number are not typed).
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Identity, UnitAuthority } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { Choice } from '../../components/fields';
import { chinaDate } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { goAccount } from '../../routes';
import { authorityApi } from '../../api/authority';

export interface ActingFor {
  identity?: Identity;
  units?: UnitAuthority[];
  error?: string;
}

/** Who the account holder is and the units they may act for; fetched again when the page shows again. */
export function useActingFor(): ActingFor {
  const { data, error, reload } = useRemote(
    () => Promise.all([authorityApi.identity(), authorityApi.myUnits()]),
    [],
  );
  // Back from 我的身份 / 我的单位 with a unit added or an identity verified.
  useDidShow(() => {
    if (data) void reload();
  });
  return { identity: data?.[0], units: data?.[1].items, error };
}

interface UnitChoiceProps {
  acting: ActingFor;
  /** The draft's USCC and name, as saved. */
  uscc: string | undefined;
  unitName: string | undefined;
  onChoose: (unit: UnitAuthority) => void;
  error?: string;
  warning?: string;
}

export function UnitChoice({ acting, uscc, unitName, onChoose, error, warning }: UnitChoiceProps) {
  const { identity, units } = acting;
  const current = (uscc ?? '').trim().toUpperCase();
  const chosenIsAllowed = !!units?.some((u) => u.uscc === current);
  return (
    <View className={`field${error ? ' field--error' : ''}`} id="field-unit-uscc" data-testid="unit-uscc">
      <View className="field__label">
        办理单位<Text className="field__required">*</Text>
      </View>
      {acting.error ? (
        <View className="notice notice--error" data-testid="unit-choice-error">
          {acting.error}
        </View>
      ) : null}
      {!acting.error && !units ? <View className="loading">正在加载您可代表办理的单位…</View> : null}
      {identity && !identity.verified ? (
        <View className="notice notice--warning" data-testid="unit-identity-required">
          提交申请前须完成实名核验：您将作为单位经办人，姓名和身份证号码由公安核验，核验后无需再填写。
          <ActionButton id="unit-go-identity" kind="link" onClick={() => goAccount('identity')}>
            去实名核验 ›
          </ActionButton>
        </View>
      ) : null}
      {current && units && !chosenIsAllowed ? (
        <View className="notice notice--warning" data-testid="unit-not-authorized">
          您目前不能代表“{unitName || current}”（{current}
          ）提交申请。请在下面选择您可代表办理的单位，或在“我的单位”中添加该单位、接受法定代表人的授权。
        </View>
      ) : null}
      {units?.map((u, i) => (
        <Choice
          key={u.uscc}
          id={`unit-choice-${i}`}
          radio
          name="unit-choice"
          label={u.unitName}
          checked={u.uscc === current}
          onChange={() => onChoose(u)}
          description={`${u.uscc} · ${u.basisLabel}${u.expiresAt ? ` · 授权至 ${chinaDate(u.expiresAt)}` : ''}`}
        />
      ))}
      {identity?.verified && units?.length === 0 ? (
        <View className="empty" data-testid="unit-choice-empty">
          您还没有可代表办理的单位
        </View>
      ) : null}
      <ActionButton id="unit-add" kind="link" onClick={() => goAccount('units')}>
        {units?.length ? '添加其他单位 ›' : '添加单位（法定代表人本人）或查看授权 ›'}
      </ActionButton>
      {error ? (
        <View className="field__error" id="unit-uscc-error" data-testid="unit-uscc-error">
          {error}
        </View>
      ) : null}
      {warning ? (
        <View className="field__warning" data-testid="unit-uscc-warning">
          {warning}
        </View>
      ) : null}
    </View>
  );
}

/** The form's 经办人: the verified holder of this account, shown, not typed (the bff puts them on the form). */
export function VerifiedOperator({ identity }: { identity: Identity | undefined }) {
  if (!identity) return null;
  if (!identity.verified)
    return (
      <View className="notice" data-testid="unit-operator-unverified">
        经办人为本账号实名核验的本人，完成实名核验后自动填入。
      </View>
    );
  return (
    <View data-testid="unit-operator-verified">
      <View className="kv">
        <View className="kv__k">经办人姓名</View>
        <View className="kv__v" data-testid="unit-operator-name">
          {identity.name}（已实名核验）
        </View>
      </View>
      <View className="kv">
        <View className="kv__k">经办人身份证号</View>
        <View className="kv__v" data-testid="unit-operator-idNumber">
          {identity.idNumber}
        </View>
      </View>
    </View>
  );
}

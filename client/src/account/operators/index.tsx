// 授权经办人 (legal representative only): name an operator (name + ID number + phone, with an end date),
// see everyone authorized and revoke, and the trail of every authorization event.
import { addDays, isMainlandMobile, parseIdNumber, todayInChina } from '@hiring/shared';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { ListItem } from '../../components/ListItem';
import { DateField, TextField } from '../../components/fields';
import { PageShell } from '../../components/PageShell';
import { chinaDate, chinaDateTime } from '../../lib/chinaTime';
import { useRemote } from '../../lib/useRemote';
import { authorityApi } from '../../api/authority';
import { useFormAction } from '../useFormAction';
import { confirmRevoke } from '../revoke';
import '../account.css';

export default function OperatorsPage() {
  const uscc = useRouter().params.uscc ?? '';
  const { data, error, loading, reload } = useRemote(
    () => Promise.all([authorityApi.operators(uscc), authorityApi.authorityEvents(uscc)]),
    [uscc],
  );
  const [operators, events] = data ?? [];
  const [form, setForm] = useState({
    name: '',
    idNumber: '',
    phone: '',
    expiresOn: addDays(todayInChina(), 365),
  });
  const { busy, message, setMessage, run } = useFormAction();
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  /** An input of the form: its id, its value and an onChange that stores the text (cleaned by `clean`). */
  const input = (key: keyof typeof form, clean = (text: string) => text) => ({
    id: `operator-${key}`,
    value: form[key],
    onChange: (text: string) => set({ [key]: clean(text) }),
  });

  const idError =
    form.idNumber.length === 18 && !parseIdNumber(form.idNumber) ? '身份证号码不正确' : undefined;
  const phoneError =
    form.phone.length === 11 && !isMainlandMobile(form.phone)
      ? '手机号码应为 11 位中国大陆手机号'
      : undefined;

  async function invite() {
    setMessage(undefined);
    if (!form.name.trim() || form.idNumber.length !== 18 || idError || !isMainlandMobile(form.phone)) {
      setMessage({ text: '请完整填写经办人的姓名、身份证号码和手机号码' });
      return;
    }
    await run(async () => {
      await authorityApi.inviteOperator(uscc, { ...form, name: form.name.trim() });
      setForm((f) => ({ ...f, name: '', idNumber: '', phone: '' }));
      await reload();
      return `已向 ${form.name.trim()} 发出授权，对方在小程序“待接受的授权”中接受后生效（7 天内有效）`;
    }, '授权失败，请稍后重试');
  }

  async function revoke(id: string, name: string) {
    const content = `撤销后 ${name} 将立即不能代表本单位提交申请。确定撤销吗？`;
    if (await confirmRevoke(id, '撤销授权', content)) await reload();
  }

  const unitName = operators?.items.find((o) => o.basis === 'legalRepresentative')?.unitName;

  return (
    <PageShell testId="operators">
      {error ? (
        <View className="notice notice--error" data-testid="operators-error">
          {error}
        </View>
      ) : null}
      {loading && !data ? <View className="loading">正在加载…</View> : null}
      <View className="card" data-testid="operators-unit">
        <View className="card__title">{unitName ?? '授权经办人'}</View>
        <View className="list-item__sub">
          统一社会信用代码 {uscc}。经办人接受授权后，即可代表本单位在小程序中提交申请，您可随时撤销。
        </View>
      </View>

      <View className="card" data-testid="operator-form">
        <View className="card__title">授权新的经办人</View>
        <TextField {...input('name')} label="经办人姓名" required />
        <TextField
          {...input('idNumber', (v) => v.trim().toUpperCase())}
          label="经办人身份证号码"
          required
          kind="idcard"
          maxLength={18}
          error={idError}
        />
        <TextField
          {...input('phone', (v) => v.trim())}
          label="经办人手机号码"
          required
          kind="tel"
          maxLength={11}
          error={phoneError}
        />
        <DateField
          {...input('expiresOn')}
          label="授权截止日期"
          required
          hint="最长一年；到期后自动失效，也可随时撤销"
        />
        <Notice tone={message?.ok ? 'ok' : 'error'} testId="operator-message">
          {message?.text}
        </Notice>
        <ActionButton id="operator-invite" loading={busy} onClick={() => void invite()}>
          发出授权
        </ActionButton>
      </View>

      <View className="card" data-testid="operator-list">
        <View className="card__title">本单位的授权</View>
        {operators?.items.map((o, i) => (
          <ListItem
            key={o.id}
            testId={`operator-${i}`}
            title={`${o.name} · ${o.stateLabel}`}
            sub={`${o.idNumber} · ${o.basisLabel}${o.expiresAt ? ` · ${chinaDate(o.expiresAt)} 到期` : ''}`}
            actions={
              o.basis !== 'legalRepresentative' && (o.state === 'invited' || o.state === 'active')
                ? [{ id: `operator-${i}-revoke`, label: '撤销', onClick: () => void revoke(o.id, o.name) }]
                : []
            }
          />
        ))}
      </View>

      <View className="card" data-testid="authority-events">
        <View className="card__title">授权记录</View>
        {events && events.items.length === 0 ? <View className="empty">暂无记录</View> : null}
        {events?.items.map((e, i) => (
          <ListItem
            key={i}
            testId={`authority-event-${i}`}
            title={`${e.kindLabel} · ${e.holder.name}`}
            sub={`${chinaDateTime(String(e.at))} · ${e.byLabel}${e.applicationCode ? ` · 办件 ${e.applicationCode}` : ''}`}
          />
        ))}
      </View>
    </PageShell>
  );
}

// 办件查询: anyone holding the receipt's 办件编码 and 查询密码 sees each matter's progress, without login.
// The QR codes on the printed form and receipt open this page with the code filled in: on H5 as ?code=,
// in WeChat as the scanned link in ?q= (普通链接二维码), in Alipay as ?qrCode=.
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { StatusLookupResult } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { CaseSummaryCard, MatterHead, ReturnReasons } from '../../components/CaseSummary';
import { TextField } from '../../components/fields';
import { PageShell } from '../../components/PageShell';
import { codeFromParams } from '../../lib/lookupCode';
import { api } from '../../services';

function dueText(m: StatusLookupResult['matters'][number]): string {
  if (!m.dueDate) return m.timeLimit;
  return `${m.timeLimit}，应于 ${m.dueDate}${m.dueDateProvisional ? '（预计）' : ''} 前办结${m.overdue ? ' · 已超期' : ''}`;
}

export default function StatusLookup() {
  const { params } = useRouter();
  const [code, setCode] = useState(() => codeFromParams(params));
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<StatusLookupResult>();

  async function search() {
    const c = code.trim().toUpperCase();
    if (!c || !/^\d{6}$/.test(password.trim())) {
      setError('请填写办件编码和 6 位数字查询密码');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api.lookupStatus(c, password.trim()));
    } catch (e) {
      setResult(undefined);
      setError(e instanceof ApiError ? e.message : '查询失败，请检查网络后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <PageShell testId="status-lookup" title="办件查询">
      <View className="card">
        <View className="card__title">办件查询</View>
        <View className="field__hint">输入受理回执上的办件编码和查询密码，无需登录。</View>
        <TextField
          id="lookup-code"
          label="办件编码"
          value={code}
          onChange={setCode}
          maxLength={32}
          required
        />
        <TextField
          id="lookup-password"
          label="查询密码"
          kind="number"
          value={password}
          onChange={setPassword}
          maxLength={6}
          required
        />
        <Notice tone="error" testId="lookup-error">
          {error}
        </Notice>
        <ActionButton id="lookup-submit" loading={busy} onClick={() => void search()}>
          查询
        </ActionButton>
      </View>
      {result ? (
        <View data-testid="lookup-result">
          <CaseSummaryCard
            app={result}
            employeesLabel="新招用人员"
            employees={`${result.employeeCount} 人：${result.employees.map((e) => e.name).join('、')}`}
            testIds={{ code: 'lookup-result-code', status: 'lookup-status', employees: 'lookup-employees' }}
          />
          {result.matters.map((m) => (
            <View
              className="card"
              key={m.matter}
              data-testid={`lookup-matter-${m.matter}`}
              data-status={m.status}
            >
              <MatterHead matter={m} />
              <View className="field__hint">{`${m.agencyLabel} · ${dueText(m)}`}</View>
              <ReturnReasons reasons={m.reasons.map((r) => ({ message: r.message, who: r.employee }))} />
            </View>
          ))}
          <View className="field__hint">
            如需补正被退回的事项，请登录小程序在办件详情中操作，或到人社窗口办理。
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}

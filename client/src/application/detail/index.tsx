import { dueByLabel } from '@hiring/shared';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { MatterProgress, SubmittedApplication } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { DocumentDownloads } from '../../components/DocumentDownloads';
import { TextField } from '../../components/fields';
import { MatterTimeline, statusClass } from '../../components/MatterTimeline';
import { PageShell } from '../../components/PageShell';
import { useRemote } from '../../lib/useRemote';
import { api } from '../../services';

/** 补正: the fields a returned matter most often needs corrected, per affected hire. */
const CORRECTABLE = [
  { field: 'name', label: '姓名' },
  { field: 'phone', label: '手机号码' },
  { field: 'address', label: '通讯地址' },
  { field: 'hukouAddress', label: '户籍地址' },
] as const;

function Correction({
  app,
  matter,
  onDone,
}: {
  app: SubmittedApplication;
  matter: MatterProgress;
  onDone: (a: SubmittedApplication) => void;
}) {
  const affected = [...new Set(matter.reasons.map((r) => r.employeeKey).filter((k): k is string => !!k))];
  const keys = affected.length ? affected : app.employees.map((e) => e.key).filter((k): k is string => !!k);
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function send() {
    setBusy(true);
    setError(undefined);
    try {
      // Blank means "unchanged": only fields the user actually corrected are sent.
      const employees = keys.map((key) => ({
        key,
        ...Object.fromEntries(Object.entries(values[key] ?? {}).filter(([, v]) => v.trim() !== '')),
      }));
      onDone(await api.resubmitMatter(app.id, matter.matter, employees));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="correction" data-testid={`correction-${matter.matter}`}>
      {keys.map((key) => {
        const e = app.employees.find((x) => x.key === key);
        return (
          <View key={key} className="correction__employee">
            <View className="card__title">{e?.name ?? '员工'}（留空表示不修改）</View>
            {CORRECTABLE.map((c) => (
              <TextField
                key={c.field}
                id={`fix-${matter.matter}-${key}-${c.field}`}
                label={c.label}
                value={values[key]?.[c.field]}
                onChange={(v) => setValues((old) => ({ ...old, [key]: { ...old[key], [c.field]: v } }))}
              />
            ))}
          </View>
        );
      })}
      {error ? <View className="notice notice--error">{error}</View> : null}
      <ActionButton id={`resubmit-${matter.matter}`} loading={busy} onClick={() => void send()}>
        提交补正
      </ActionButton>
    </View>
  );
}

export default function ApplicationDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { data, error, reload } = useRemote(() => api.getApplication(id), [id]);
  const [override, setOverride] = useState<SubmittedApplication>();
  const [fixing, setFixing] = useState<string>();
  const app = override ?? data;

  usePullDownRefresh(() => {
    setOverride(undefined);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell testId="application-detail">
      {error ? <View className="notice notice--error">{error}</View> : null}
      {app ? (
        <>
          <View className="card">
            <View className="card__title">{app.unitName}</View>
            <View className="kv">
              <View className="kv__k">办件编码</View>
              <View className="kv__v" data-testid="detail-code">
                {app.code}
              </View>
            </View>
            <View className="kv">
              <View className="kv__k">总体状态</View>
              <View className="kv__v">
                <View className={statusClass(app.status)} data-testid="detail-status">
                  {app.statusLabel}
                </View>
              </View>
            </View>
            <View className="kv">
              <View className="kv__k">员工</View>
              <View className="kv__v">{app.employees.map((e) => e.name).join('、')}</View>
            </View>
          </View>
          {app.matters.map((m) => (
            <View className="card" key={m.matter} data-testid={`matter-${m.matter}`} data-status={m.status}>
              <View className="matter__head">
                <View className="card__title">{m.label}</View>
                <View className={statusClass(m.status)} data-testid={`matter-${m.matter}-status`}>
                  {m.statusLabel}
                </View>
              </View>
              <View className="field__hint">
                {m.agencyLabel}
                {` · ${m.timeLimit}`}
                {m.dueDate ? `，${dueByLabel(m.dueDate, m.dueDateBasis)}办结` : ''}
                {m.overdue ? ' · 已超期' : ''}
              </View>
              {m.reasons.length ? (
                <View className="notice notice--error" data-testid={`matter-${m.matter}-reasons`}>
                  退回原因：
                  {m.reasons.map((r, i) => (
                    <View key={`${r.code}-${i}`}>
                      {`${i + 1}. ${r.message}`}
                      {r.employeeKey
                        ? `（${app.employees.find((e) => e.key === r.employeeKey)?.name ?? ''}）`
                        : ''}
                    </View>
                  ))}
                </View>
              ) : null}
              <MatterTimeline matter={m} />
              {m.status === 'returned' ? (
                fixing === m.matter ? (
                  <Correction
                    app={app}
                    matter={m}
                    onDone={(a) => {
                      setOverride(a);
                      setFixing(undefined);
                    }}
                  />
                ) : (
                  <ActionButton id={`fix-${m.matter}`} onClick={() => setFixing(m.matter)}>
                    补正
                  </ActionButton>
                )
              ) : null}
            </View>
          ))}
          <DocumentDownloads id={app.id} code={app.code} />
          <ActionButton
            id="detail-refresh"
            kind="secondary"
            onClick={() => {
              setOverride(undefined);
              void reload();
            }}
          >
            刷新进度
          </ActionButton>
        </>
      ) : null}
    </PageShell>
  );
}

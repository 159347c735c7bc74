import { dueByLabel } from '@hiring/shared';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { SubmittedApplication } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { DocumentDownloads } from '../../components/DocumentDownloads';
import { CaseSummaryCard, MatterHead, ReturnReasons } from '../../components/CaseSummary';
import { MatterTimeline } from '../../components/MatterTimeline';
import { PageShell } from '../../components/PageShell';
import { usePolling } from '../../lib/usePolling';
import { useRemote } from '../../lib/useRemote';
import { api } from '../../services';
import { Correction } from './Correction';
import { MatterResult } from './MatterResult';
import { RatingCard } from './Rating';

export default function ApplicationDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { data, error, reload } = useRemote(() => api.getApplication(id), [id]);
  const [override, setOverride] = useState<SubmittedApplication>();
  const [fixing, setFixing] = useState<string>();
  const app = override ?? data;
  const nameOf = (key: string) => app?.employees.find((e) => e.key === key)?.name ?? '';
  // While a matter is still undecided the page keeps itself current (paused while a 补正 is being filled).
  const undecided = !!app?.matters.some((m) => m.status !== 'completed' && m.status !== 'returned');
  usePolling(
    () => reload().then(() => setOverride(undefined)),
    undecided && !fixing,
    (app?.matters ?? []).map((m) => `${m.matter}:${m.status}:${m.timeline.length}`).join(','),
  );

  usePullDownRefresh(() => {
    setOverride(undefined);
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <PageShell testId="application-detail" title="办件详情">
      <Notice tone="error">{error}</Notice>
      {app ? (
        <>
          <CaseSummaryCard
            app={app}
            codeClass="kv__v--code"
            employeesLabel="员工"
            employees={app.employees.map((e) => e.name).join('、')}
            testIds={{ code: 'detail-code', status: 'detail-status' }}
          />
          {/* Right under the summary: once everything is 办结, rating is what is left to do here. */}
          <RatingCard
            app={app}
            onRated={(rating) => {
              if (rating) setOverride({ ...app, rating, rateable: false });
              else {
                setOverride(undefined);
                void reload();
              }
            }}
          />
          {app.matters.map((m) => (
            <View className="card" key={m.matter} data-testid={`matter-${m.matter}`} data-status={m.status}>
              <MatterHead matter={m} statusTestId={`matter-${m.matter}-status`} />
              <View className="field__hint">
                {m.agencyLabel}
                {` · ${m.timeLimit}`}
                {m.dueDate ? `，${dueByLabel(m.dueDate, m.dueDateBasis)}办结` : ''}
                {m.overdue ? ' · 已超期' : ''}
              </View>
              <ReturnReasons
                testId={`matter-${m.matter}-reasons`}
                reasons={m.reasons.map((r) => ({
                  message: r.message,
                  who: r.employeeKey ? nameOf(r.employeeKey) : undefined,
                }))}
              />
              <MatterResult matter={m} />
              {m.excludedEmployeeKeys?.length ? (
                <View className="field__hint">
                  {`已移出本事项：${m.excludedEmployeeKeys.map(nameOf).join('、')}`}
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

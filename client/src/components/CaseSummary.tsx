// The pieces the application's detail, the status lookup and the receipt show alike: labelled values, the
// status tag, the summary card at the top and each matter's heading and return reasons.
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { statusClass } from './MatterTimeline';

/** One labelled value (办件编码, 总体状态, …); `valueClass` adds modifiers such as kv__v--code. */
export function KeyValue({
  label,
  valueClass,
  testId,
  children,
}: {
  label: ReactNode;
  valueClass?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <View className="kv">
      <View className="kv__k">{label}</View>
      <View className={valueClass ? `kv__v ${valueClass}` : 'kv__v'} data-testid={testId}>
        {children}
      </View>
    </View>
  );
}

export function StatusTag({ status, label, testId }: { status: string; label: string; testId?: string }) {
  return (
    <View className={statusClass(status)} data-testid={testId}>
      {label}
    </View>
  );
}

/** The card at the top of an application: unit, 办件编码, overall status and who it hires. */
export function CaseSummaryCard({
  app,
  codeClass,
  employeesLabel,
  employees,
  testIds,
}: {
  app: { unitName: string; code: string; status: string; statusLabel: string };
  codeClass?: string;
  employeesLabel: string;
  employees: string;
  testIds: { code: string; status: string; employees?: string };
}) {
  return (
    <View className="card">
      <View className="card__title">{app.unitName}</View>
      <KeyValue label="办件编码" valueClass={codeClass} testId={testIds.code}>
        {app.code}
      </KeyValue>
      <KeyValue label="总体状态">
        <StatusTag status={app.status} label={app.statusLabel} testId={testIds.status} />
      </KeyValue>
      <KeyValue label={employeesLabel} testId={testIds.employees}>
        {employees}
      </KeyValue>
    </View>
  );
}

/** A matter card's first row: its name and its status. */
export function MatterHead({
  matter,
  statusTestId,
}: {
  matter: { label: string; status: string; statusLabel: string };
  statusTestId?: string;
}) {
  return (
    <View className="matter__head">
      <View className="card__title">{matter.label}</View>
      <StatusTag status={matter.status} label={matter.statusLabel} testId={statusTestId} />
    </View>
  );
}

/** 退回原因, numbered; `who` names the hire a reason is about, when it is about one. */
export function ReturnReasons({
  reasons,
  testId,
}: {
  reasons: readonly { message: string; who?: string | null }[];
  testId?: string;
}) {
  if (!reasons.length) return null;
  return (
    <View className="notice notice--error" data-testid={testId}>
      退回原因：
      {reasons.map((r, i) => (
        <View key={i}>{`${i + 1}. ${r.message}${r.who ? `（${r.who}）` : ''}`}</View>
      ))}
    </View>
  );
}

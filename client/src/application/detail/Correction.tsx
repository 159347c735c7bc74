// 补正 of a returned matter: for each reason, the correction shared declares for it (RETURN_REASONS) —
// the returned hire's fields pre-filled with what was sent, the unit's fields, taking the hire out of this
// matter — and only what changed is sent back.
import {
  EDUCATION_LEVELS,
  ETHNICITIES,
  FIELD_LABELS,
  GENDERS,
  HUKOU_TYPES,
  INSURANCE_TYPES,
  returnReasonOf,
  type CodeItem,
} from '@hiring/shared';
import { View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import type { CorrectionBody, CorrectionDraft, MatterProgress, SubmittedApplication } from '../../api/types';
import { ActionButton } from '../../components/ActionButton';
import { Choice, ChoiceGroup, DateField, SelectField, TextField } from '../../components/fields';
import { fieldIdFor } from '../../lib/fieldIds';
import { api } from '../../services';
import { Materials } from './Materials';

type Values = Record<string, unknown>;

/** What an unspecific return lets the employer correct. */
const ANY_EMPLOYEE_FIELDS = ['name', 'phone', 'address', 'hukouAddress'];
const ANY_UNIT_FIELDS = ['unit.name', 'unit.address'];

const CODE_LISTS: Record<string, readonly CodeItem[]> = {
  ethnicity: ETHNICITIES,
  education: EDUCATION_LEVELS,
  gender: GENDERS,
  hukouType: HUKOU_TYPES,
};
const NUMBERS = new Set(['wage', 'housingFund.base', 'housingFund.unitRatio', 'housingFund.personalRatio']);

function read(values: Values | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node as Values | undefined)?.[part], values);
}

function write(values: Values, path: string, value: unknown): Values {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...values, [head]: value };
  return { ...values, [head]: write((values[head] as Values | undefined) ?? {}, rest.join('.'), value) };
}

const options = (list: readonly CodeItem[]) => list.map((item) => ({ value: item.code, label: item.label }));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which fields to offer for each hire and for the unit, and who may be taken out, from the reasons. */
function plan(matter: MatterProgress, draft: CorrectionDraft) {
  const employeeFields = new Map<string, Set<string>>();
  const unitFields = new Set<string>();
  const droppable = new Set<string>();
  const add = (key: string, fields: readonly string[]) => {
    const set = employeeFields.get(key) ?? new Set<string>();
    fields.forEach((f) => set.add(f));
    employeeFields.set(key, set);
  };
  for (const reason of matter.reasons) {
    const fix = returnReasonOf(reason.code);
    const key = reason.employeeKey ?? undefined;
    const keys = key ? [key] : draft.employees.map((e) => e.key);
    if (fix.fix === 'employeeFields') keys.forEach((k) => add(k, fix.fields));
    if (fix.fix === 'unitFields') fix.fields.forEach((f) => unitFields.add(f));
    if (fix.fix === 'any') {
      keys.forEach((k) => add(k, ANY_EMPLOYEE_FIELDS));
      if (!key) ANY_UNIT_FIELDS.forEach((f) => unitFields.add(f));
    }
    if (fix.droppable && key) droppable.add(key);
  }
  return { employeeFields, unitFields, droppable };
}

function FieldEditor({
  id,
  path,
  value,
  matters,
  onChange,
}: {
  id: string;
  path: string;
  value: unknown;
  matters: readonly string[];
  onChange: (value: unknown) => void;
}) {
  const field = path.replace(/^unit\./, '');
  const label = FIELD_LABELS[path] ?? FIELD_LABELS[field] ?? field;
  if (CODE_LISTS[field]) {
    return (
      <SelectField
        id={id}
        label={label}
        value={value as string | undefined}
        options={options(CODE_LISTS[field])}
        onChange={onChange}
      />
    );
  }
  if (field === 'insuranceTypes') {
    const chosen = (value as string[] | undefined) ?? [];
    return (
      <ChoiceGroup id={id} label={label}>
        {INSURANCE_TYPES.filter((t) => matters.includes(t.matter)).map((t) => (
          <Choice
            key={t.code}
            id={`${id}-${t.code}`}
            label={t.label}
            checked={chosen.includes(t.code)}
            onChange={(on) => onChange(on ? [...chosen, t.code] : chosen.filter((c) => c !== t.code))}
          />
        ))}
      </ChoiceGroup>
    );
  }
  if (field === 'contract') {
    const contract = (value as { start?: string; end?: string | null } | undefined) ?? {};
    return (
      <>
        <DateField
          id={`${id}-start`}
          label="劳动合同起始日期"
          value={contract.start}
          onChange={(start) => onChange({ ...contract, start })}
        />
        <DateField
          id={`${id}-end`}
          label="劳动合同终止日期（无固定期限可不填）"
          value={contract.end ?? undefined}
          onChange={(end) => onChange({ ...contract, end: end || null })}
        />
      </>
    );
  }
  if (field === 'insuredFrom') {
    return <DateField id={id} label={label} month value={value as string | undefined} onChange={onChange} />;
  }
  const numeric = NUMBERS.has(field);
  return (
    <TextField
      id={id}
      label={label}
      kind={numeric ? 'digit' : 'text'}
      value={value as string | number | undefined}
      onChange={(text) => onChange(numeric ? (text.trim() === '' ? undefined : Number(text)) : text)}
    />
  );
}

export function Correction({
  app,
  matter,
  onDone,
}: {
  app: SubmittedApplication;
  matter: MatterProgress;
  onDone: (a: SubmittedApplication) => void;
}) {
  const [draft, setDraft] = useState<CorrectionDraft>();
  const [rows, setRows] = useState<Record<string, Values>>({});
  const [unit, setUnit] = useState<Values>({});
  const [drop, setDrop] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api
      .getCorrection(app.id, matter.matter)
      .then((loaded) => {
        setDraft(loaded);
        setRows(Object.fromEntries(loaded.employees.map((e) => [e.key, e])));
        setUnit({ unit: loaded.unit });
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '读取补正内容失败，请刷新重试'));
  }, [app.id, matter.matter]);

  const offered = useMemo(() => (draft ? plan(matter, draft) : undefined), [draft, matter]);
  const materials = matter.reasons.filter((r) => returnReasonOf(r.code).fix === 'materials');

  async function send() {
    if (!draft || !offered) return;
    setBusy(true);
    setError(undefined);
    try {
      const body: CorrectionBody = {};
      const employees = draft.employees
        .map((original) => {
          const fields = offered.employeeFields.get(original.key) ?? new Set<string>();
          const changed: Values = { key: original.key };
          for (const path of fields) {
            const top = path.split('.')[0];
            if (!same(read(rows[original.key], top), read(original, top)))
              changed[top] = read(rows[original.key], top);
          }
          return changed;
        })
        .filter((e) => Object.keys(e).length > 1) as CorrectionBody['employees'];
      if (employees?.length) body.employees = employees;
      const unitFix: Values = {};
      for (const path of offered.unitFields) {
        const field = path.replace(/^unit\./, '');
        const value = read(unit, path);
        if (!same(value, draft.unit[field])) unitFix[field] = value === '' ? null : value;
      }
      if (Object.keys(unitFix).length) body.unit = unitFix;
      if (drop.length) body.drop = drop;
      onDone(await api.resubmitMatter(app.id, matter.matter, body));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  }

  if (!draft || !offered) {
    return (
      <View className="correction" data-testid={`correction-${matter.matter}`}>
        {error ? <View className="notice notice--error">{error}</View> : '正在读取上次报送的内容…'}
      </View>
    );
  }

  return (
    <View className="correction" data-testid={`correction-${matter.matter}`}>
      <View className="field__hint">已按上次报送的内容填好，请按退回原因修改后提交；其他事项不受影响。</View>
      {matter.reasons.map((r, i) => (
        <View key={`${r.code}-${i}`} className="field__hint" data-testid={`advice-${matter.matter}-${i}`}>
          {`${i + 1}. ${returnReasonOf(r.code).advice}`}
        </View>
      ))}
      {offered.unitFields.size ? (
        <View className="correction__employee">
          <View className="card__title">单位信息</View>
          {[...offered.unitFields].map((path) => (
            <FieldEditor
              key={path}
              id={`fix-${matter.matter}-unit-${path.replace(/^unit\./, '')}`}
              path={path}
              value={read(unit, path)}
              matters={draft.matters}
              onChange={(v) => setUnit((old) => write(old, path, v))}
            />
          ))}
        </View>
      ) : null}
      {draft.employees
        .filter((e) => offered.employeeFields.has(e.key) || offered.droppable.has(e.key))
        .map((e) => {
          const dropped = drop.includes(e.key);
          return (
            <View key={e.key} className="correction__employee" data-testid={`fix-${matter.matter}-${e.key}`}>
              <View className="card__title">{e.name}</View>
              {!dropped
                ? [...(offered.employeeFields.get(e.key) ?? [])].map((path) => (
                    <FieldEditor
                      key={path}
                      id={`fix-${matter.matter}-${e.key}-${fieldIdFor(path)}`}
                      path={path}
                      value={read(rows[e.key], path)}
                      matters={draft.matters}
                      onChange={(v) =>
                        setRows((old) => ({ ...old, [e.key]: write(old[e.key] ?? {}, path, v) }))
                      }
                    />
                  ))
                : null}
              {offered.droppable.has(e.key) ? (
                <Choice
                  id={`drop-${matter.matter}-${e.key}`}
                  label="将该员工移出本事项"
                  description="其他员工照常办理，该员工其他事项的结果不受影响"
                  checked={dropped}
                  onChange={(on) => setDrop((old) => (on ? [...old, e.key] : old.filter((k) => k !== e.key)))}
                />
              ) : null}
            </View>
          );
        })}
      {materials.length ? <Materials app={app} matter={matter} onChange={() => setError(undefined)} /> : null}
      {error ? (
        <View className="notice notice--error" data-testid={`correction-${matter.matter}-error`}>
          {error}
        </View>
      ) : null}
      <ActionButton id={`resubmit-${matter.matter}`} loading={busy} onClick={() => void send()}>
        提交补正
      </ActionButton>
    </View>
  );
}

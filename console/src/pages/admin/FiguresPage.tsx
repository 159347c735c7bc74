// 业务参数: the figures the rules use (minimum wages, contribution base limits, housing-fund ratio range and
// base cap, retirement ages), each a list of periods; the one in force today, 参考值 marked, and for an
// administrator a new period (the previous open-ended one then ends the day before) or the deletion of one
// not yet in force. The new value is checked with shared's checkFigurePeriods before it is sent.
import { useState } from 'react';
import { addDays, checkFigurePeriods, todayInChina, type AnyRuleFigurePeriod } from '@hiring/shared';
import { call } from '../../api/http';
import type { ApiComponents as components } from '@hiring/shared';
import { useApi } from '../../components/useApi';
import { ErrorBox, FormProblems, Loaded, SavedNotice } from '../../components/Status';
import { Form } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { useSaved } from '../../components/useSaved';
import { useStoredState } from '../../components/useStoredState';
import { SourceField } from './SourceField';
import { countyLabel, describeValue, fieldsOf, readPath, withPath } from './figureFields';

type FigureSet = components['schemas']['FigureSetInForce'];
type Kind = FigureSet['kind'];
type Value = Record<string, unknown>;

export default function FiguresPage() {
  const list = useApi((signal) => call('get', '/api/v1/staff/rules/figures', { signal }), []);
  const { message, saved } = useSaved(list.reload);
  return (
    <section>
      <h1>业务参数</h1>
      <p className="lead">
        申报校验与计算使用的参数。标为<b>参考值</b>
        的数值尚未经正式文件确认，只作提示，不用于调整或拦截单位申报。
      </p>
      <SavedNotice message={message} testId="figures-saved" />
      <Loaded state={list}>
        {({ kinds }) => (
          <>
            {kinds.map((set) => (
              <FigureCard key={set.kind} set={set} onChanged={saved} />
            ))}
          </>
        )}
      </Loaded>
    </section>
  );
}

function FigureCard({ set, onChanged }: { set: FigureSet; onChanged(message: string): void }) {
  const [adding, setAdding] = useState(false);
  const { error, run } = useAction();
  const today = todayInChina();

  function remove(effectiveFrom: string) {
    if (!window.confirm(`删除${set.label}自 ${effectiveFrom} 起的期间？`)) return;
    void run(async () => {
      await call('delete', '/api/v1/staff/admin/rules/figures/{kind}/periods/{effectiveFrom}', {
        path: { kind: set.kind, effectiveFrom },
        query: { revision: set.revision },
      });
      onChanged(`已删除${set.label}自 ${effectiveFrom} 起的期间。`);
    });
  }

  return (
    <div className="panel" data-testid={`figure-${set.kind}`}>
      <h2>
        {set.label} {set.shipped && <span className="badge">内置数值</span>}
      </h2>
      {set.inForce ? (
        <p data-testid={`figure-${set.kind}-in-force`}>
          今日生效（自 {set.inForce.effectiveFrom} 起）：{describeValue(set.inForce.value as Value)}
          {set.inForce.placeholder && <span className="badge badge-warn">参考值</span>}
        </p>
      ) : (
        <p className="notice notice-warn">今日没有生效的期间</p>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>生效日期</th>
            <th>截止日期</th>
            <th>数值</th>
            <th>来源</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {set.periods.map((p) => (
            <tr key={p.effectiveFrom}>
              <td>{p.effectiveFrom}</td>
              <td>{p.effectiveTo ?? '长期'}</td>
              <td>
                {describeValue(p.value as Value)}{' '}
                {p.placeholder && <span className="badge badge-warn">参考值</span>}
              </td>
              <td>{p.source}</td>
              <td>
                {p.effectiveFrom > today && (
                  <button type="button" className="link-button" onClick={() => remove(p.effectiveFrom)}>
                    删除
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorBox error={error} />}
      {adding ? (
        <NewPeriodForm
          set={set}
          onCancel={() => setAdding(false)}
          onSaved={(text) => {
            setAdding(false);
            onChanged(text);
          }}
        />
      ) : (
        <button type="button" onClick={() => setAdding(true)} data-testid={`figure-${set.kind}-add`}>
          新增生效期间
        </button>
      )}
    </div>
  );
}

interface PeriodForm {
  effectiveFrom: string;
  value: Value;
  placeholder: boolean;
  source: string;
}

function NewPeriodForm({
  set,
  onCancel,
  onSaved,
}: {
  set: FigureSet;
  onCancel(): void;
  onSaved(message: string): void;
}) {
  const base = (set.inForce ?? set.periods[set.periods.length - 1])?.value as Value | undefined;
  const [form, setForm, clearStored] = useStoredState<PeriodForm>(`figures:${set.kind}`, () => ({
    effectiveFrom: addDays(todayInChina(), 1),
    value: base ?? {},
    placeholder: false,
    source: '',
  }));
  // Number inputs keep what is typed (text) until saved, so a half-typed value is not lost.
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const fields = fieldsOf(base ?? {});
  const counties = form.value.counties as Record<string, string> | undefined;

  function submit() {
    const period = {
      kind: set.kind,
      effectiveFrom: form.effectiveFrom,
      effectiveTo: null,
      value: form.value,
      placeholder: form.placeholder,
      source: form.source.trim(),
    } as unknown as AnyRuleFigurePeriod;
    const found = [
      ...fields
        .filter((f) => f.numeric && typeof readPath(form.value, f.path) !== 'number')
        .map((f) => `${f.label}应为数字`),
      ...checkFigurePeriods(set.kind as Kind, [period]),
    ];
    setProblems(found);
    if (found.length) return;
    void run(async () => {
      await call('post', '/api/v1/staff/admin/rules/figures/{kind}/periods', {
        path: { kind: set.kind },
        body: {
          effectiveFrom: form.effectiveFrom,
          value: form.value as never,
          placeholder: form.placeholder,
          source: form.source.trim(),
          revision: set.revision,
        },
      });
      clearStored();
      onSaved(`已保存${set.label}自 ${form.effectiveFrom} 起的新数值。`);
    });
  }

  return (
    <Form className="form sub-form" noValidate data-testid={`figure-${set.kind}-form`} onSubmit={submit}>
      <h3>新增{set.label}生效期间</h3>
      <div className="grid">
        <label className="field">
          生效日期
          <input
            type="date"
            value={form.effectiveFrom}
            onChange={(e) => setForm((f) => ({ ...f, effectiveFrom: e.target.value }))}
          />
        </label>
        {fields.map((f) => (
          <label className="field" key={f.path}>
            {f.label}
            <input
              inputMode={f.numeric ? 'decimal' : 'text'}
              value={texts[f.path] ?? String(readPath(form.value, f.path) ?? '')}
              data-testid={`figure-field-${f.path}`}
              onChange={(e) => {
                const text = e.target.value;
                setTexts((t) => ({ ...t, [f.path]: text }));
                const parsed = f.numeric ? (text.trim() === '' ? undefined : Number(text)) : text;
                setForm((current) => ({
                  ...current,
                  value: withPath(current.value, f.path, Number.isNaN(parsed) ? text : parsed),
                }));
              }}
            />
          </label>
        ))}
        <SourceField
          label="来源（文件名称、文号）"
          value={form.source}
          onChange={(source) => setForm((f) => ({ ...f, source }))}
          testId={`figure-${set.kind}-source`}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={form.placeholder}
            onChange={(e) => setForm((f) => ({ ...f, placeholder: e.target.checked }))}
          />
          参考值（尚无正式文件，只作提示）
        </label>
      </div>
      {counties && (
        <details>
          <summary>县区分类（沿用现行 {Object.keys(counties).length} 个县区）</summary>
          <p className="muted">
            {Object.entries(counties)
              .map(([code, zone]) => `${countyLabel(code)} 第${zone}类`)
              .join('、')}
          </p>
        </details>
      )}
      <FormProblems problems={problems} error={error} testId="figure-problems" />
      <div className="actions">
        <button type="submit" className="primary" disabled={!!busy} data-testid={`figure-${set.kind}-submit`}>
          {busy ? '正在保存…' : '保存'}
        </button>
        <button type="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </Form>
  );
}

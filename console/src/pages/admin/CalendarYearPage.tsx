// One year of the working-day calendar: its days off and 调休 workdays, and for an administrator the entry
// of the State Council's notice (ranges as the notice lists them). The form is checked with shared's rules
// before it is sent (the bff checks the same again) and survives a session expiry.
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  CALENDAR_BASIS_LABELS,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  checkOfficialYear,
  expandCalendarNotice,
} from '@hiring/shared';
import { call } from '../../api/http';
import type { ApiComponents as components } from '@hiring/shared';
import { useApi } from '../../components/useApi';
import { FormProblems, Loaded, SavedNotice } from '../../components/Status';
import { Form } from '../../components/forms';
import { useAction } from '../../components/useAction';
import { useSaved } from '../../components/useSaved';
import { useStoredState } from '../../components/useStoredState';
import { dayCount, rangeLabel, toRanges } from './calendarDays';
import { ORIGIN_LABELS } from './CalendarPage';
import { SourceField } from './SourceField';

type Detail = components['schemas']['CalendarYearDetail'];

export default function CalendarYearPage() {
  const year = Number(useParams().year);
  const valid = Number.isInteger(year) && year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR;
  const detail = useApi(
    (signal) =>
      valid
        ? call('get', '/api/v1/staff/calendar/years/{year}', { path: { year }, signal })
        : Promise.reject(new Error(`年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`)),
    [year, valid],
  );
  const { message, saved } = useSaved(detail.reload);
  return (
    <section>
      <p className="crumbs">
        <Link to="/admin/calendar">工作日历</Link> / {valid ? `${year} 年` : '年份有误'}
      </p>
      <h1>{valid ? `${year} 年工作日历` : '工作日历'}</h1>
      <SavedNotice message={message} testId="calendar-saved" />
      <Loaded state={detail}>
        {(d) => (
          <>
            <YearSummary detail={d} />
            <YearEntryForm key={`${d.year}:${d.enteredAt ?? ''}`} detail={d} onSaved={saved} />
          </>
        )}
      </Loaded>
    </section>
  );
}

function YearSummary({ detail }: { detail: Detail }) {
  const holidays = toRanges(detail.holidays);
  const workdays = toRanges(detail.workdays);
  return (
    <div className="panel" data-testid="calendar-summary">
      <p>
        依据：
        <span
          className={`badge ${detail.basis === 'provisional' ? 'badge-warn' : 'badge-ok'}`}
          data-testid="calendar-basis"
        >
          {CALENDAR_BASIS_LABELS[detail.basis]}
        </span>{' '}
        （{ORIGIN_LABELS[detail.origin]}
        {detail.source ? `：${detail.source}` : ''}）
      </p>
      {detail.basis === 'provisional' && (
        <p className="notice notice-warn">
          该年尚无国务院办公厅放假通知，按《全国年节及纪念日放假办法》的法定节假日推算，不含调休；涉及该年的办理时限均显示为“预计”。
        </p>
      )}
      <div className="two-columns">
        <div>
          <h3>放假</h3>
          <ul className="plain">
            {holidays.map((r) => (
              <li key={r.from}>
                {r.name}：{rangeLabel(r)}（{dayCount(r)} 天）
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>调休上班</h3>
          {workdays.length ? (
            <ul className="plain">
              {workdays.map((r) => (
                <li key={r.from}>
                  {r.name}：{rangeLabel(r)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">无</p>
          )}
        </div>
      </div>
    </div>
  );
}

interface EntryForm {
  source: string;
  holidays: { name: string; from: string; to: string }[];
  workdays: { name: string; date: string }[];
}

const initialForm = (detail: Detail): EntryForm => ({
  source: detail.origin === 'entered' ? (detail.source ?? '') : '',
  holidays: toRanges(detail.holidays).map((r) => ({ ...r, to: r.to === r.from ? '' : r.to })),
  workdays: detail.workdays.map((w) => ({ name: w.name, date: w.date })),
});

/** Problems in Chinese, before anything is sent: the fields, then shared's rules for a year. */
function checkForm(year: number, form: EntryForm): string[] {
  const problems: string[] = [];
  if (!form.source.trim()) problems.push('请注明来源（通知名称、文号）');
  else if (form.source.length > 200) problems.push('来源最多 200 个字');
  if (!form.holidays.length) problems.push('请至少填写一段放假安排');
  form.holidays.forEach((h, i) => {
    if (!h.name.trim()) problems.push(`第 ${i + 1} 段放假安排：请填写节日名称`);
    if (!h.from) problems.push(`第 ${i + 1} 段放假安排：请填写放假开始日期`);
  });
  form.workdays.forEach((w, i) => {
    if (!w.name.trim()) problems.push(`第 ${i + 1} 个调休上班日：请填写节日名称`);
    if (!w.date) problems.push(`第 ${i + 1} 个调休上班日：请填写日期`);
  });
  if (problems.length) return problems;
  const expanded = expandCalendarNotice({ holidays: form.holidays, workdays: form.workdays });
  if (expanded.problems.length) return expanded.problems;
  return checkOfficialYear({ year, holidays: expanded.holidays, workdays: expanded.workdays });
}

function YearEntryForm({ detail, onSaved }: { detail: Detail; onSaved(message: string): void }) {
  const { year } = detail;
  const [form, setForm, clearStored] = useStoredState<EntryForm>(`calendar:${year}`, () =>
    initialForm(detail),
  );
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  const update = (change: Partial<EntryForm>) => setForm((f) => ({ ...f, ...change }));

  function submit() {
    const found = checkForm(year, form);
    setProblems(found);
    if (found.length) return;
    void run(async () => {
      const change = await call('put', '/api/v1/staff/admin/calendar/years/{year}', {
        path: { year },
        body: {
          source: form.source.trim(),
          holidays: form.holidays.map((h) => ({ name: h.name.trim(), from: h.from, to: h.to || null })),
          workdays: form.workdays.map((w) => ({ name: w.name.trim(), date: w.date })),
        },
      });
      clearStored();
      onSaved(
        `已录入 ${year} 年正式安排。` +
          (change.recomputed === null
            ? '在办事项的办理时限将由定时任务稍后重算。'
            : `${change.recomputed} 个在办事项的办理时限已按新安排重算。`),
      );
    });
  }

  function withdraw() {
    if (!window.confirm(`撤回 ${year} 年管理员录入的安排？撤回后回到内置数据或预计。`)) return;
    void run(async () => {
      await call('delete', '/api/v1/staff/admin/calendar/years/{year}', { path: { year } });
      clearStored();
      onSaved(`已撤回 ${year} 年录入的安排。`);
    });
  }

  return (
    <Form className="panel form" data-testid="calendar-form" onSubmit={submit} noValidate>
      <h2>录入国务院办公厅通知</h2>
      <p className="muted">
        按通知逐段填写放假日期（一段连续的放假只填起止日）和调休上班日（周六或周日）。已按推算或现有数据预填，请逐项核对。
      </p>
      <SourceField
        label="来源（通知名称、文号）"
        value={form.source}
        onChange={(source) => update({ source })}
        placeholder={`国务院办公厅关于${year}年部分节假日安排的通知`}
        testId="calendar-source"
      />
      <RowList
        legend="放假安排"
        rows={form.holidays}
        onChange={(holidays) => update({ holidays })}
        blank={{ name: '', from: '', to: '' }}
        testId="holiday"
        addLabel="添加一段放假"
      >
        {(h, set, i) => (
          <>
            <NameInput
              label={`第 ${i + 1} 段节日名称`}
              value={h.name}
              placeholder="节日名称"
              onChange={(name) => set({ name })}
            />
            <DateInput
              label={`第 ${i + 1} 段放假开始日期`}
              value={h.from}
              onChange={(from) => set({ from })}
            />
            <span>至</span>
            <DateInput label={`第 ${i + 1} 段放假结束日期`} value={h.to} onChange={(to) => set({ to })} />
          </>
        )}
      </RowList>
      <RowList
        legend="调休上班日"
        rows={form.workdays}
        onChange={(workdays) => update({ workdays })}
        blank={{ name: '', date: '' }}
        testId="workday"
        addLabel="添加调休上班日"
      >
        {(w, set, i) => (
          <>
            <NameInput
              label={`第 ${i + 1} 个调休上班日对应节日`}
              value={w.name}
              placeholder="对应节日"
              onChange={(name) => set({ name })}
            />
            <DateInput
              label={`第 ${i + 1} 个调休上班日日期`}
              value={w.date}
              onChange={(date) => set({ date })}
            />
          </>
        )}
      </RowList>
      <FormProblems problems={problems} error={error} title="请先改正以下问题：" testId="calendar-problems" />
      <div className="actions">
        <button type="submit" className="primary" disabled={!!busy} data-testid="calendar-submit">
          {busy ? '正在保存…' : `保存 ${year} 年正式安排`}
        </button>
        {detail.origin === 'entered' && (
          <button type="button" disabled={!!busy} onClick={withdraw}>
            撤回录入
          </button>
        )}
      </div>
    </Form>
  );
}

/**
 * The rows of one list of the notice (its holiday ranges, its workdays), each with 删除, and a button adding
 * a blank row. `testId` names the rows `${testId}-${i}` and the button `add-${testId}`.
 */
function RowList<R>({
  legend,
  rows,
  onChange,
  blank,
  testId,
  addLabel,
  children,
}: {
  legend: string;
  rows: R[];
  onChange(rows: R[]): void;
  blank: R;
  testId: string;
  addLabel: string;
  children(row: R, set: (change: Partial<R>) => void, index: number): ReactNode;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {rows.map((row, i) => (
        <div className="row" key={i} data-testid={`${testId}-${i}`}>
          {children(row, (change) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r))), i)}
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            删除
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, blank])} data-testid={`add-${testId}`}>
        {addLabel}
      </button>
    </fieldset>
  );
}

/** The holiday a row belongs to, as the notice names it (春节, 国庆节…). */
function NameInput(props: {
  label: string;
  value: string;
  placeholder: string;
  onChange(name: string): void;
}) {
  return (
    <input
      aria-label={props.label}
      value={props.value}
      maxLength={20}
      onChange={(e) => props.onChange(e.target.value)}
      placeholder={props.placeholder}
    />
  );
}

function DateInput(props: { label: string; value: string; onChange(date: string): void }) {
  return (
    <input
      type="date"
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}

// 督查统计 for 政务服务管理局: a period and county, then the figures — applications and matters per day,
// the 即办 / 3-working-day share, processing time per matter in working days (median, 90th percentile),
// the overdue matters (including those the agency never accepted) with a link to each application, returns
// by reason, 好差评 — and the Excel export of the same figures.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ChartConfiguration } from 'chart.js';
import { addDays, supervisionPeriodProblem, todayInChina } from '@hiring/shared';
import { call, download } from '../../api/http';
import type { ApiComponents as components } from '@hiring/shared';
import { useApi } from '../../components/useApi';
import { Empty, ErrorBox, Loaded } from '../../components/Status';
import { CodeOptions, COUNTY_OPTIONS } from '../../components/fields';
import { DateRangeFields, Form } from '../../components/forms';
import { NotedCell, numeric, Table } from '../../components/Table';
import { useAction } from '../../components/useAction';
import { useStaff } from '../../session/SessionContext';
import { ChartCanvas, CHART_COLORS } from './ChartCanvas';
import { periodOf, queryOf, type Period } from './period';

type Figures = components['schemas']['SupervisorFigures'];
type Overdue = components['schemas']['SupervisorOverdueMatter'];

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const workingDays = (n: number | null) => (n === null ? '—' : `${n} 个工作日`);

function PeriodPicker({ period, onChange }: { period: Period; onChange(period: Period): void }) {
  const staff = useStaff();
  const [form, setForm] = useState(period);
  const problem = supervisionPeriodProblem(form.from, form.to);
  const today = todayInChina();
  const quick = (days: number) => onChange({ ...form, from: addDays(today, -(days - 1)), to: today });
  return (
    <Form
      className="inline-form panel"
      data-testid="period-form"
      onSubmit={() => {
        if (!problem) onChange(form);
      }}
    >
      <DateRangeFields
        label="提交日期"
        value={form}
        onChange={(change) => setForm({ ...form, ...change })}
        testId="period"
      />
      <label>
        区县
        <select
          value={staff.county ?? form.county}
          disabled={!!staff.county}
          onChange={(e) => setForm({ ...form, county: e.target.value })}
          data-testid="period-county"
        >
          <CodeOptions options={COUNTY_OPTIONS} none="全市" />
        </select>
      </label>
      <button type="submit" className="primary" disabled={!!problem} data-testid="period-submit">
        统计
      </button>
      <button type="button" onClick={() => quick(7)}>
        近 7 天
      </button>
      <button type="button" onClick={() => quick(30)}>
        近 30 天
      </button>
      <button type="button" onClick={() => quick(365)}>
        近一年
      </button>
      {problem && (
        <p className="field-error" role="alert" data-testid="period-problem">
          {problem}
        </p>
      )}
    </Form>
  );
}

function ExportButton({ period }: { period: Period }) {
  const { busy, error, run } = useAction();
  const save = () =>
    run(async () => {
      const { blob, fileName } = await download('/api/v1/staff/supervisor/dashboard.xlsx', {
        query: queryOf(period),
      });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName ?? '督查统计.xlsx';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });
  return (
    <div className="export">
      <button
        type="button"
        className="primary"
        disabled={!!busy}
        onClick={() => void save()}
        data-testid="export"
      >
        {busy ? '正在生成 Excel…' : '导出 Excel'}
      </button>
      {error && <ErrorBox error={error} />}
    </div>
  );
}

function Totals({ figures }: { figures: Figures }) {
  const t = figures.totals;
  const cards: [string, number | string, string?][] = [
    ['申请件数', t.applications],
    ['事项数', t.matters],
    ['已办结', t.completed],
    ['办理中', t.open],
    ['退回待补正', t.returned],
    ['超期未办结', t.overdueOpen, t.overdueOpen ? 'alert' : undefined],
    ['其中部门未受理', t.neverAcceptedOverdue, t.neverAcceptedOverdue ? 'alert' : undefined],
    ['超期办结', t.completedLate, t.completedLate ? 'warn' : undefined],
  ];
  return (
    <div className="figure-cards" data-testid="totals">
      {cards.map(([label, value, tone]) => (
        <div key={label} className={`figure-card ${tone ?? ''}`} data-testid={`total-${label}`}>
          <div className="figure-value">{value}</div>
          <div className="figure-label">{label}</div>
        </div>
      ))}
    </div>
  );
}

function PerDay({ figures }: { figures: Figures }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: figures.perDay.map((d) => d.date.slice(5)),
        datasets: [
          {
            label: '申请件数',
            data: figures.perDay.map((d) => d.applications),
            backgroundColor: CHART_COLORS[0],
          },
          { label: '事项数', data: figures.perDay.map((d) => d.matters), backgroundColor: CHART_COLORS[1] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [figures],
  );
  return (
    <div className="panel">
      <h2>每日申请与事项</h2>
      <ChartCanvas config={config} label="每日申请件数与事项数柱状图" testId="chart-per-day" />
    </div>
  );
}

function TimeLimits({ figures }: { figures: Figures }) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'doughnut',
      data: {
        labels: figures.timeLimits.map((l) => l.label),
        datasets: [{ data: figures.timeLimits.map((l) => l.matters), backgroundColor: CHART_COLORS }],
      },
      options: { plugins: { legend: { position: 'right' } } },
    }),
    [figures],
  );
  return (
    <div className="panel">
      <h2>办理时限构成</h2>
      <ChartCanvas
        config={config}
        label="即办与 3 个工作日事项占比环形图"
        testId="chart-time-limits"
        height={180}
      />
      <ul className="plain" data-testid="time-limits">
        {figures.timeLimits.map((l) => (
          <li key={l.workingDays}>
            {l.label}：{l.matters} 项（{percent(l.share)}）
          </li>
        ))}
      </ul>
    </div>
  );
}

function Matters({ figures }: { figures: Figures }) {
  return (
    <div className="panel">
      <h2>分事项办理用时（工作日）</h2>
      <Table
        columns={[
          '事项',
          '部门',
          '时限',
          numeric('事项数'),
          numeric('已办结'),
          numeric('用时中位数'),
          numeric('用时 90% 分位'),
          numeric('超期未办结'),
          numeric('超期办结'),
        ]}
        testId="matter-figures"
      >
        {figures.matters.map((m) => (
          <tr key={m.matter} data-testid={`matter-figure-${m.matter}`}>
            <td>{m.label}</td>
            <td>{m.agencyLabel}</td>
            <td>{m.timeLimit}</td>
            <td className="num">{m.total}</td>
            <td className="num">{m.completed}</td>
            <td className="num">{workingDays(m.medianWorkingDays)}</td>
            <td className="num">{workingDays(m.p90WorkingDays)}</td>
            <td className="num">{m.overdueOpen}</td>
            <td className="num">{m.completedLate}</td>
          </tr>
        ))}
      </Table>
      <p className="muted small">
        用时自推送部门（提交或补正后重新提交）之日起算至办结之日，按工作日历计（与办理期限相同）；即办事项当日办结为
        0 个工作日。
      </p>
    </div>
  );
}

function overdueState(o: Overdue) {
  if (!o.open) return `超期办结（${o.completedOn}）`;
  return o.neverAccepted ? '部门尚未受理' : o.statusLabel;
}

function OverdueList({ figures }: { figures: Figures }) {
  const { total, items } = figures.overdue;
  return (
    <div className="panel">
      <h2>超期事项（{total} 项）</h2>
      {items.length === 0 ? (
        <Empty>所选期间没有超期事项。</Empty>
      ) : (
        <>
          <Table
            columns={[
              '办件编码',
              '单位（区县）',
              '事项 / 部门',
              '状态',
              '办理期限',
              '超期起始',
              numeric('超期'),
            ]}
            testId="overdue"
          >
            {items.map((o) => (
              <tr key={`${o.code}-${o.matter}`} data-testid={`overdue-${o.code}-${o.matter}`}>
                <td>
                  <Link to={`/supervisor/applications/${o.applicationId}`}>{o.code}</Link>
                </td>
                <NotedCell note={o.countyLabel}>{o.unitName}</NotedCell>
                <NotedCell note={o.agencyLabel}>{o.label}</NotedCell>
                <td>
                  <span className={`badge ${o.open ? 'badge-error' : 'badge-warn'}`}>{overdueState(o)}</span>
                  <div className="muted small">自 {o.statusSince} 起</div>
                </td>
                <td>{o.dueDate}</td>
                <td>{o.overdueSince}</td>
                <td className="num">
                  {o.workingDaysOver > 0 ? `${o.workingDaysOver} 个工作日` : '不足 1 个工作日'}
                </td>
              </tr>
            ))}
          </Table>
          {total > items.length && (
            <p className="muted small">
              按超期工作日从多到少列出前 {items.length} 项；导出的 Excel 列出更多。
            </p>
          )}
        </>
      )}
    </div>
  );
}

function Returns({ figures }: { figures: Figures }) {
  const { total, reasons } = figures.returns;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: reasons.map((r) => r.label),
        datasets: [{ label: '次数', data: reasons.map((r) => r.count), backgroundColor: CHART_COLORS[3] }],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    [reasons],
  );
  return (
    <div className="panel">
      <h2>退回原因（共 {total} 次退回）</h2>
      {reasons.length === 0 ? (
        <Empty>所选期间没有退回。</Empty>
      ) : (
        <>
          <ChartCanvas
            config={config}
            label="各退回原因次数条形图"
            testId="chart-returns"
            height={Math.max(120, reasons.length * 34 + 40)}
          />
          <table className="table" data-testid="returns">
            <tbody>
              {reasons.map((r) => (
                <tr key={r.code}>
                  <td>{r.label}</td>
                  <td className="num">{r.count} 次</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function Ratings({ figures }: { figures: Figures }) {
  const { count, average, grades, distribution, recent } = figures.ratings;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: distribution.map((d) => `${d.score} 分 ${d.label}`),
        datasets: [
          { label: '件数', data: distribution.map((d) => d.count), backgroundColor: CHART_COLORS[2] },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    }),
    [distribution],
  );
  return (
    <div className="panel" data-testid="ratings">
      <h2>好差评</h2>
      {count === 0 ? (
        <Empty>所选期间的办件尚无评价。</Empty>
      ) : (
        <>
          <p data-testid="ratings-summary">
            共 {count} 条评价，平均 <b>{average?.toFixed(2)}</b> 分；好评 {grades.good}、中评 {grades.neutral}
            、差评 {grades.bad}
          </p>
          <ChartCanvas config={config} label="评分分布柱状图" testId="chart-ratings" height={180} />
          {recent.length > 0 && (
            <>
              <h3>最近的留言</h3>
              <ul className="plain">
                {recent.map((r) => (
                  <li key={`${r.code}-${r.ratedAt}`}>
                    <b>{r.score} 分</b> {r.comment}
                    <span className="muted small">
                      {' '}
                      — {r.unitName}，{new Date(r.ratedAt).toLocaleDateString('zh-CN')}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  // One object per URL, so the figures reload when the address changes and only then.
  const period = useMemo(() => periodOf(params), [params]);
  const figures = useApi(
    (signal) => call('get', '/api/v1/staff/supervisor/dashboard', { query: queryOf(period), signal }),
    [period],
  );
  return (
    <section>
      <div className="page-head">
        <h1>督查统计</h1>
        <ExportButton period={period} />
      </div>
      <PeriodPicker
        key={`${period.from}-${period.to}-${period.county}`}
        period={period}
        onChange={(next) => setParams(queryOf(next) as Record<string, string>)}
      />
      <Loaded state={figures}>
        {(f) => (
          <>
            <p className="muted" data-testid="period-label">
              {f.period.countyLabel}，{f.period.from} 至 {f.period.to} 提交的办件（统计至 {f.period.today}）
            </p>
            <Totals figures={f} />
            <div className="two-columns">
              <PerDay figures={f} />
              <TimeLimits figures={f} />
            </div>
            <Matters figures={f} />
            <OverdueList figures={f} />
            <div className="two-columns">
              <Returns figures={f} />
              <Ratings figures={f} />
            </div>
          </>
        )}
      </Loaded>
    </section>
  );
}

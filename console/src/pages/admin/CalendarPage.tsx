// 工作日历: which years are official (the package's data or entered from the State Council's notice) and
// which are provisional (computed from the statutory holidays; due dates in them show as 预计).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { CALENDAR_BASIS_LABELS, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, todayInChina } from '@hiring/shared';
import { call } from '../../api/http';
import { useApi } from '../../components/useApi';
import { Loaded } from '../../components/Status';
import { Form } from '../../components/forms';
import { dateTime } from '../../components/format';
import { Table } from '../../components/Table';

export const ORIGIN_LABELS = {
  package: '内置数据',
  entered: '管理员录入',
  provisional: '按法定节假日推算',
} as const;

export default function CalendarPage() {
  const years = useApi((signal) => call('get', '/api/v1/staff/calendar/years', { signal }), []);
  const [showAll, setShowAll] = useState(false);
  const thisYear = Number(todayInChina().slice(0, 4));
  const [chosen, setChosen] = useState(String(thisYear + 1));
  const navigate = useNavigate();
  return (
    <section>
      <h1>工作日历</h1>
      <p className="lead">
        “3 个工作日”时限按工作日历计算。已发布国务院办公厅通知的年份为<b>正式</b>；尚无通知的年份按法定节假日
        <b>预计</b>，涉及这些年份的办理时限显示为“预计”，收到通知后请及时录入。
      </p>
      <Form className="inline-form" onSubmit={() => navigate(`/admin/calendar/${chosen}`)}>
        <label>
          年份
          <input
            type="number"
            min={CALENDAR_FIRST_YEAR}
            max={CALENDAR_LAST_YEAR}
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            data-testid="calendar-year-input"
          />
        </label>
        <button type="submit" className="primary" data-testid="calendar-open-year">
          查看或录入该年安排
        </button>
      </Form>
      <Loaded state={years}>
        {({ items }) => {
          const shown = showAll
            ? items
            : items.filter((y) => y.year >= thisYear - 2 && y.year <= thisYear + 5);
          return (
            <>
              <Table columns={['年份', '依据', '数据来源', '通知', '录入时间', '']} testId="calendar-years">
                {shown.map((y) => (
                  <tr key={y.year} data-testid={`calendar-year-${y.year}`}>
                    <td>{y.year} 年</td>
                    <td>
                      <span className={`badge ${y.basis === 'provisional' ? 'badge-warn' : 'badge-ok'}`}>
                        {CALENDAR_BASIS_LABELS[y.basis]}
                      </span>
                    </td>
                    <td>{ORIGIN_LABELS[y.origin]}</td>
                    <td>{y.source ?? '—'}</td>
                    <td>{y.enteredAt ? dateTime(y.enteredAt) : '—'}</td>
                    <td>
                      <Link to={`/admin/calendar/${y.year}`}>
                        {y.basis === 'provisional' ? '录入' : '查看'}
                      </Link>
                    </td>
                  </tr>
                ))}
              </Table>
              <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)}>
                {showAll
                  ? `只看近年（${thisYear - 2}—${thisYear + 5}）`
                  : `显示全部年份（${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR}）`}
              </button>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

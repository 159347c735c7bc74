// The dashboard's period and county as the address holds them (?from&to&county), so a view can be
// reloaded, bookmarked or sent to a colleague; the last 30 days city-wide when none is given.
import { addDays, isRealDate, todayInChina } from '@hiring/shared';
import type { ApiOperations as operations } from '@hiring/shared';

type PeriodQuery = NonNullable<operations['supervisorDashboard']['parameters']['query']>;

export interface Period {
  from: string;
  to: string;
  county: string;
}

export function defaultPeriod(today = todayInChina()): Period {
  return { from: addDays(today, -29), to: today, county: '' };
}

export function periodOf(params: URLSearchParams): Period {
  const fallback = defaultPeriod();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    from: isRealDate(from) ? from : fallback.from,
    to: isRealDate(to) ? to : fallback.to,
    county: params.get('county') ?? '',
  };
}

/** The query of the dashboard and its export (an unknown county is the bff's to refuse, in words). */
export const queryOf = (period: Period): PeriodQuery => ({
  from: period.from,
  to: period.to,
  ...(period.county ? { county: period.county as PeriodQuery['county'] } : {}),
});

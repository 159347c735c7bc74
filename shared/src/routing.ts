// What each agency receives from one joint application: every field its matter declares (matterFields.ts),
// and only those (data minimisation: 医保 has no business with a hire's education, 公积金 none with their
// insurance types), in the agency's field names and the paper form's notation. Declared figures (申报工资,
// 月缴存基数) go out as the employer entered them: the agency applies its own floor and cap.
import type { Application } from './application';
import { MATTERS } from './codes';
import type { MatterCode } from './codes';
import { agencyCaseFor, type AgencyCase } from './matterFields';

export interface RoutedMatter {
  /** The case body without the matter and the application code, which the sender adds. */
  body: AgencyCase;
  /** The draft row key of each hire sent, in order: agencies name rows by index. */
  employeeKeys: string[];
}

export interface RouteOptions {
  /** Hires taken out of a matter by a 补正 (their row keys), per matter; the others keep them. */
  excluded?: Partial<Record<MatterCode, readonly string[]>>;
}

/**
 * One part per chosen matter. Expects a valid application (`validateApplication(...).value`); it does
 * not validate again.
 */
export function routeMatters(
  application: Application,
  options: RouteOptions = {},
): Partial<Record<MatterCode, RoutedMatter>> {
  const routed: Partial<Record<MatterCode, RoutedMatter>> = {};
  for (const { code: matter } of MATTERS) {
    if (!application.matters.includes(matter)) continue;
    const excluded = new Set(options.excluded?.[matter] ?? []);
    const rows = application.employees.filter((row) => row.key === undefined || !excluded.has(row.key));
    routed[matter] = {
      body: agencyCaseFor(application, matter, rows),
      employeeKeys: rows.map((row) => row.key ?? ''),
    };
  }
  return routed;
}

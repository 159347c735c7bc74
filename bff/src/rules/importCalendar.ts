// `npm run calendar:import -w bff -- file.json [--by 姓名或工号]`: enters one or more official calendar
// years from a file, exactly as the admin API does (same checks, audited, due dates recomputed, in force
// for every running bff at once). The file holds a year object or a list of them:
//   { "year": 2027, "source": "国办发明电〔2026〕N号",
//     "holidays": [{ "name": "元旦", "from": "2027-01-01", "to": "2027-01-03" }, …],
//     "workdays": [{ "name": "春节", "date": "2027-02-07" }] }
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as yup from 'yup';
import { CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR } from '@hiring/shared';
import { loadConfigOrReport } from '../config';
import { connectDatabase } from '../db';
import { createLogger } from '../logger';
import { createServices } from '../context';
import { AppError } from '../http/errors';
import { parseInput } from '../http/validate';
import { calendarYearBody } from './routes';

const fileYear = yup.object({
  year: yup
    .number()
    .strict()
    .typeError('year 应为数字')
    .integer()
    .min(CALENDAR_FIRST_YEAR, `年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`)
    .max(CALENDAR_LAST_YEAR, `年份须在 ${CALENDAR_FIRST_YEAR}—${CALENDAR_LAST_YEAR} 之间`)
    .required('缺少 year'),
});

function usage(message: string): never {
  console.error(`${message}\n用法：npm run calendar:import -w bff -- <文件.json> [--by 操作人]`);
  process.exit(64);
}

export async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let by = process.env.USER || 'unknown';
  const byAt = args.indexOf('--by');
  if (byAt >= 0) {
    by = args[byAt + 1] ?? usage('--by 后应写操作人');
    args.splice(byAt, 2);
  }
  if (args.length !== 1) usage('请给出一个 JSON 文件');
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(
      `无法读取 ${args[0]}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '不是有效的 JSON'}`,
    );
    return 65;
  }
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  if (!entries.length || entries.length > 100) {
    console.error('文件应包含 1—100 个年度');
    return 65;
  }

  const config = loadConfigOrReport();
  if (!config) return 78;
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const db = await connectDatabase(config.mongodbUri);
  const services = createServices(config, logger, db);
  const actor = { id: `cli:${by.slice(0, 40)}`, name: by.slice(0, 40), role: 'admin' as const };
  let failed = 0;
  try {
    for (const [index, entry] of entries.entries()) {
      const label = `第 ${index + 1} 个年度`;
      try {
        const { year } = parseInput(
          fileYear,
          { year: (entry as { year?: unknown })?.year },
          `${label}年份有误`,
        );
        const { year: _year, ...rest } = (entry ?? {}) as Record<string, unknown>;
        const body = parseInput(calendarYearBody, rest, `${year} 年内容有误`);
        const change = await services.rules.calendar.enterYear(
          { year, source: body.source, holidays: body.holidays, workdays: body.workdays },
          actor,
          'import',
        );
        console.log(`${year} 年已录入为正式工作日历，重新计算了 ${change.recomputed} 个在办事项的办理时限`);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        failed += 1;
        console.error(`${label}未录入：${error.message}`);
        for (const detail of error.details ?? []) console.error(`  - ${detail.message}`);
      }
    }
  } finally {
    await db.close();
  }
  return failed ? 65 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`导入失败：${(error as Error).message}`);
      process.exit(70);
    },
  );
}

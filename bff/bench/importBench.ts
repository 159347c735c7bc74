// `npm run bench` (bff): the batch import. Time to read and check a 200-row sheet (.xlsx and GBK .csv),
// beside the check alone on the same rows (validateApplication) as the baseline, and the longest the event
// loop stalls while the largest file the bounds allow is read. Prints numbers, asserts nothing.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  SHEET_HEADERS,
  csvOf,
  hireRow,
  largestSheet,
  population,
  sampleApplication,
  workingAgePeople,
  xlsxOf,
} from '@hiring/mock';
import { todayInChina, validateApplication } from '@hiring/shared';
import { planImport, type ImportTarget } from '../src/imports/importPlan';
import { MAX_CELLS, MAX_FILE_BYTES } from '../src/imports/limits';
import { chooseSheet } from '../src/imports/headerRow';
import { readSheetFile } from '../src/imports/sheetFile';
import { SheetReader } from '../src/imports/sheetReader';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 15);
const MATTERS = ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'] as const;

const target: ImportTarget = {
  matters: MATTERS,
  today: todayInChina(),
  countyCode: '361102',
  existing: [],
  limit: 500,
};

async function timed(runs: number, work: () => Promise<unknown>) {
  const times: number[] = [];
  await work(); // warm-up: module and schema caches
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

/** Longest gap between 1 ms timer ticks while `work` runs: what another request would wait. */
async function stall(work: () => Promise<unknown>) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let worst = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  histogram.enable();
  const t0 = performance.now();
  const outcome = await work().then(
    () => 'read',
    (error: Error) => `refused: ${error.message}`,
  );
  const total = performance.now() - t0;
  histogram.disable();
  clearInterval(ticker);
  return { total, worst, p99: histogram.percentile(99) / 1e6, outcome };
}

async function main() {
  const people = workingAgePeople(population(), 'normal', 200);
  const rows = people.map((person, i) => hireRow(person, 'template', i));
  const xlsx = await xlsxOf(SHEET_HEADERS.template, rows, { textColumns: ['身份证号码', '手机号码'] });
  const csv = csvOf(SHEET_HEADERS.template, rows, 'gbk');
  const application = sampleApplication(population().units[0], people, MATTERS);

  const check = await timed(RUNS, async () => validateApplication(application, { today: target.today }));
  const reader = new SheetReader();
  const fromXlsx = await timed(RUNS, async () => planImport(await reader.read(xlsx, 'a.xlsx'), target));
  const fromCsv = await timed(RUNS, async () => planImport(await reader.read(csv, 'a.csv'), target));
  const plan = await planImport(chooseSheet(await readSheetFile(xlsx, 'a.xlsx')), target);

  console.log(`\nbatch import: 200 rows, ${RUNS} runs each (target: parse + check under 300 ms)`);
  console.log(`  ${'what'.padEnd(44)} ${'median ms'.padStart(10)} ${'max ms'.padStart(8)}`);
  for (const [name, t] of [
    ['baseline: validateApplication, 200 rows', check],
    [`parse + check .xlsx (${Math.round(xlsx.length / 1024)} KB)`, fromXlsx],
    [`parse + check .csv GBK (${Math.round(csv.length / 1024)} KB)`, fromCsv],
  ] as const) {
    console.log(`  ${name.padEnd(44)} ${t.median.toFixed(1).padStart(10)} ${t.max.toFixed(1).padStart(8)}`);
  }
  console.log(`  rows that passed: ${plan.good.length} of ${plan.outcomes.length}`);

  const worst = await largestSheet(workingAgePeople(population(), 'normal', 500), {
    maxBytes: MAX_FILE_BYTES,
    maxCells: MAX_CELLS,
  });
  const worstRun = await stall(async () => planImport(await reader.read(worst.file, 'w.xlsx'), target));
  const small = await stall(async () => planImport(await reader.read(xlsx, 'a.xlsx'), target));
  // The same file read on the event loop itself, as it would be without the worker.
  const inThread = await stall(async () =>
    planImport(chooseSheet(await readSheetFile(worst.file, 'w.xlsx')), target),
  );
  console.log(`\nevent-loop stall while importing (longest gap between 1 ms ticks; p99 of the loop delay)`);
  for (const [name, run] of [
    ['200-row sheet', small],
    [`largest allowed: ${Math.round(worst.file.length / 1024)} KB, ${worst.cells} cells`, worstRun],
    ['the same, read on the event loop (no worker)', inThread],
  ] as const) {
    console.log(
      `  ${name.padEnd(44)} total ${run.total.toFixed(0).padStart(5)} ms, longest stall ${run.worst.toFixed(0).padStart(4)} ms, p99 ${run.p99.toFixed(0)} ms (${run.outcome.slice(0, 40)})`,
    );
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });

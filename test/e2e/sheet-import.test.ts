// Issue 16 in the browser: on the H5 build at a phone viewport, an operator downloads the template, imports a
// sheet of 12 hires of which 2 are wrong, reads the reasons, downloads the failed rows, fixes them and imports
// that file; the list then holds all 12. Real bff (child process), database and stand-ins. Screenshots go to
// test/artifacts/e2e-import/.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { SHEET_HEADERS, hireRow, workingAgePeople, xlsxOf } from '@hiring/mock';
import type { Page } from 'playwright-core';
import { waitCount, waitText } from '../src/browser';
import { startE2eWorld, type E2eWorld } from '../src/e2eWorld';

// The H5 build alone can take a few minutes on 2 busy cores; the test itself well under one.
jest.setTimeout(8 * 60 * 1000);

let world: E2eWorld;
let page: Page;

beforeAll(async () => {
  world = await startE2eWorld({ name: 'e2e-import' });
  page = world.page;
});

afterAll(() => world?.stop());

const shot = (name: string) => world.shot(name);
const visible = (testId: string) => world.visible(testId);

async function chooseFile(button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 10000 });
  await visible(button).click();
  await (await chooser).setFiles(file);
}

it('imports a sheet, shows the failed rows with reasons, and re-imports them fixed', async () => {
  await page.goto(world.h5.url);
  await visible('new-application').waitFor();
  // Signed in: the lists that need an account load.
  await waitText(visible('open-messages'), '查看');
  const token = await world.sessionToken();
  const unit = world.mocks.world.population.units.find((u) => u.socialInsuranceCode && u.housingFundAccount)!;
  const created = await world.call(token, 'POST', '/drafts', {
    application: {
      matters: ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund'],
      unit: { name: unit.name, uscc: unit.uscc, address: unit.address, countyCode: '361102' },
    },
  });
  expect(created.status).toBe(201);
  const draft = created.body as { id: string };
  await page.goto(`${world.h5.url}#/wizard/employees/index?id=${draft.id}`);
  await visible('import-sheet').waitFor();
  await shot('employees-with-import');

  // The template downloads as an .xlsx.
  const download = page.waitForEvent('download', { timeout: 15000 });
  await visible('import-template').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);

  // 12 hires, two of them wrong: a short phone number and an unknown 民族.
  const people = workingAgePeople(world.mocks.world.population, 'normal', 12, 40);
  const rows = people.map((person, i) => hireRow(person, 'template', i));
  rows[4] = { ...rows[4], 手机号码: '1390000' };
  rows[9] = { ...rows[9], 民族: '火星族' };
  const sheet = path.join(world.tmpDir, '新员工.xlsx');
  fs.writeFileSync(
    sheet,
    await xlsxOf(SHEET_HEADERS.template, rows, { textColumns: ['身份证号码', '手机号码'] }),
  );
  await chooseFile('import-sheet', sheet);
  await waitText(visible('import-summary'), '已导入 10 位员工，2 行未导入，请按原因修改', 30000);
  await waitText(visible('import-failed-6'), /手机号码：/);
  await waitText(visible('import-failed-11'), /民族：.*火星族/);
  await waitCount(page.locator('[data-testid^="employee-"][data-testid$="-edit"]:visible'), 10);
  await shot('imported-10-failed-2');

  // The failed rows come back as a sheet with 错误原因; fix the two cells and import that file.
  const failedDownload = page.waitForEvent('download', { timeout: 15000 });
  await visible('import-download-failed').click();
  const failedFile = path.join(world.tmpDir, 'failed.xlsx');
  await (await failedDownload).saveAs(failedFile);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(failedFile);
  const list = workbook.getWorksheet('员工名单')!;
  const headers = (list.getRow(2).values as string[]).slice(1);
  expect(headers.at(-1)).toBe('错误原因');
  expect(String(list.getCell(3, headers.length).value)).toMatch(/手机号码/);
  list.getCell(3, headers.indexOf('手机号码') + 1).value = people[4].phone;
  list.getCell(4, headers.indexOf('民族') + 1).value = '汉族';
  const fixed = path.join(world.tmpDir, '改好的.xlsx');
  await workbook.xlsx.writeFile(fixed);
  await chooseFile('import-sheet', fixed);
  await waitText(visible('import-summary'), '已导入 2 位员工', 30000);
  await waitCount(page.locator('[data-testid^="employee-"][data-testid$="-edit"]:visible'), 12);
  await shot('all-12-imported');
  expect(world.pageErrors).toEqual([]);
});

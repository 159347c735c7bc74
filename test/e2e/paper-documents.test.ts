// Issue 15 in the browser: from the receipt of a submitted application, download the 联办申请表 (a real
// PDF of two copies) and the receipt image, then open the public 办件查询 from the receipt, and open it
// again the way the QR code does (a link with the code filled in), in a fresh browser without login.
// Headless Chromium on the H5 build against the built bff; screenshots in test/artifacts/e2e-paper/.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_MATTERS, makeLegalRepresentative, sampleApplication, workingAgePeople } from '@hiring/mock';
import { waitText, waitValue } from '../src/browser';
import { startE2eWorld, type E2eWorld } from '../src/e2eWorld';

jest.setTimeout(8 * 60 * 1000);

let world: E2eWorld;

beforeAll(async () => {
  world = await startE2eWorld({
    name: 'e2e-paper',
    mocks: { workingDayMs: 2000 },
    bffEnv: (h5Url) => ({ LOOKUP_PAGE_URL: `${h5Url}#/pages/lookup/index` }),
  });
});

afterAll(() => world?.stop());

it('downloads the form and the receipt from the receipt page and opens the lookup from it and from the QR link', async () => {
  const { page, shot, visible, call, pageErrors } = world;
  // Signed in as the H5 app signs in; the application is submitted over the API (the wizard has its own test).
  await page.goto(world.h5.url);
  await visible('new-application').waitFor();
  const token = await world.sessionToken();
  const { population } = world.mocks.world;
  await makeLegalRepresentative(`${world.bff.url}/api/v1`, token, population.units[11]);
  const hires = workingAgePeople(population, 'normal', 3, 40);
  // The operator is not one of the hires: each hire's ID number is then printed only in their own row.
  const operator = workingAgePeople(population, 'normal', 1, 60)[0];
  const application = sampleApplication(population.units[11], hires, ALL_MATTERS, {
    name: operator.name,
    idNumber: operator.idNumber,
    phone: '13800138000',
  });
  const draft = await call(token, 'POST', '/drafts', { application });
  expect(draft.status).toBe(201);
  const submitted = await call(
    token,
    'POST',
    `/drafts/${draft.body.id}/submit`,
    {},
    { 'Idempotency-Key': randomUUID() },
  );
  expect(submitted.status).toBe(201);
  const { id, code, queryPassword } = submitted.body;

  await page.goto(`${world.h5.url}#/wizard/receipt/index?id=${id}`);
  await waitText(visible('receipt-code'), code);
  await visible('document-downloads').waitFor();
  await shot('receipt-with-downloads');

  // 下载/打印申请表: a real PDF, two copies of one page, each with every hire.
  const [formDownload] = await Promise.all([page.waitForEvent('download'), visible('download-form').click()]);
  expect(formDownload.suggestedFilename()).toBe(`联办申请表-${code}.pdf`);
  const formFile = path.join(world.tmpDir, 'form.pdf');
  await formDownload.saveAs(formFile);
  expect(fs.readFileSync(formFile).subarray(0, 5).toString()).toBe('%PDF-');
  expect(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [formFile], { encoding: 'utf8' }))?.[1]).toBe('2');
  const text = execFileSync('pdftotext', ['-raw', formFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  for (const person of hires) expect(text.split(person.idNumber).length - 1).toBe(2);
  expect(text).toContain('受理经办机构留存');
  expect(text).toContain('申请单位留存');
  await waitText(visible('download-done'), '申请表已生成');

  // 保存回执图片: a PNG of the receipt.
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    visible('download-receipt-png').click(),
  ]);
  const pngFile = path.join(world.artifacts, 'receipt-download.png');
  await pngDownload.saveAs(pngFile);
  expect(fs.readFileSync(pngFile).subarray(1, 4).toString()).toBe('PNG');

  // 打开办件查询 from the receipt: the code is filled in; the password from the receipt shows the matters.
  await visible('receipt-lookup').click();
  await waitValue(visible('lookup-code'), code);
  await visible('lookup-password').fill(queryPassword);
  await visible('lookup-submit').click();
  await waitText(visible('lookup-result-code'), code);
  for (const matter of ['employment', 'socialInsurance', 'medicalInsurance', 'housingFund']) {
    await visible(`lookup-matter-${matter}`).waitFor();
  }
  const shown = (await visible('lookup-result').textContent()) ?? '';
  for (const person of hires) {
    expect(shown).not.toContain(person.name);
    expect(shown).not.toContain(person.idNumber);
  }
  expect(shown).toContain(`${hires.length} 人`);
  await shot('lookup-from-receipt');

  // The QR code's link, in a fresh browser that never logged in; a wrong password is refused plainly.
  const qrPage = await world.newPhone();
  await qrPage.goto(`${world.h5.url}#/pages/lookup/index?code=${code}`);
  await waitValue(visible('lookup-code', qrPage), code);
  await visible('lookup-password', qrPage).fill(queryPassword === '000000' ? '111111' : '000000');
  await visible('lookup-submit', qrPage).click();
  await waitText(visible('lookup-error', qrPage), '办件编码或查询密码不正确');
  await shot('lookup-qr-wrong-password', qrPage);
  await visible('lookup-password', qrPage).fill(queryPassword);
  await visible('lookup-submit', qrPage).click();
  await waitText(visible('lookup-result-code', qrPage), code);
  await shot('lookup-qr-right-password', qrPage);
  await qrPage.context().close();

  expect(pageErrors).toEqual([]);
});

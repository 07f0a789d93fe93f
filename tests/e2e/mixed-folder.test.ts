/**
 * A quarter's folder as it piles up on the office's PC, picked with the folder picker in Chromium: the
 * summary table saved as .xls by LibreOffice, a unit's return written as a Word document (python-docx), a
 * PDF printout (LibreOffice), photos, a screenshot and an Office lock file. The import lists what it reads
 * with the kind each file was taken for, names each file it skips with why, and the unit's Word lines,
 * taken over the summary's older text, land in the overview, the unit counted as returned.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTargets } from '../../electron/db/repos/targets';
import { saveAs, toPdf } from '../helpers/libreoffice';
import { openCore, tempDir, tempStorePath } from '../helpers/store';
import { writeWordReturn } from '../helpers/wordReturn';
import { openSession, type Session } from './app';
import { ImportPage } from './pages/importPage';

const SEED = path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx');
const UNIT = '市财政局';
/** A 1×1 PNG: a real image file, as a screenshot saved into the folder is. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const progressOf = (serial: number) => `第${serial}项前三季度已完成全年任务的八成，${UNIT}报送`;

let s: Session;
let importer: ImportPage;
let root: string;
let leads: number[];

/** The unit's lead lines in the seed, as its return lists them. */
async function unitLeadLines(): Promise<{ serial: number; content: string }[]> {
  const core = await openCore(undefined, true);
  try {
    const plan = core.db.prepare('SELECT id FROM plans WHERE year = 2023').get() as { id: number };
    return loadTargets(core.db, { planId: plan.id }).flatMap((t) => (t.assignments.some((a) => a.leadUnits.includes(UNIT)) ? [{ serial: t.serial, content: t.content }] : []));
  } finally {
    core.close();
  }
}

beforeAll(async () => {
  const lines = await unitLeadLines();
  leads = lines.map((l) => l.serial);
  root = path.join(tempDir('ducha-mixed-'), '三季度报送');
  fs.mkdirSync(path.join(root, UNIT), { recursive: true });
  fs.mkdirSync(path.join(root, '照片'), { recursive: true });
  fs.copyFileSync(saveAs([SEED], 'xls')[0]!, path.join(root, '一览表.xls'));
  fs.copyFileSync(toPdf([SEED])[0]!, path.join(root, '一览表（打印稿）.pdf'));
  const word = writeWordReturn({
    before: [`${UNIT}关于2023年三季度责任目标推进情况的报告`, '根据市政府督查室通知要求，现将我单位推进情况报告如下：'],
    rows: [['序号', '责任目标', '完成情况', '是否按计划完成'], ...lines.map((l) => [String(l.serial), l.content, progressOf(l.serial), '是'])],
    after: ['', `${UNIT}`, '2023年10月8日'],
  });
  fs.writeFileSync(path.join(root, UNIT, `${UNIT}报送.docx`), word);
  fs.writeFileSync(path.join(root, '照片', '现场照片.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]));
  fs.writeFileSync(path.join(root, '截图.png'), PNG);
  fs.writeFileSync(path.join(root, '~$一览表.xls'), 'lock file');
  s = await openSession(tempStorePath());
  importer = new ImportPage(s.page);
  await s.overview.waitForRows();
}, 180_000);
afterAll(() => s?.close());

describe('a mixed folder picked for import', () => {
  it('lists what is read with its kind, names what is skipped, and the Word return taken over the summary lands', async () => {
    expect(leads.length).toBeGreaterThan(1);
    await importer.open();
    await s.page.getByTestId('import-folder').setInputFiles(root);
    await importer.waitForPreview();

    const read = s.page.getByTestId('import-read');
    await expect.poll(() => read.locator('summary').innerText()).toBe('已读取 2 个文件：一览表 1 个、Word 报送 1 个');
    const files = await s.page.getByTestId('import-read-file').evaluateAll((items) => items.map((li) => [li.textContent, li.getAttribute('data-kind')]));
    // In the order the folder gave them.
    expect(files.sort()).toEqual([
      ['三季度报送/一览表.xls（一览表）', 'overview'],
      [`三季度报送/${UNIT}/${UNIT}报送.docx（Word 报送）`, 'word'],
    ].sort());
    const skipped = await s.page.getByTestId('import-skipped-file').allInnerTexts();
    expect(skipped.sort()).toEqual(
      [
        '三季度报送/一览表（打印稿）.pdf（PDF 无法导入，请让单位报送 Excel 或 Word）',
        '三季度报送/照片/现场照片.jpg（图片，不是表格）',
        '三季度报送/截图.png（图片，不是表格）',
        '三季度报送/~$一览表.xls（Office 临时文件）',
      ].sort(),
    );
    expect(await s.page.getByTestId('import-skipped').locator('summary').innerText()).toContain('已跳过 4 项');

    // The summary holds the unit's lines with last quarter's text, its return the new: a conflict per line,
    // left out until the return's version is taken.
    expect(await importer.summary()).toContain(`冲突 ${leads.length * 2}`);
    const apply = s.page.getByTestId('import-apply');
    expect(await apply.innerText()).toBe('确认导入（0 项），登记 1 份报送');
    for (const serial of leads) await s.page.getByRole('checkbox', { name: `采用第${serial}项这份报送（${UNIT}报送.docx）` }).check();
    expect(await apply.innerText()).toBe(`确认导入（${leads.length} 项），登记 1 份报送`);
    await importer.apply();
    await importer.close();

    for (const serial of leads) {
      await s.overview.scrollTo(serial);
      await expect.poll(() => s.overview.progressCell(serial).textContent()).toContain(progressOf(serial));
    }
    // The Word return counts as the unit's return in the round.
    const round = await s.server.core.call('round.status', { year: 2023, quarter: 3 });
    expect(round.ok && round.value).toMatchObject({ owners: expect.arrayContaining([expect.objectContaining({ owner: UNIT, returned: true })]) });
  });

  it('two returns under one file name (附件1.docx in two folders) are told apart by their folders', async () => {
    const lines = await unitLeadLines();
    const folder = path.join(tempDir('ducha-same-name-'), '补报');
    const wordOf = (draft: string) =>
      writeWordReturn({
        before: [`${UNIT}关于2023年三季度责任目标推进情况的报告`],
        rows: [['序号', '责任目标', '完成情况', '是否按计划完成'], ...lines.map((l) => [String(l.serial), l.content, `${draft}：第${l.serial}项前三季度推进情况`, '是'])],
        after: ['', UNIT, '2023年10月9日'],
      });
    // The store holds the year's targets whether or not the test above ran (a Word return has no unit column).
    const seeded = await s.server.core.call('import.apply', { files: [{ name: '一览表.xlsx', data: fs.readFileSync(SEED).toString('base64') }] });
    expect(seeded.ok).toBe(true);
    for (const draft of ['初稿', '终稿']) {
      fs.mkdirSync(path.join(folder, draft), { recursive: true });
      fs.writeFileSync(path.join(folder, draft, '附件1.docx'), wordOf(draft));
    }
    await importer.open();
    await s.page.getByTestId('import-folder').setInputFiles(folder);
    await importer.waitForPreview();
    // Each line claimed by both: the choice names the file by its folder.
    const serial = lines[0]!.serial;
    await expect.poll(() => s.page.getByRole('checkbox', { name: `采用第${serial}项这份报送（补报/终稿/附件1.docx）` }).count()).toBe(1);
    expect(await s.page.getByRole('checkbox', { name: `采用第${serial}项这份报送（补报/初稿/附件1.docx）` }).count()).toBe(1);
    await importer.close();
  });
});

/**
 * What issue 11 asks of the browser mode, in Chromium: the guide with its screenshots, a folder of returns
 * imported through the folder picker and by a drop on the window (the rest of the folder named and
 * skipped), a download saying where it went, and the status bar.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_STEPS } from '../../renderer/features/help/guide';
import { tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ImportPage } from './pages/importPage';
import { HelpPage, StatusBar } from './pages/shellPages';

const SEED = path.resolve(__dirname, '../../seeds/2023-三季度-一览表.xlsx');
let s: Session;
let importer: ImportPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  importer = new ImportPage(s.page);
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

describe('使用指南', () => {
  it('opens from the ? button and from F1, with a screenshot of the product for every step of the year', async () => {
    const help = new HelpPage(s.page);
    await help.openWithButton();
    expect(await help.heading()).toBe('一、政府工作报告');
    for (const step of GUIDE_STEPS) {
      await help.goTo(step.title);
      expect(await help.heading()).toBe(step.title);
      // The picture is served by the app itself (renderer/public/help/) and really decodes.
      expect(await help.imageWidth(), step.image).toBe(1366);
    }
    await s.page.keyboard.press('Escape');
    await help.guide().waitFor({ state: 'detached' });
    await s.page.keyboard.press('F1');
    await help.guide().waitFor();
    await s.page.keyboard.press('Escape');
  });
});

describe('folder import in the browser', () => {
  it('imports the workbooks of a folder picked with the folder picker and names what it skipped', async () => {
    const root = path.join(tempDir('ducha-folder-'), '三季度报送');
    fs.mkdirSync(path.join(root, '县区', '东明县'), { recursive: true });
    fs.copyFileSync(SEED, path.join(root, '县区', '东明县', '一览表.xlsx'));
    fs.writeFileSync(path.join(root, '说明.doc'), 'an old Word file');
    fs.writeFileSync(path.join(root, '~$一览表.xlsx'), 'lock file');
    await importer.open();
    await s.page.getByTestId('import-folder').setInputFiles(root);
    await importer.waitForPreview();
    expect(await importer.summary()).toContain('无变化 39');
    const skipped = await s.page.getByTestId('import-skipped').innerText();
    expect(skipped).toContain('已跳过 2 项');
    expect(skipped).toContain('三季度报送/说明.doc（.doc 请另存为 .docx）');
    expect(skipped).toContain('三季度报送/~$一览表.xlsx（Office 临时文件）');
    await importer.close();
  });

  it('a drop on the window opens the import with the dropped workbooks only', async () => {
    const seed = fs.readFileSync(SEED).toString('base64');
    // A drop as Chromium delivers it to the page: the files in a DataTransfer, on the overview (not the import screen).
    await s.page.getByTestId('overview-row').first().evaluate((target, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], '三季度一览表.xlsx'));
      transfer.items.add(new File(['x'], '汇总说明.pdf'));
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, seed);
    await s.page.getByTestId('import-screen').waitFor();
    await importer.waitForPreview();
    expect(await s.page.getByTestId('import-preview').innerText()).toContain('三季度一览表.xlsx');
    expect(await s.page.getByTestId('import-skipped').innerText()).toContain('汇总说明.pdf（PDF 无法导入，请让单位报送 Excel 或 Word）');
    await importer.close();
  });

  it('a second drop while the preview is open joins its files; the same file dropped again is taken once', async () => {
    const seed = fs.readFileSync(SEED).toString('base64');
    const drop = (selector: string, names: string[]) =>
      s.page.locator(selector).first().evaluate(
        (target, [data, list]) => {
          const bytes = Uint8Array.from(atob(data as string), (c) => c.charCodeAt(0));
          const transfer = new DataTransfer();
          for (const name of list as string[]) transfer.items.add(new File([bytes], name));
          target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
          target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        },
        [seed, names] as const,
      );
    await drop('[data-testid="overview-row"]', ['市财政局报送.xlsx']);
    await importer.waitForPreview();
    // The files read, as the preview's head lists them: 市财政局报送.xlsx（39 项目标，40 条分工）；…
    const files = async () => (await s.page.locator('[data-testid="import-preview"] .preview-head .muted').innerText()).split('；').map((f) => f.replace(/（.*$/, ''));
    expect(await files()).toEqual(['市财政局报送.xlsx']);
    // The next unit's return, dropped on the preview itself, with the first unit's file sent again.
    await drop('[data-testid="import-preview"]', ['市商务局报送.xlsx', '市财政局报送.xlsx']);
    await expect.poll(files).toEqual(['市财政局报送.xlsx', '市商务局报送.xlsx']);
    await importer.close();
  });

  it('files added to a preview keep the rows the user left out', async () => {
    // The first unit's return reports target 39 behind: an update, which the user leaves out.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(SEED);
    wb.worksheets[0]!.eachRow((row) => {
      if (row.getCell(8).value === 39) row.getCell(12).value = '前三季度，增加市级储备粮1.71万吨，其余推迟到明年一季度。';
    });
    const changed = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    // The next unit's return holds other targets only (here: the table without 39).
    const other = new ExcelJS.Workbook();
    await other.xlsx.readFile(SEED);
    const sheet = other.worksheets[0]!;
    let row39 = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(8).value === 39) row39 = n;
    });
    sheet.spliceRows(row39, 1);
    const others = Buffer.from(await other.xlsx.writeBuffer()).toString('base64');
    const drop = (selector: string, name: string, data: string) =>
      s.page.locator(selector).first().evaluate(
        (target, [fileName, base64]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], fileName));
          target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
          target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
        },
        [name, data] as const,
      );
    await drop('[data-testid="overview-row"]', '市粮食局报送.xlsx', changed);
    await importer.waitForPreview();
    const update = s.page.locator('[data-testid="import-item"][data-serial="39"][data-status="updated"] input[type="checkbox"]');
    await update.uncheck();
    await drop('[data-testid="import-preview"]', '市商务局报送.xlsx', others);
    await expect.poll(() => s.page.locator('[data-testid="import-preview"] .preview-head .muted').innerText()).toContain('市商务局报送.xlsx');
    expect(await update.isChecked()).toBe(false);
    // Another file under a name already there is kept beside it, not in its place.
    await drop('[data-testid="import-preview"]', '市粮食局报送.xlsx', others);
    const names = async () => (await s.page.locator('[data-testid="import-preview"] .preview-head .muted').innerText()).split('；').map((f) => f.replace(/（.*$/, ''));
    await expect.poll(names).toEqual(['市粮食局报送.xlsx', '市商务局报送.xlsx', '市粮食局报送.xlsx']);
    await importer.close();
  });

  it('a folder with no workbook at all says so and names what it found', async () => {
    const root = path.join(tempDir('ducha-folder-'), '空的报送');
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, '通知.pdf'), 'x');
    await importer.open();
    await s.page.getByTestId('import-folder').setInputFiles(root);
    await expect.poll(() => importer.error().innerText()).toContain('没有找到可导入的表格或 Word 报送');
    expect(await importer.error().innerText()).toContain('空的报送/通知.pdf（PDF 无法导入，请让单位报送 Excel 或 Word）');
    await importer.close();
  });
});

describe('downloads and the status bar', () => {
  it('an export says which file was downloaded and where it went', async () => {
    await s.page.getByTestId('open-export').click();
    const download = s.page.waitForEvent('download');
    await s.page.getByTestId('export-run').click();
    const file = (await download).suggestedFilename();
    const notice = await s.page.getByTestId('download-notice').innerText();
    expect(notice).toContain(`已下载“${file}”`);
    expect(notice).toContain('浏览器的“下载”文件夹');
    await s.page.getByTestId('export-dialog').getByRole('button', { name: '关闭' }).click();
  });

  it('shows the store, its size and the last backup, following a backup taken now', async () => {
    const bar = new StatusBar(s.page);
    expect(await bar.text()).toContain(`数据文件：${s.storePath}`);
    expect(await bar.text()).toMatch(/\d+ (KB|MB)/);
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('open-backups').click();
    await s.page.getByTestId('backup-now').click();
    const message = await s.page.getByTestId('backup-message').innerText();
    // store-20261129-182501-123-manual.sqlite: the backup's local time, as the status bar shows it.
    // Written as every date on the screens is (renderer/app/format.ts: 2026年11月29日 18:25).
    const [, y, mo, d, h, mi] = /store-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})/.exec(message)!;
    await expect.poll(() => bar.text()).toContain(`最近备份 ${Number(y)}年${Number(mo)}月${Number(d)}日 ${h}:${mi}`);
    await s.page.getByRole('dialog', { name: '数据备份' }).getByRole('button', { name: '关闭' }).click();
    await s.page.getByTestId('backup-now').waitFor({ state: 'detached' });
  });
});

describe('数据文件夹', () => {
  it('moves the store to a folder typed in 设置, keeps the old file until confirmed, and refuses a bad folder in Chinese', async () => {
    const page = s.page;
    const from = s.storePath;
    await page.getByRole('button', { name: '设置' }).click();
    await page.getByTestId('open-data-folder').click();
    await page.getByTestId('data-folder').waitFor();

    // A file where a folder should be: refused, in Chinese, nothing moved.
    const file = path.join(tempDir('ducha-e2e-'), '不是文件夹');
    fs.writeFileSync(file, 'x');
    await page.getByTestId('data-folder-target').fill(path.join(file, '数据'));
    await page.getByTestId('data-folder-move').click();
    expect(await page.getByTestId('data-folder-error').innerText()).toContain('不是文件夹，数据文件没有移动');
    expect(await page.getByTestId('data-folder-path').innerText()).toBe(from);

    const dir = path.join(tempDir('ducha-e2e-'), '新的 数据文件夹');
    const to = path.join(dir, path.basename(from));
    await page.getByTestId('data-folder-target').fill(dir);
    await page.getByTestId('data-folder-move').click();
    expect(await page.getByTestId('data-folder-moved').innerText()).toContain(`已移到 ${to}`);
    // The day's first backup, taken at the start, came along and is listed at the new place.
    const oldBackups = fs.readdirSync(path.join(path.dirname(from), '备份')).filter((n) => n.endsWith('.sqlite'));
    expect(oldBackups.length).toBeGreaterThan(0);
    expect(await page.getByTestId('data-folder-moved').innerText()).toContain(`原有的 ${oldBackups.length} 个备份已一并复制到新位置的“备份”文件夹`);
    await expect.poll(() => page.getByTestId('data-folder-path').innerText()).toBe(to);
    expect(await page.getByTestId('data-folder-old').innerText()).toContain(`原数据文件仍保留在 ${from}`);
    expect(fs.existsSync(from) && fs.existsSync(to)).toBe(true);

    await page.getByTestId('data-folder-remove-old').click();
    await page.getByTestId('confirm').click();
    expect(await page.getByTestId('data-folder-removed').innerText()).toContain(from);
    expect(await page.getByTestId('data-folder-removed').innerText()).toContain(`以及已复制到新位置的 ${oldBackups.length} 个旧备份`);
    expect(fs.existsSync(from)).toBe(false);
    expect(fs.readdirSync(path.join(dir, '备份')).filter((n) => n.endsWith('.sqlite'))).toEqual(oldBackups);
    await page.getByTestId('data-folder').getByRole('button', { name: '关闭' }).click();
    await expect.poll(() => new StatusBar(page).text()).toContain(`数据文件：${to}`);
    // The overview still answers, from the new place.
    expect(await s.overview.count()).toContain('共 39 项目标');
  });
});

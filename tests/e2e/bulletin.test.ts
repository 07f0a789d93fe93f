/**
 * The 督查通报 in the browser, on the sample data: the preview from 调度评估 shows the draft the .docx holds
 * (downloaded and read back), the notices of every lagging unit come as one zip and are listed, a reply date
 * entered there is stored, one unit's notice comes from the review filtered by its unit, and the screen's
 * buttons stay in view at 1366×768.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, tempDir, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { BulletinPage } from './pages/bulletinPage';

let s: Session;
let bulletin: BulletinPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
  bulletin = new BulletinPage(s.page);
});
afterAll(() => s?.close());

async function service<T>(fn: (core: Awaited<ReturnType<typeof openCore>>) => Promise<T>): Promise<T> {
  const core = await openCore(s.storePath);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

describe('督查通报 and 督办通知 in the app', () => {
  it('the preview is the draft the saved .docx holds, dated as chosen', async () => {
    await bulletin.open();
    await bulletin.setDate('2023-10-20');
    await expect.poll(async () => (await bulletin.paragraphs()).at(-1)).toBe('2023年10月20日');
    const shown = await bulletin.paragraphs();
    const draft = await service((core) => core.invoke('bulletin.draft', { year: 2023, quarter: 3, date: '2023-10-20' }));
    expect(shown.find((p) => p.startsWith('从调度情况看'))).toContain(`滞后${draft.counts.statuses.behind}项`);
    expect(shown.filter((p) => /^\d+\.第\d+项：/.test(p))).toHaveLength(draft.lagging.length);
    // The page holds all its text (none running out below it).
    const pageBox = (await bulletin.draft().boundingBox())!;
    const lastBox = (await bulletin.draft().locator('p').last().boundingBox())!;
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(pageBox.y + pageBox.height);
    const file = await bulletin.downloadOf('bulletin-save');
    expect(file.name).toBe('菏泽市2023年三季度责任目标督查通报（示例数据）.docx');
    const text = (await mammoth.extractRawText({ buffer: file.bytes })).value;
    expect(text.split('\n').map((l) => l.trim()).filter((l) => l !== '')).toEqual(shown);
  });

  it('prints on A4 pages in the document\'s margins, each numbered — n —, the list and the buttons left out', async () => {
    const file = path.join(tempDir(), 'bulletin.pdf');
    await s.page.emulateMedia({ media: 'print' });
    fs.writeFileSync(file, await s.page.pdf({ preferCSSPageSize: true }));
    await s.page.emulateMedia({ media: 'screen' });
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    // A4: 595 × 842 pt (Skia writes the size without a paper name).
    expect(/Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1, 3).map((v) => Math.round(Number(v)))).toEqual([595, 842]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.split('\f').slice(0, pages);
    text.forEach((page, i) => expect(page.replace(/\s/g, '')).toContain(`—${i + 1}—`));
    const all = text.join('').replace(/\s/g, '');
    expect(all).toContain('关于2023年《政府工作报告》责任目标三季度推进情况的督查通报');
    expect(all).toContain('2023年10月20日');
    expect(all).not.toContain('保存为Word');
    expect(all).not.toContain('已发督办通知');
  });

  it('notices for every lagging unit come as one zip, are listed, and take a reply date', async () => {
    const draft = await service((core) => core.invoke('bulletin.draft', { year: 2023, quarter: 3 }));
    const units = [...new Set(draft.lagging.flatMap((e) => e.units))];
    const zip = await bulletin.downloadOf('notices-all');
    expect(zip.name).toMatch(/督办通知.*\.zip$/);
    const names = Object.keys((await JSZip.loadAsync(zip.bytes)).files);
    expect(names.map((n) => units.find((u) => n.includes(`_${u}_`))).sort()).toEqual([...units].sort());
    await expect.poll(() => bulletin.noticeRows().count()).toBe(units.length);
    const row = bulletin.noticeRows().filter({ has: s.page.locator(`td:text-is("${units[0]}")`) });
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await row.getByTestId('notice-replied').fill(iso);
    await expect.poll(() => service(async (core) => (await core.invoke('notices.list', { year: 2023, quarter: 3 })).find((n) => n.unit === units[0])?.repliedAt)).toBe(iso);
  });

  it('at 1366×768 the preview\'s buttons are in view, and axe-core finds nothing serious', async () => {
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const result = await new AxeBuilder({ page: s.page }).analyze();
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]!.target.join(' ')}`)).toEqual([]);
    if (process.env.UPDATE_SCREENSHOTS) await s.page.screenshot({ path: 'docs/screen-bulletin.png' });
    for (const id of ['bulletin-save', 'notices-all', 'bulletin-date']) {
      const box = (await s.page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(1366);
      expect(box.y + box.height, id).toBeLessThanOrEqual(768);
    }
    await s.page.setViewportSize({ width: 1600, height: 900 });
    await bulletin.close();
  });

  it('one unit\'s notice from the review filtered by that unit', async () => {
    const before = await service(async (core) => (await core.invoke('notices.list', { year: 2023, quarter: 3 })).length);
    await s.page.getByTestId('bars-unit').locator('tr', { has: s.page.locator('th:text-is("市妇联")') }).getByRole('button', { name: /滞后/ }).click();
    await expect.poll(() => s.page.getByTestId('review-list-title').textContent()).toContain('牵头单位：市妇联');
    const file = await bulletin.downloadOf('notice-unit');
    expect(file.name).toBe('督办通知_市妇联_2023年三季度（示例数据）.docx');
    expect((await mammoth.extractRawText({ buffer: file.bytes })).value).toContain('市妇联：');
    await expect.poll(() => s.page.getByTestId('notice-message').textContent()).toContain('已生成市妇联的督办通知（第21项）');
    expect(await service(async (core) => (await core.invoke('notices.list', { year: 2023, quarter: 3 })).length)).toBe(before + 1);
  });

  it('a notice from meeting mode for the item on screen, its decision in it', async () => {
    await s.page.getByTestId('meeting-start').click();
    const meeting = s.page.getByTestId('meeting-page');
    await meeting.waitFor();
    const serial = Number(await meeting.getAttribute('data-serial'));
    await s.page.locator('.meeting textarea').first().fill('请于10月底前说明滞后原因');
    const unit = (await s.page.getByTestId('meeting-notice').first().textContent())!.replace('督办通知：', '');
    const file = await bulletin.downloadOf('meeting-notice');
    expect(file.name).toBe(`督办通知_${unit}_2023年三季度（示例数据）.docx`);
    const text = (await mammoth.extractRawText({ buffer: file.bytes })).value;
    expect(text).toMatch(new RegExp(`第${serial}项：.*督办意见：请于10月底前说明滞后原因`));
    await expect.poll(() => s.page.getByTestId('meeting-notice-message').textContent()).toContain(`已生成${unit}的督办通知`);
    await s.page.keyboard.press('Escape');
    await meeting.waitFor({ state: 'detached' });
  });

  it('the wording of 设置 shapes the draft', async () => {
    await s.page.getByTestId('review-screen').getByRole('button', { name: '关闭' }).first().click();
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('wording-office').fill('市政府督查室');
    await s.page.getByTestId('settings-save').click();
    await s.page.getByTestId('settings-form').waitFor({ state: 'detached' });
    await bulletin.open();
    await expect.poll(async () => (await bulletin.paragraphs()).at(-2)).toBe('市政府督查室');
    // Esc closes the preview only, back to 调度评估.
    await s.page.keyboard.press('Escape');
    await bulletin.root().waitFor({ state: 'detached' });
    expect(await s.page.getByTestId('review-screen').isVisible()).toBe(true);
  });
});

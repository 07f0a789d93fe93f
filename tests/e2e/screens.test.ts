/**
 * Every screen at 1366×768 (the common office laptop) through axe-core: no serious or critical
 * accessibility violation (contrast, names, labels, roles). With UPDATE_SCREENSHOTS=1 each screen is also
 * saved to docs/screen-*.png, the pictures the README shows.
 */
import { AxeBuilder } from '@axe-core/playwright';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.page.setViewportSize({ width: 1366, height: 768 });
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const DOCS = path.resolve(__dirname, '../../docs');

/** The serious and critical violations on the page as it is, one line each, for a readable failure. */
async function violations(): Promise<string[]> {
  const result = await new AxeBuilder({ page: s.page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`));
}

async function check(name: string): Promise<void> {
  await s.page.waitForTimeout(300); // let transitions and the last fetch settle before the picture
  if (process.env.UPDATE_SCREENSHOTS) await s.page.screenshot({ path: path.join(DOCS, `screen-${name}.png`) });
  expect.soft(await violations(), name).toEqual([]);
}

describe('every screen at 1366×768, through axe-core', () => {
  it('一览表', async () => {
    await check('overview');
  });

  it('一览表 with a search', async () => {
    await s.overview.search('储备粮');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([39]);
    await check('overview-search');
    await s.overview.search('');
  });

  it('一览表 filtered by a leader: the other lines greyed, an empty content marked', async () => {
    await s.overview.filterByLeader('肖友华');
    await expect.poll(() => s.overview.visibleSerials()).toEqual([13, 20, 26]);
    expect(await s.page.locator('.dimmed').count()).toBeGreaterThan(0);
    expect(await s.page.getByText('（内容为空）').count()).toBe(1);
    await check('overview-filtered');
    await s.overview.clearFilters();
  });

  it('责任目标详情', async () => {
    await s.overview.scrollTo(26);
    await s.overview.openTarget(26);
    await check('target');
    await s.page.keyboard.press('Escape');
  });

  it('新增目标', async () => {
    await s.page.getByTestId('new-target').click();
    await s.page.getByRole('dialog').waitFor();
    await check('new-target');
    await s.page.keyboard.press('Escape');
  });

  it('导入', async () => {
    await s.page.getByTestId('open-import').click();
    await s.page.getByTestId('import-screen').waitFor();
    await check('import');
    await s.page.keyboard.press('Escape');
  });

  it('导出', async () => {
    await s.page.getByTestId('open-export').click();
    await s.page.getByTestId('export-dialog').waitFor();
    await check('export');
    await s.page.keyboard.press('Escape');
  });

  it('季度调度', async () => {
    await s.page.getByTestId('open-round').click();
    await s.page.getByTestId('round-summary').waitFor();
    await check('round');
    await s.page.keyboard.press('Escape');
  });

  it('设置 and 数据备份', async () => {
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('settings-form').waitFor();
    await check('settings');
    await s.page.getByTestId('open-backups').click();
    await s.page.getByTestId('backup-now').waitFor();
    await check('backups');
    await s.page.keyboard.press('Escape');
  });

  it('调度评估 and 会议模式', async () => {
    await s.page.getByTestId('open-review').click();
    await s.page.getByTestId('review-tiles').waitFor();
    await check('review');
    await s.page.getByTestId('meeting-start').click();
    await s.page.getByTestId('meeting-page').waitFor();
    await check('meeting');
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('Escape');
  });

  it('会议议程, picking items', async () => {
    await s.page.getByTestId('open-review').click();
    await s.page.getByTestId('agenda-open').click();
    await s.page.getByTestId('agenda-kind-picked').check();
    await s.page.getByTestId('agenda-pick').first().waitFor();
    await check('agenda');
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('Escape');
  });

  it('报告分解', async () => {
    await s.page.getByTestId('open-report').click();
    await s.page.getByTestId('report-screen').waitFor();
    await check('report');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('report-screen').count()).toBe(0);
  });

  it('使用指南', async () => {
    await s.page.getByTestId('open-help').click();
    await s.page.getByTestId('help-guide').waitFor();
    await check('help');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('help-guide').count()).toBe(0);
  });

  it('数据文件夹', async () => {
    await s.page.getByRole('button', { name: '设置' }).click();
    await s.page.getByTestId('open-data-folder').click();
    await s.page.getByTestId('data-folder').waitFor();
    await check('data-folder');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
  });

  it('the filters take one row at 1366 and 1440, leaving the table its height', async () => {
    // Set filters are drawn bold, so wider: the longest unit and section names chosen.
    await s.overview.filterByUnit('菏泽鲁西新区管委会');
    await s.overview.filterBySection('聚焦加快城乡融合,着力促进区域协调发展');
    for (const [width, height] of [[1366, 768], [1440, 900]] as const) {
      await s.page.setViewportSize({ width, height });
      const tops = await s.page.locator('.filter-bar > *').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
      expect(Math.max(...tops) - Math.min(...tops), `${width}`).toBeLessThan(10);
    }
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.overview.clearFilters();
  });

  it('the status bar keeps each of its facts on one line, filtered and after a download, at 1366 and 1440', async () => {
    await s.overview.filterByLeader('肖友华');
    await s.page.setViewportSize({ width: 1366, height: 768 });
    const cutBefore = await s.page.locator('.status-bar *').evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    expect(cutBefore).toEqual([]);
    await s.page.getByTestId('open-export').click();
    await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId('export-run').click()]);
    await s.page.keyboard.press('Escape');
    await s.page.getByTestId('download-notice').waitFor();
    for (const width of [1366, 1440]) {
      await s.page.setViewportSize({ width, height: width === 1366 ? 768 : 900 });
      // A fact broken over two lines (“40 条 / 分工”, “913 / KB”) is taller than one line of the bar's text.
      const broken = await s.page.locator('.status-bar > *, .store-status > *').evaluateAll((els) =>
        els.filter((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height > 1.8 * parseFloat(getComputedStyle(el).fontSize)).map((el) => el.textContent),
      );
      expect(broken, `${width}`).toEqual([]);
      // Nothing cut with “…”: no fact wider than the room it is given, none running past the bar.
      const cut = await s.page.locator('.status-bar').evaluate((bar) => {
        const right = bar.getBoundingClientRect().right;
        return [...bar.querySelectorAll('*')]
          .filter((el) => el.getClientRects().length > 0 && (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 1))
          .map((el) => el.textContent);
      });
      expect(cut, `${width}`).toEqual([]);
      const bar = await s.page.locator('.status-bar').boundingBox();
      expect(bar!.y + bar!.height).toBeLessThanOrEqual(width === 1366 ? 768 : 900);
    }
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await s.overview.clearFilters();
  });

  it('the page without its token', async () => {
    const page = s.page;
    await page.goto(s.server.url.replace(/#token=.*/, ''));
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.getByTestId('token-screen').waitFor();
    await check('no-token');
  });
});

describe('the first start at 1366×768, through axe-core', () => {
  it('欢迎', async () => {
    const first = await openSession(tempStorePath(), { welcome: true });
    try {
      await first.page.setViewportSize({ width: 1366, height: 768 });
      await first.page.getByTestId('welcome').waitFor();
      await first.page.waitForTimeout(300);
      if (process.env.UPDATE_SCREENSHOTS) await first.page.screenshot({ path: path.join(DOCS, 'screen-welcome.png') });
      const result = await new AxeBuilder({ page: first.page }).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    } finally {
      await first.close();
    }
  });
});

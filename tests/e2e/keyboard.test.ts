/**
 * The keyboard and the screen as an office user meets them (issue 14): every serial reached by Tab and
 * opening its target, ↑ ↓ between rows; cells edited as in Excel (typing replaces, F2 or a double-click
 * appends, Esc ends the edit with nothing saved or stacked); full-screen views and dialogs keep the focus,
 * close on Esc and give the focus back; every dialog's buttons in view at 1366×768.
 */
import type { Locator } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

/** In the viewport and not covered: what a click at its middle would hit. */
async function reachable(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const view = s.page.viewportSize()!;
  if (!box || box.y < 0 || box.x < 0 || box.y + box.height > view.height || box.x + box.width > view.width) return false;
  return target.evaluate((el, p) => {
    const hit = document.elementFromPoint(p.x, p.y);
    return hit !== null && (hit === el || el.contains(hit));
  }, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

/** Whether the focus is inside the element matched by `selector`. */
const focusInside = (selector: string) => s.page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);

describe('the overview from the keyboard', () => {
  it('Tab reaches every serial in reading order; Enter opens its target; ↑ ↓ move between serials', async () => {
    await s.overview.serialButton(1).focus();
    const order: string[] = [await s.overview.focused()];
    for (let i = 0; i < 6; i++) {
      await s.page.keyboard.press('Tab');
      order.push(await s.overview.focused());
    }
    expect(order).toEqual(['serial 1', 'progress-cell 1', 'on-schedule-cell 1', 'serial 2', 'progress-cell 2', 'on-schedule-cell 2', 'serial 3']);
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Shift+Tab');
    expect(await s.overview.focused()).toBe('serial 2');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.locator('#target-detail-title').textContent()).toBe('第 2 项责任目标');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('target-detail').count()).toBe(0);
    expect(await s.overview.focused()).toBe('serial 2');
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('ArrowDown');
    expect(await s.overview.focused()).toBe('serial 4');
    await s.page.keyboard.press('ArrowUp');
    expect(await s.overview.focused()).toBe('serial 3');
    // Far below the drawn window: the table scrolls to it, each press seen to land (presses faster than the
    // rows are drawn: the next test).
    for (let serial = 4; serial <= 33; serial++) {
      await s.page.keyboard.press('ArrowDown');
      await expect.poll(() => s.overview.focused()).toBe(`serial ${serial}`);
    }
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.locator('#target-detail-title').textContent()).toBe('第 33 项责任目标');
    await s.page.keyboard.press('Escape');
  });

  it('↓ held down on a busy PC lands on the serial of the last press, drawn or not', async () => {
    await s.page.getByRole('grid').evaluate((el) => el.scrollTo(0, 0));
    await s.overview.serialButton(1).focus();
    /** Key repeat on a busy PC: presses queued and handled one after another before the next frame is drawn. */
    const burst = (key: string, count: number) =>
      s.page.evaluate(
        ({ key, count }) => {
          for (let i = 0; i < count; i++) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
        },
        { key, count },
      );
    await burst('ArrowDown', 30);
    await expect.poll(() => s.overview.focused()).toBe('serial 31');
    await burst('ArrowUp', 25);
    await expect.poll(() => s.overview.focused()).toBe('serial 6');
    // Past either end the focus stays on the first or last serial.
    await burst('ArrowUp', 10);
    await expect.poll(() => s.overview.focused()).toBe('serial 1');
  });

  it('Enter held down the 是否按计划 column goes as far as the same presses made one at a time', async () => {
    const start = async () => {
      await s.page.getByRole('grid').evaluate((el) => el.scrollTo(0, 0));
      await s.overview.onScheduleCell(1).locator('select').focus();
    };
    // The walk one press at a time, each seen to land: where 25 presses lead, line by line.
    await start();
    for (let i = 0; i < 25; i++) {
      const before = await s.page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
      await s.page.keyboard.press('Enter');
      await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).not.toBe(before);
    }
    const walked = await s.page.evaluate(() => document.activeElement?.getAttribute('data-cell'));
    await start();
    await s.page.evaluate(() => {
      for (let i = 0; i < 25; i++) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe(walked);
  });

  it('↓ held in 完成情况 goes as far as the same presses made one at a time, through cells whose editor is not drawn yet', async () => {
    /** The focused 完成情况 cell as serial:line, or what has the focus instead. */
    const cell = () =>
      s.page.evaluate(() => {
        const el = document.activeElement;
        const own = el?.closest('[data-testid="progress-cell"]');
        const row = own?.closest('[data-testid="overview-row"]');
        if (!own || !row || el?.tagName !== 'TEXTAREA') return el?.tagName ?? 'none';
        return `${row.getAttribute('data-serial')}:${[...row.querySelectorAll('[data-testid="progress-cell"]')].indexOf(own)}`;
      });
    const start = async () => {
      await s.page.getByRole('grid').evaluate((el) => el.scrollTo(0, 0));
      await s.overview.progressCell(1).locator('[data-cell]').focus();
      await expect.poll(cell).toBe('1:0');
    };
    // One press at a time, each seen to land on the next line's cell.
    await start();
    for (let i = 0; i < 20; i++) {
      const before = await cell();
      await s.page.keyboard.press('ArrowDown');
      await expect.poll(async () => /^\d+:\d+$/.test(await cell()) && (await cell()) !== before).toBe(true);
    }
    const walked = await cell();
    await start();
    // Held: each press goes to whatever has the focus, the editor or a cell reached before its editor is drawn.
    await s.page.evaluate(() => {
      for (let i = 0; i < 20; i++) (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    });
    await expect.poll(cell).toBe(walked);
    await s.page.keyboard.press('Escape');
  });

  it('a cell is edited as in Excel: typing replaces, F2 and a double-click append, Esc saves and stacks nothing', async () => {
    await s.page.getByRole('grid').evaluate((el) => el.scrollTo(0, 0));
    await s.overview.row(1).waitFor();
    const original = await s.overview.progressCell(1).innerText();
    await s.overview.serialButton(1).focus();
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.type('abc');
    expect(await s.overview.editor().inputValue()).toBe('abc');
    await s.page.keyboard.press('Escape');
    expect(await s.overview.editor().inputValue()).toBe(original);
    // A Chinese input method's text replaces as well.
    await s.page.keyboard.insertText('新');
    expect(await s.overview.editor().inputValue()).toBe('新');
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('F2');
    await s.page.keyboard.type('X');
    expect(await s.overview.editor().inputValue()).toBe(`${original}X`);
    await s.page.keyboard.press('Escape');
    expect(await s.overview.editor().inputValue()).toBe(original);
    // ↓ on a selected cell moves to the next target's cell, as in Excel.
    await s.page.keyboard.press('ArrowDown');
    expect(await s.overview.focused()).toBe('progress-cell 2');
    await s.overview.progressCell(1).locator('textarea, .cell-display').first().dblclick();
    await s.page.keyboard.type('Y');
    expect(await s.overview.editor().inputValue()).toBe(`${original}Y`);
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('Escape');
    await s.page.locator('body').click({ position: { x: 5, y: 5 } });
    expect(await s.overview.progressCell(1).innerText()).toBe(original);
    expect(await s.page.getByTestId('undo').isDisabled()).toBe(true);
    expect(await s.overview.savedState()).toBe('修改会自动保存');
  });
});

describe('full-screen views and dialogs keep the focus and close on Esc', () => {
  for (const [opener, view] of [
    ['open-round', '[data-testid="round-screen"]'],
    ['open-review', '[data-testid="review-screen"]'],
    ['open-export', '[data-testid="export-dialog"]'],
    ['open-import', '[data-testid="import-screen"]'],
    ['open-report', '[data-testid="report-screen"]'],
    ['open-help', '[data-testid="help-guide"]'],
  ] as const) {
    it(`${opener}: Tab stays inside, Esc closes and the focus goes back`, async () => {
      await s.page.getByTestId(opener).focus();
      await s.page.keyboard.press('Enter');
      await s.page.locator(view).waitFor();
      await expect.poll(() => focusInside('[role="dialog"]')).toBe(true);
      for (let i = 0; i < 40; i++) {
        await s.page.keyboard.press('Tab');
        expect(await focusInside('[role="dialog"]')).toBe(true);
      }
      await s.page.keyboard.press('Escape');
      await expect.poll(() => s.page.locator(view).count()).toBe(0);
      await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(opener);
    });
  }

  it('a view over a view (会议模式 over 调度评估) gives the focus back to its own button, not to the view beneath', async () => {
    await s.page.getByTestId('open-review').click();
    await s.page.getByTestId('review-tiles').waitFor(); // 会议模式 is enabled once the review has loaded
    await s.page.getByTestId('meeting-start').focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('meeting-page').waitFor();
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('meeting').count()).toBe(0);
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('meeting-start');
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-review');
  });
});

describe('the import screen from the keyboard', () => {
  it('Tab goes from the file picker to 选择文件夹… then round the screen, never out of it', async () => {
    await s.page.getByTestId('open-import').click();
    await s.page.getByTestId('import-files').focus();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-folder');
    await s.page.keyboard.press('Tab');
    expect(await focusInside('[data-testid="import-screen"]')).toBe(true);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByTestId('import-screen').count()).toBe(0);
  });
});

describe('the top bar', () => {
  for (const [width, height] of [[1366, 768], [1440, 900]] as const) {
    it(`keeps every button in the window at ${width}×${height} (the sample's mark and every screen's button included)`, async () => {
      await s.page.setViewportSize({ width, height });
      await s.page.evaluate(() => window.scrollTo(0, 0));
      const buttons = s.page.locator('header.top-bar button');
      expect(await buttons.count()).toBeGreaterThanOrEqual(10);
      for (const button of await buttons.all()) expect(await reachable(button), await button.textContent() ?? '').toBe(true);
    });
  }
});

describe('at 1366×768', () => {
  beforeAll(async () => {
    await s.page.setViewportSize({ width: 1366, height: 768 });
  });

  it('the export dialog keeps 导出 Excel and 关闭 in view, says what it wrote, and Esc still closes it after the export', async () => {
    await s.page.getByTestId('open-export').click();
    const dialog = s.page.getByRole('dialog');
    expect(await reachable(dialog.getByTestId('export-run'))).toBe(true);
    expect(await reachable(dialog.getByRole('button', { name: '关闭' }))).toBe(true);
    const download = s.page.waitForEvent('download');
    await dialog.getByTestId('export-run').click();
    await download;
    await expect.poll(() => dialog.getByTestId('export-result').textContent()).toMatch(/已导出 39 项目标.*2023年三季度.*\.xlsx/);
    expect(await reachable(dialog.getByTestId('export-result'))).toBe(true);
    await s.page.keyboard.press('Escape');
    await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('open-export');
  });

  for (const [name, open, buttons] of [
    ['设置', async () => s.page.getByRole('button', { name: '设置' }).click(), ['保存', '取消']],
    ['新增目标', async () => s.page.getByTestId('new-target').click(), ['创建', '取消']],
    ['季度调度', async () => s.page.getByTestId('open-round').click(), ['关闭']],
    [
      '数据备份',
      async () => {
        await s.page.getByRole('button', { name: '设置' }).click();
        await s.page.getByTestId('open-backups').click();
      },
      ['立即备份', '关闭'],
    ],
    ['使用指南', async () => s.page.getByTestId('open-help').click(), ['下一步']],
    [
      '数据文件夹',
      async () => {
        await s.page.getByRole('button', { name: '设置' }).click();
        await s.page.getByTestId('open-data-folder').click();
      },
      ['移动', '关闭'],
    ],
  ] as const) {
    it(`${name}: its buttons are in view`, async () => {
      await open();
      const dialog = s.page.getByRole('dialog').last();
      await dialog.waitFor();
      // Polled: a loaded machine lays the dialog out a moment after it is attached.
      for (const b of buttons) await expect.poll(() => reachable(dialog.getByRole('button', { name: b, exact: true }).last()), { message: b }).toBe(true);
      await s.page.keyboard.press('Escape');
      await expect.poll(() => s.page.getByRole('dialog').count()).toBe(0);
    });
  }
});

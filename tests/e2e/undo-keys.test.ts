/**
 * Ctrl+Z / Ctrl+Y from wherever the focus is after an edit, as a clerk works: a 完成情况 cell typed into and
 * left with Enter (the focus is then on the cell below, itself a textarea), a 是/否 flag changed with its
 * quick key, a deadline typed in the target panel and committed with Enter, a leader added there. Inside a
 * field with unsaved text the keys stay the browser's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../shared/contract';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const key = (k: string) => s.page.keyboard.press(k);
const shown = (serial: number) => s.overview.progressCell(serial).locator('.cell-display').innerText();
const stored = async (serial: number): Promise<Target> => {
  const result = (await s.server.core.call('targets.list', {})) as { ok: true; value: Target[] };
  return result.value.find((t) => t.serial === serial)!;
};

describe('keyboard undo and redo after each kind of edit', () => {
  it('a 完成情况 cell typed and left with Enter: Ctrl+Z from the cell below takes it back, Ctrl+Y puts it back', async () => {
    const original = await shown(1);
    await s.overview.progressCell(1).locator('.cell-display').click();
    await s.page.keyboard.type('三季度已完成全年目标的百分之八十');
    await key('Enter');
    expect(await s.overview.focused()).toBe('progress-cell 2');
    await key('Control+z');
    await expect.poll(() => shown(1)).toBe(original);
    await expect.poll(() => s.page.getByTestId('undo-notice').textContent()).toBe('已撤销：填报进展（第1项）');
    // The focus stayed in the grid, so the next key still works from there.
    expect(await s.overview.focused()).toBe('progress-cell 2');
    await key('Control+y');
    await expect.poll(() => shown(1)).toBe('三季度已完成全年目标的百分之八十');
  });

  it('inside a cell being typed into, Ctrl+Z is the text field’s own', async () => {
    await s.overview.progressCell(3).locator('.cell-display').click();
    await s.page.keyboard.type('甲');
    await key('Control+z');
    // The browser took back the typing, the window undid nothing saved.
    await expect.poll(() => s.overview.editor().inputValue()).not.toContain('甲');
    expect(await shown(1)).toBe('三季度已完成全年目标的百分之八十');
    await key('Escape');
  });

  it('a 是/否 flag changed with its quick key is taken back from the select', async () => {
    const select = s.overview.onScheduleCell(2).locator('select');
    const before = await select.inputValue();
    await select.focus();
    await key(before === 'no' ? '1' : '2');
    await expect.poll(() => select.inputValue()).not.toBe(before);
    await key('Control+z');
    await expect.poll(() => select.inputValue()).toBe(before);
    await key('Control+y');
    await expect.poll(() => select.inputValue()).toBe(before === 'no' ? 'yes' : 'no');
  });

  it('a deadline typed in the target panel and committed with Enter: Ctrl+Z in that field takes it back', async () => {
    const detail = await s.overview.openTarget(4);
    const before = (await stored(4)).deadline;
    const field = detail.getByTestId('field-deadline');
    await field.click();
    await key('Control+a');
    await s.page.keyboard.type('2026年11月底前');
    await key('Enter');
    await expect.poll(async () => (await stored(4)).deadline).toBe('2026年11月底前');
    await key('Control+z');
    await expect.poll(async () => (await stored(4)).deadline).toBe(before);
    await expect.poll(() => field.inputValue()).toBe(before);
    await key('Control+y');
    await expect.poll(() => field.inputValue()).toBe('2026年11月底前');
  });

  it('a leader added in the panel is taken back from the names field', async () => {
    const detail = s.page.getByTestId('target-detail');
    const before = (await stored(4)).assignments[0]!.leaders;
    const names = detail.getByLabel('市政府领导').first();
    await names.click();
    await s.page.keyboard.type('测试领导');
    await key('Enter');
    await expect.poll(async () => (await stored(4)).assignments[0]!.leaders).toContain('测试领导');
    await key('Control+z');
    await expect.poll(async () => (await stored(4)).assignments[0]!.leaders).toEqual(before);
    await expect.poll(() => detail.locator('.chip', { hasText: '测试领导' }).count()).toBe(0);
  });
});

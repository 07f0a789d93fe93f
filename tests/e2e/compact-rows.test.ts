/**
 * 设置 › 一览表行高 紧凑 on a 1366×768 laptop: with the sample's long 完成情况 texts only a few targets fit
 * above the fold; compact rows show at least twice as many, each text cell cut to three lines, and a selected
 * cell still shows its whole text. The choice is kept in the store, so it survives a reload.
 */
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

/** Targets drawn whole inside the table's visible part. */
const rowsInView = () =>
  s.page.locator('.grid-scroller').evaluate((scroller) => {
    const bottom = scroller.getBoundingClientRect().bottom;
    return [...scroller.querySelectorAll('[data-testid="overview-row"]')].filter((r) => r.getBoundingClientRect().bottom <= bottom).length;
  });

/** Lines of text a progress cell shows, from its height and line height. */
const linesShown = (serial: number) =>
  s.overview
    .progressCell(serial)
    .locator('.cell-display')
    .evaluate((el) => {
      const style = getComputedStyle(el);
      const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) * 2;
      return Math.round((el.clientHeight - padding + 4) / parseFloat(style.lineHeight));
    });

describe('compact rows in the 一览表', () => {
  let full = 0;

  it('by default every text is whole, and few targets fit at 1366×768', async () => {
    full = await rowsInView();
    console.log(`rows in view at 1366×768: full ${full}`);
    expect(full).toBeGreaterThan(0);
    expect(await linesShown(1)).toBeGreaterThan(3);
  });

  it('chosen in 设置 by the keyboard, at least twice as many targets fit, each text cut to three lines', async () => {
    await s.page.getByRole('button', { name: '设置' }).click();
    const select = s.page.getByTestId('settings-rows');
    await select.focus();
    await s.page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe('compact');
    await s.page.getByTestId('settings-save').focus();
    await s.page.keyboard.press('Enter');
    await s.page.getByTestId('settings-form').waitFor({ state: 'detached' });
    await expect.poll(() => s.page.locator('.grid-scroller.compact').count()).toBe(1);
    await expect.poll(rowsInView).toBeGreaterThanOrEqual(2 * full);
    expect(await linesShown(1)).toBeLessThanOrEqual(3);
    console.log(`rows in view at 1366×768: compact ${await rowsInView()}`);
  });

  it('a selected cell shows its whole text', async () => {
    const text = await s.overview.progressCell(1).locator('.cell-display').innerText();
    await s.overview.progressCell(1).locator('.cell-display').focus();
    const editor = s.overview.editor();
    await editor.waitFor();
    expect(await editor.inputValue()).toBe(text);
    // Nothing of it hidden: the editor is as tall as its text.
    expect(await editor.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(2);
    await s.page.keyboard.press('Escape');
  });

  it('is kept in the store: a reload opens compact', async () => {
    const stored = (await s.server.core.call('settings.get', {})) as { ok: true; value: { overviewRows: string } };
    expect(stored.value.overviewRows).toBe('compact');
    await s.page.reload();
    await s.overview.waitForRows();
    await expect.poll(() => s.page.locator('.grid-scroller.compact').count()).toBe(1);
  });
});

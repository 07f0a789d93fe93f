/**
 * 季度调度's main button follows the round's steps: a new round's first step, 生成报送模板, is the coloured
 * button and comes first in the tab order; once the templates are out, 导出催报名单 is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

const isMain = (testId: string) =>
  s.page.getByTestId(testId).evaluate((el) => !el.classList.contains('secondary') && getComputedStyle(el).backgroundColor === getComputedStyle(document.documentElement).getPropertyValue('--accent').trim().replace(/^#(..)(..)(..)$/, (_m, r: string, g: string, b: string) => `rgb(${parseInt(r, 16)}, ${parseInt(g, 16)}, ${parseInt(b, 16)})`));

describe('the round screen’s main button', () => {
  it('is 生成报送模板 in a new round, first in the tab order after the due date', async () => {
    await s.page.getByTestId('open-round').click();
    await expect.poll(() => s.page.getByTestId('round-step').getAttribute('data-step')).toBe('templates');
    expect(await isMain('round-templates')).toBe(true);
    expect(await isMain('round-export-missing')).toBe(false);
    // From the last part of the due date, Tab reaches 生成报送模板 first.
    await s.page.getByTestId('round-due').getByRole('textbox').last().focus();
    await s.page.keyboard.press('Tab');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('round-templates');
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
  });

  it('moves to 导出催报名单 once the templates are out', async () => {
    await expect.poll(() => s.page.getByTestId('round-step').getAttribute('data-step')).toBe('returns');
    expect(await isMain('round-export-missing')).toBe(true);
    expect(await isMain('round-templates')).toBe(false);
  });
});

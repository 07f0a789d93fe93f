/**
 * The export dialog at 1366×768, a clerk's laptop: every control, the 报送模板 buttons included, is in view
 * without scrolling, and the message after an export or a template run covers no button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';

let s: Session;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  await s.page.setViewportSize({ width: 1366, height: 768 });
  await s.overview.waitForRows();
  await s.page.getByTestId('open-export').click();
  await s.page.getByTestId('export-dialog').waitFor();
});
afterAll(() => s?.close());

interface Box {
  text: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Every button of the dialog, and the result or error message, where they are drawn. */
const layout = () =>
  s.page.getByRole('dialog').evaluate((dialog) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { text: (el.textContent ?? '').trim(), top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    return {
      buttons: [...dialog.querySelectorAll('button, input')].filter((el) => (el as HTMLElement).offsetWidth > 0).map(box),
      messages: [...dialog.querySelectorAll('[role="status"], [role="alert"]')].map(box),
    };
  });

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

function expectFits({ buttons, messages }: { buttons: Box[]; messages: Box[] }) {
  const out = buttons.filter((b) => b.top < 0 || b.bottom > 768 || b.right > 1366).map((b) => b.text || 'input');
  expect(out).toEqual([]);
  for (const m of messages) {
    expect(m.bottom).toBeLessThanOrEqual(768);
    expect(buttons.filter((b) => overlaps(m, b)).map((b) => b.text)).toEqual([]);
  }
}

describe('the export dialog at 1366×768', () => {
  it('shows every control, 报送模板 included, without scrolling', async () => {
    const now = await layout();
    expect(now.buttons.map((b) => b.text)).toEqual(expect.arrayContaining(['按责任单位生成（zip）', '按市政府领导生成（zip）', '导出 Excel', '关闭']));
    expectFits(now);
  });

  it('after an export the message is in view and covers no button', async () => {
    await s.page.getByTestId('export-run').click();
    await s.page.getByTestId('export-result').waitFor();
    const now = await layout();
    expect(now.messages.length).toBe(1);
    expectFits(now);
  });

  it('after a template run too', async () => {
    await s.page.getByTestId('export-templates').click();
    await expect.poll(async () => (await s.page.getByTestId('export-result').textContent()) ?? '').toContain('模板');
    expectFits(await layout());
  });
});

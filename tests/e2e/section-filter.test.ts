/**
 * The 篇章 filter's counts add up to the year's targets: the targets in no section have their own option
 * (未归入篇章), chosen with the keyboard, and the table then shows just those.
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

describe('篇章 filter', () => {
  it('offers 未归入篇章, so the counts add up to 39', async () => {
    const options = await s.overview.sectionOptions();
    const sum = options.reduce((n, o) => n + Number(/（(\d+)）$/.exec(o)?.[1] ?? 0), 0);
    expect(sum).toBe(39);
    const none = options.find((o) => o.startsWith('未归入篇章'))!;
    expect(none).toMatch(/^未归入篇章（\d+）$/);
    const n = Number(/（(\d+)）/.exec(none)![1]);

    const select = s.page.getByTestId('filter-section');
    await select.focus();
    await s.page.keyboard.press('End');
    await expect.poll(() => s.overview.count()).toContain(`${n} 项`);
    const result = (await s.server.core.call('targets.list', {})) as { ok: true; value: { serial: number; sectionId: number | null }[] };
    const expected = result.value.filter((t) => t.sectionId === null).map((t) => t.serial).sort((a, b) => a - b);
    expect(await s.overview.visibleSerials()).toEqual(expected);
  });
});

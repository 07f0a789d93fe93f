/**
 * The meeting's agenda (issue 20, 会议议程) in the browser mode on the sample: a leader's agenda chosen with
 * the keyboard, meeting mode going through exactly that leader's targets as the service has them, the same
 * agenda after a reload; picked items likewise; and the chooser at 1366×768 and 1440×900 with nothing cut
 * or covered.
 */
import type { Locator } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingAgenda, Review } from '../../shared/contract';
import { agendaEntries, needsDiscussion } from '../../shared/review/meeting';
import { openCore, tempStorePath } from '../helpers/store';
import { openSession, type Session } from './app';
import { ReviewPage } from './pages/reviewPage';

let s: Session;
let review: ReviewPage;

beforeAll(async () => {
  s = await openSession(tempStorePath());
  review = new ReviewPage(s.page);
  await s.overview.waitForRows();
});
afterAll(() => s?.close());

/** What the service says, read through the contract on the same store file. */
async function served(): Promise<{ review: Review; agendaLog: { before: { agenda: MeetingAgenda }; after: { agenda: MeetingAgenda } }[] }> {
  const core = await openCore(s.storePath);
  try {
    const r = await core.invoke('review.get', { year: 2023, quarter: 3 });
    const log = (core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'meeting-agenda' ORDER BY id").all() as { before_json: string; after_json: string }[]).map(
      (row) => ({ before: JSON.parse(row.before_json), after: JSON.parse(row.after_json) }),
    );
    return { review: r, agendaLog: log };
  } finally {
    core.close();
  }
}

/** In the viewport and not covered: what a click at its middle would hit. */
async function reachable(target: Locator): Promise<boolean> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  const view = s.page.viewportSize()!;
  if (!box || box.y < 0 || box.x < 0 || box.y + box.height > view.height || box.x + box.width > view.width) return false;
  return target.evaluate(
    (el, p) => {
      const hit = document.elementFromPoint(p.x, p.y);
      return hit !== null && (hit === el || el.contains(hit) || (el as HTMLElement).closest('label')?.contains(hit) === true);
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
}

/** Text cut by its box (an ellipsis, or overflow hidden by the element itself). */
const cut = (target: Locator) => target.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);

describe('the meeting agenda', () => {
  it("a leader's agenda chosen with the keyboard: meeting mode holds exactly that leader's targets, also after a reload", async () => {
    const { review: before } = await served();
    expect(before.agenda).toEqual({ kind: 'lagging' });
    // Not the first leader of the list (the chooser must move to it) and not the one with most targets.
    const leader = [...before.byLeader].sort((a, b) => a.total - b.total).find((g) => g.total >= 3 && g.name !== before.byLeader[0]!.name)!.name;
    const expected = before.items.filter((i) => i.lines.some((l) => l.leaders.includes(leader))).map((i) => i.serial).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    // Some of them are on pace: a leader's agenda is not the lagging list narrowed.
    expect(before.items.filter((i) => expected.includes(i.serial)).some((i) => !needsDiscussion(i))).toBe(true);
    const label = `议程：${leader}分管的目标（${expected.length}项）`;

    await review.open();
    expect(await review.agendaButton().textContent()).toMatch(/^议程：滞后及需关注的事项（\d+项）$/);
    await review.openAgenda();
    expect(await review.focusedKind()).toBe('agenda-kind-lagging');
    await review.chooseKind('leader');
    await review.chooseOption('agenda-leader', leader);
    await expect.poll(() => s.page.getByTestId('agenda-preview').textContent()).toBe(label);
    await review.saveWithEnter();
    await expect.poll(() => review.agendaButton().textContent()).toBe(label);
    // The focus is back on the chooser's button: given back a frame after the dialog is gone (FocusLock).
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('agenda-open');

    const after = await served();
    expect(after.review.agenda).toEqual({ kind: 'leader', leader });
    expect(after.agendaLog.at(-1)).toEqual({ before: { year: 2023, quarter: 3, agenda: { kind: 'lagging' } }, after: { year: 2023, quarter: 3, agenda: { kind: 'leader', leader } } });

    await review.startMeeting();
    const walked = await review.walkMeeting();
    expect(walked.serials).toEqual(expected);
    expect(new Set(walked.agendas)).toEqual(new Set([label]));
    expect(walked.positions).toEqual(expected.map((_, i) => `${i + 1}/${expected.length}`));
    expect(await review.meetingPage().locator('.meeting-leader').textContent()).toBe(leader);
    // A serial of another leader's target is not on this agenda.
    const other = after.review.items.find((i) => !expected.includes(i.serial))!.serial;
    await s.page.keyboard.type(String(other));
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByTestId('meeting-jump-message').textContent()).toBe(`第${other}项不在本次会议议程中`);
    await review.leaveMeeting();

    await s.page.reload();
    await s.overview.waitForRows();
    await review.open();
    await expect.poll(() => review.agendaButton().textContent()).toBe(label);
    await review.startMeeting();
    expect((await review.walkMeeting()).serials).toEqual(expected);
    await review.leaveMeeting();
  });

  it('picked items, ticked by serial with the keyboard, are the meeting, also after a reload', async () => {
    const { review: now } = await served();
    const bySerial = [...now.items].sort((a, b) => a.serial - b.serial);
    // Two items the lagging list has and one it does not, and none of the current leader's agenda only.
    const lagging = bySerial.filter(needsDiscussion).slice(0, 2);
    const onPace = bySerial.find((i) => !needsDiscussion(i))!;
    const picks = [...lagging, onPace].map((i) => i.serial);
    const label = `议程：选定的目标（${picks.length}项）`;

    await review.ensureOpen();
    await review.openAgenda();
    expect(await review.focusedKind()).toBe(`agenda-kind-${now.agenda.kind}`);
    await review.chooseKind('picked');
    // Picking starts from the agenda as it was (the leader's targets): cleared first.
    await expect.poll(() => s.page.getByTestId('agenda-picked-count').textContent()).toMatch(/^已选 [1-9]\d* 项$/);
    await s.page.keyboard.press('Tab'); // search
    await s.page.keyboard.press('Tab'); // 全选所列
    await s.page.keyboard.press('Tab'); // 清空
    await s.page.keyboard.press('Enter');
    await expect.poll(() => s.page.getByTestId('agenda-picked-count').textContent()).toBe('已选 0 项');
    expect(await s.page.getByTestId('agenda-save').isDisabled()).toBe(true);
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Shift+Tab');
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('agenda-search');
    for (const serial of picks) {
      await s.page.keyboard.type(String(serial));
      await s.page.keyboard.press('Enter');
    }
    await expect.poll(() => s.page.getByTestId('agenda-picked-count').textContent()).toBe(`已选 ${picks.length} 项`);
    // ↓ in the list moves between the ticks; Space unticks and ticks again.
    await s.page.getByTestId('agenda-search').fill('');
    await s.page.getByTestId('agenda-pick').first().focus();
    await s.page.keyboard.press('ArrowDown');
    expect(await s.page.evaluate(() => document.activeElement?.closest('[data-serial]')?.getAttribute('data-serial'))).toBe(String(bySerial[1]!.serial));
    await expect.poll(() => s.page.getByTestId('agenda-preview').textContent()).toBe(label);
    await s.page.keyboard.press('Control+Enter');
    await review.dialog().waitFor({ state: 'detached' });
    await expect.poll(() => review.agendaButton().textContent()).toBe(label);

    const after = await served();
    expect(after.review.agenda).toEqual({ kind: 'picked', targetIds: [...lagging, onPace].map((i) => i.targetId).sort((a, b) => a - b) });
    expect(after.agendaLog.at(-1)!.before.agenda.kind).toBe('leader');
    // The meeting's order is the service's: by leader, then serial.
    const expected = agendaEntries(after.review, after.review.agenda).map((e) => e.item.serial);
    expect([...expected].sort((a, b) => a - b)).toEqual([...picks].sort((a, b) => a - b));

    await review.startMeeting();
    const walked = await review.walkMeeting();
    expect(walked.serials).toEqual(expected);
    expect(new Set(walked.agendas)).toEqual(new Set([label]));
    expect(walked.positions.at(-1)).toBe(`${picks.length}/${picks.length}`);
    await review.leaveMeeting();

    await s.page.reload();
    await s.overview.waitForRows();
    await review.open();
    await expect.poll(() => review.agendaButton().textContent()).toBe(label);
    await review.startMeeting();
    expect((await review.walkMeeting()).serials).toEqual(expected);
    await review.leaveMeeting();
  });

  it('the chooser at 1366×768 and 1440×900: nothing cut or covered, with the longest section name', async () => {
    const { review: now } = await served();
    const core = await openCore(s.storePath);
    const sections = core.db.prepare('SELECT s.id, s.name FROM sections s WHERE EXISTS (SELECT 1 FROM targets t WHERE t.section_id = s.id)').all() as { id: number; name: string }[];
    core.close();
    const longest = [...sections].sort((a, b) => b.name.length - a.name.length)[0]!;
    const count = now.items.filter((i) => i.sectionId === longest.id).length;
    await review.ensureOpen();

    for (const [width, height] of [[1366, 768], [1440, 900]] as const) {
      await s.page.setViewportSize({ width, height });
      await review.openAgenda();
      const dialog = s.page.locator('.dialog').filter({ has: review.dialog() });
      for (const kind of ['lagging', 'leader', 'section', 'picked'] as const) {
        await s.page.getByTestId(`agenda-kind-${kind}`).focus();
        await review.chooseKind(kind);
        const controls = [
          ...['lagging', 'leader', 'section', 'picked'].map((k) => s.page.getByTestId(`agenda-kind-${k}`)),
          s.page.getByTestId('agenda-preview'),
          s.page.getByTestId('agenda-save'),
          dialog.getByRole('button', { name: '取消' }),
        ];
        if (kind === 'leader') controls.push(s.page.getByTestId('agenda-leader'));
        if (kind === 'section') controls.push(s.page.getByTestId('agenda-section'));
        if (kind === 'picked') controls.push(s.page.getByTestId('agenda-search'), s.page.getByTestId('agenda-pick').first(), s.page.getByTestId('agenda-pick').last());
        for (const c of controls) expect(await reachable(c), `${width}×${height} ${kind}: ${await c.evaluate((e) => e.outerHTML.slice(0, 80))}`).toBe(true);
        // The save button is still in view after the pick list was scrolled to its end.
        expect(await reachable(s.page.getByTestId('agenda-save')), `${width} ${kind} save`).toBe(true);
        expect(await cut(s.page.getByTestId('agenda-preview')), `${width} ${kind} preview`).toBe(false);
      }
      // The longest section: its list shows the whole name (the list is narrower than the dialog, so not squeezed).
      await s.page.getByTestId('agenda-kind-section').focus();
      await review.chooseKind('section');
      await review.chooseOption('agenda-section', longest.name);
      const select = (await s.page.getByTestId('agenda-section').boundingBox())!;
      const inner = await dialog.evaluate((d) => d.clientWidth - parseFloat(getComputedStyle(d).paddingLeft) - parseFloat(getComputedStyle(d).paddingRight));
      expect(select.width, `${width} section list`).toBeLessThan(inner);
      await expect.poll(() => s.page.getByTestId('agenda-preview').textContent()).toBe(`议程：篇章「${longest.name}」的目标（${count}项）`);
      await review.saveWithEnter();
      // The dashboard's button with the longest name, and the buttons beside it, all whole and in view.
      await expect.poll(() => review.agendaButton().textContent()).toContain(longest.name);
      const head = s.page.locator('.review-head');
      for (const b of await head.locator('button').all()) {
        expect(await reachable(b), `${width} head: ${await b.textContent()}`).toBe(true);
        expect(await cut(b), `${width} head cut: ${await b.textContent()}`).toBe(false);
      }
      // Meeting mode names the same agenda, and its top line does not overlap its neighbours.
      await review.startMeeting();
      const top = s.page.getByTestId('meeting-page').locator('.meeting-top > span');
      const boxes = await top.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left, `${width} meeting top`).toBeGreaterThanOrEqual(boxes[i - 1]!.right);
      expect(await s.page.getByTestId('meeting-page').getByTestId('meeting-agenda').textContent()).toBe(`议程：篇章「${longest.name}」的目标（${count}项）`);
      await review.leaveMeeting();
    }
    await s.page.setViewportSize({ width: 1600, height: 900 });
  });
});

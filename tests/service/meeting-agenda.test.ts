/**
 * The meeting's agenda (会议议程) on a real store file: the default is the lagging items; a leader's, a
 * section's or picked items are saved per quarter, read back after the store is closed and opened again,
 * logged with the agenda before and after, and refused (nothing written) when the payload is malformed or
 * names what the year does not have.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingAgenda } from '../../shared/contract';
import { agendaEntries, agendaLabel, meetingItems } from '../../shared/review/meeting';
import { closingStores, openCore } from '../helpers/store';

const store = closingStores();
type Core = Awaited<ReturnType<typeof store>>;

const idOf = (core: Core, serial: number) => core.db.prepare('SELECT id FROM targets WHERE serial = ?').pluck().get(serial) as number;

/** A leader's targets straight from the tables, not through the review. */
const serialsOfLeader = (core: Core, leader: string) =>
  core.db
    .prepare(
      `SELECT DISTINCT t.serial FROM targets t JOIN assignments a ON a.target_id = t.id JOIN assignment_leaders al ON al.assignment_id = a.id
       JOIN leaders l ON l.id = al.leader_id WHERE l.name = ? ORDER BY t.serial`,
    )
    .pluck()
    .all(leader) as number[];

const agendaLog = (core: Core) =>
  (core.db.prepare("SELECT actor, entity_id, target_id, before_json, after_json FROM change_log WHERE kind = 'meeting-agenda' ORDER BY id").all() as {
    actor: string;
    entity_id: number;
    target_id: number | null;
    before_json: string;
    after_json: string;
  }[]).map((r) => ({ ...r, before: JSON.parse(r.before_json) as unknown, after: JSON.parse(r.after_json) as unknown }));

const agendaOf = async (core: Core, quarter: 1 | 2 | 3 | 4 = 3) => (await core.invoke('review.get', { year: 2023, quarter })).agenda;

describe('the meeting agenda', () => {
  it('is the lagging items until one is chosen', async () => {
    const core = await store(true);
    const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    expect(review.agenda).toEqual({ kind: 'lagging' });
    expect(agendaEntries(review, review.agenda)).toEqual(meetingItems(review));
    expect(agendaLabel(review.agenda, meetingItems(review).length, () => undefined)).toBe(`议程：滞后及需关注的事项（${meetingItems(review).length}项）`);
  });

  it("a leader's agenda is saved, read back from the file, logged, and holds exactly that leader's targets", async () => {
    const core = await store(true);
    const leader = '李春英';
    const expected = serialsOfLeader(core, leader);
    expect(expected.length).toBeGreaterThan(1);
    const saved = await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'leader', leader: ` ${leader} ` } });
    expect(saved).toEqual({ year: 2023, quarter: 3, agenda: { kind: 'leader', leader } });

    // Closed and opened again on the same file: the agenda is in the store, not in memory.
    const file = core.storePath;
    core.close();
    const again = await openCore(file);
    try {
      const review = await again.invoke('review.get', { year: 2023, quarter: 3 });
      expect(review.agenda).toEqual({ kind: 'leader', leader });
      const entries = agendaEntries(review, review.agenda);
      expect(entries.map((e) => e.item.serial)).toEqual(expected);
      expect(entries.every((e) => e.leader === leader)).toBe(true);
      expect(agendaLabel(review.agenda, entries.length, () => undefined)).toBe(`议程：李春英分管的目标（${expected.length}项）`);
      // Another quarter's meeting keeps its own agenda.
      expect(await agendaOf(again, 4)).toEqual({ kind: 'lagging' });

      const plan = again.db.prepare('SELECT id FROM plans WHERE year = 2023').pluck().get() as number;
      expect(agendaLog(again)).toMatchObject([
        { entity_id: plan, target_id: null, before: { year: 2023, quarter: 3, agenda: { kind: 'lagging' } }, after: { year: 2023, quarter: 3, agenda: { kind: 'leader', leader } } },
      ]);
    } finally {
      again.close();
    }
  });

  it('picked items are kept by id, in serial order, survive a renumbering, and a deleted one leaves the agenda', async () => {
    const core = await store(true);
    const ids = [39, 2, 16].map((s) => idOf(core, s));
    await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: ids } });
    expect(await agendaOf(core)).toEqual({ kind: 'picked', targetIds: [...ids].sort((a, b) => a - b) });
    let review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    expect(agendaEntries(review, review.agenda).map((e) => e.item.serial).sort((a, b) => a - b)).toEqual([2, 16, 39]);

    // Saving the same agenda again (in another order) writes nothing.
    const logged = agendaLog(core).length;
    await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: [...ids].reverse() } });
    expect(agendaLog(core)).toHaveLength(logged);

    await core.invoke('targets.update', { id: idOf(core, 2), patch: { serial: 140 } });
    await core.invoke('targets.delete', { id: idOf(core, 39) });
    review = await core.invoke('review.get', { year: 2023, quarter: 3 });
    expect(agendaEntries(review, review.agenda).map((e) => e.item.serial).sort((a, b) => a - b)).toEqual([16, 140]);
    // A deleted target can no longer be picked.
    await expect(core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: ids } })).rejects.toThrow('所选的1项责任目标不属于2023年，可能已被删除。');

    // Back to the default: the row goes, the log says so.
    await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'lagging' } });
    expect(await agendaOf(core)).toEqual({ kind: 'lagging' });
    expect(core.db.prepare('SELECT count(*) FROM meeting_agendas').pluck().get()).toBe(0);
    expect(agendaLog(core).at(-1)).toMatchObject({ before: { agenda: { kind: 'picked' } }, after: { agenda: { kind: 'lagging' } } });
  });

  it("a section's agenda holds that section's targets; 未归入篇章 is a section too", async () => {
    const core = await store(true);
    const section = core.db.prepare("SELECT s.id, s.name FROM sections s JOIN plans p ON p.id = s.plan_id WHERE p.year = 2023 AND s.name <> '' ORDER BY s.ord LIMIT 1 OFFSET 1").get() as { id: number; name: string };
    const inSection = core.db.prepare('SELECT serial FROM targets WHERE section_id = ? ORDER BY serial').pluck().all(section.id) as number[];
    const unsectioned = core.db.prepare('SELECT serial FROM targets WHERE section_id IS NULL ORDER BY serial').pluck().all() as number[];
    expect(inSection.length).toBeGreaterThan(0);
    expect(unsectioned.length).toBeGreaterThan(0);
    for (const [sectionId, serials] of [[section.id, inSection], [null, unsectioned]] as const) {
      await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'section', sectionId } });
      const review = await core.invoke('review.get', { year: 2023, quarter: 3 });
      expect(review.agenda).toEqual({ kind: 'section', sectionId });
      expect(agendaEntries(review, review.agenda).map((e) => e.item.serial).sort((a, b) => a - b)).toEqual(serials);
    }
    expect(agendaLabel({ kind: 'section', sectionId: section.id }, inSection.length, (id) => (id === section.id ? section.name : undefined))).toBe(`议程：篇章「${section.name}」的目标（${inSection.length}项）`);
    expect(agendaLabel({ kind: 'section', sectionId: null }, 3, () => undefined)).toBe('议程：未归入篇章的目标（3项）');
  });

  it('refuses malformed payloads and what the year does not have, and writes nothing', async () => {
    const core = await store(true);
    await core.invoke('plans.create', { year: 2024 });
    const other = await core.invoke('targets.create', { year: 2024, serial: 1, content: '2024年的目标' });
    const before = core.db.prepare('SELECT count(*) FROM change_log').pluck().get();
    const refused: [unknown, RegExp][] = [
      [{ year: 2023, quarter: 3, agenda: { kind: 'unit', unit: '市财政局' } }, /./],
      [{ year: 2023, quarter: 3, agenda: { kind: 'leader' } }, /./],
      [{ year: 2023, quarter: 3, agenda: { kind: 'leader', leader: '  ' } }, /请选择市政府领导/],
      [{ year: 2023, quarter: 3, agenda: { kind: 'leader', leader: '李春英', extra: 1 } }, /./],
      [{ year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: [] } }, /请至少选择一项责任目标/],
      [{ year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: [idOf(core, 1), idOf(core, 1)] } }, /不能重复/],
      [{ year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: [-1] } }, /./],
      [{ year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: ['1'] } }, /./],
      [{ year: 2023, quarter: 3, agenda: { kind: 'section', sectionId: 'x' } }, /./],
      [{ year: 2023, quarter: 5, agenda: { kind: 'lagging' } }, /./],
      [{ year: 2023, quarter: 3 }, /./],
      // Well-formed, but not of 2023.
      [{ year: 2023, quarter: 3, agenda: { kind: 'leader', leader: '没有这个人' } }, /2023年的责任目标中没有市政府领导“没有这个人”/],
      [{ year: 2023, quarter: 3, agenda: { kind: 'section', sectionId: 999_999 } }, /2023年没有这个篇章/],
      [{ year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: [idOf(core, 1), other.id] } }, /所选的1项责任目标不属于2023年/],
      [{ year: 2031, quarter: 3, agenda: { kind: 'lagging' } }, /2031/],
    ];
    for (const [payload, message] of refused) {
      const result = await core.call('review.saveAgenda', payload as never);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      if (!result.ok) expect(result.error.message, JSON.stringify(payload)).toMatch(message);
    }
    expect(core.db.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(before);
    expect(core.db.prepare('SELECT count(*) FROM meeting_agendas').pluck().get()).toBe(0);
    expect(await agendaOf(core)).toEqual({ kind: 'lagging' } satisfies MeetingAgenda);
  });

  it('a quarter published and locked still takes its agenda (meeting data, like 督办意见)', async () => {
    const core = await store(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'leader', leader: '聂元科' } });
    expect(await agendaOf(core)).toEqual({ kind: 'leader', leader: '聂元科' });
  });
});

/**
 * A published quarter freezes what its table shows: every write path is driven against a locked Q3 and
 * either refused (naming the locked quarter and how to unlock) or proven not to change the Q3 table. After
 * all of them, the export still carries the publication stamp; once the table did change (after an unlock,
 * a restore of an older backup, or an edit by an older version), the export says so and drops the stamp.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportOverview } from '../../electron/services/export';
import { applyImport, undoBatch } from '../../electron/services/import';
import { publicationState } from '../../electron/services/publication';
import { closingStores } from '../helpers/store';

const store = closingStores();
type Core = Awaited<ReturnType<typeof store>>;

const LOCKED = /2023年三季度已于2023年10月20日发布并锁定.*不能修改.*解除2023年三季度的锁定/;

function idOf(core: Core, serial: number): number {
  return core.db.prepare('SELECT id FROM targets WHERE serial = ?').pluck().get(serial) as number;
}

function linesOf(t: { assignments: { id: number; leaders: string[]; leadUnits: string[]; cooperatingUnits: string[] }[] }) {
  return t.assignments.map(({ id, leaders, leadUnits, cooperatingUnits }) => ({ id, leaders, leadUnits, cooperatingUnits }));
}

async function footer(core: Core, quarter: 3 | 4 = 3): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportOverview(core, { year: 2023, quarter })) as unknown as ArrayBuffer);
  return String(wb.getWorksheet('一览表')!.headerFooter.oddFooter);
}

/** The Q3 table as an export prints it, cell by cell. */
async function q3Table(core: Core): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportOverview(core, { year: 2023, quarter: 3, summary: false })) as unknown as ArrayBuffer);
  const rows: unknown[] = [];
  wb.getWorksheet('一览表')!.eachRow((r) => rows.push(r.values));
  return JSON.stringify(rows);
}

/** The Q4 overview with words added to one target's content: the importer's way of editing shared columns. */
async function q4WithContent(core: Core, serial: number, content: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportOverview(core, { year: 2023, quarter: 4 })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('一览表')!;
  let row = 1;
  while (ws.getCell(row, 1).value !== serial) row++;
  // A small edit (a whole new text would be another target: a conflict, not an update).
  ws.getCell(row, 3).value = `${String(ws.getCell(row, 3).value)}${content}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a locked quarter against every write path', () => {
  it('refuses what would change the Q3 table, allows what does not, and keeps the stamp', async () => {
    const core = await store(true);
    const id1 = idOf(core, 1);
    const id16 = idOf(core, 16);
    const id26 = idOf(core, 26);
    // Made before publication, to be taken back after it.
    const contentEdit = await core.invoke('targets.update', { id: id1, patch: { content: '第1项内容（发布前修改）' } });
    const importBatch = await applyImport(core, [{ name: 'q4.xlsx', bytes: await q4WithContent(core, 2, '（四季度表中补充）') }], {});
    expect(importBatch.summary.targetsUpdated).toBe(1);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    const published = await q3Table(core);
    expect(await footer(core)).toContain('&L2023年10月20日发布');

    // edit: every column of the table, for a target of the year (content, deadline, serial are shared by all quarters).
    for (const patch of [{ content: '改' }, { deadline: '2023年11月' }, { serial: 900 }]) {
      await expect(core.invoke('targets.update', { id: id16, patch })).rejects.toMatchObject({ code: 'locked', message: expect.stringMatching(LOCKED) });
    }
    await expect(core.invoke('targets.update', { id: id16, patch: { content: '改' } })).rejects.toThrow(/第16项的责任目标内容不能修改/);
    // lines: leaders, units, a line added or removed.
    const t26 = await core.invoke('targets.get', { id: id26 });
    const lines = linesOf(t26);
    const variants = [
      [{ ...lines[0]!, leaders: ['新领导'] }, lines[1]!],
      [{ ...lines[0]!, leadUnits: ['市新单位'] }, lines[1]!],
      [{ ...lines[0]!, cooperatingUnits: ['市配合单位'] }, lines[1]!],
      [lines[0]!],
      [...lines, { leaders: [], leadUnits: ['市新单位'], cooperatingUnits: [] }],
    ];
    for (const assignments of variants) {
      await expect(core.invoke('targets.saveAssignments', { targetId: id26, assignments })).rejects.toMatchObject({ code: 'locked', message: expect.stringMatching(LOCKED) });
    }
    await expect(core.invoke('targets.saveAssignments', { targetId: id26, assignments: variants[0]! })).rejects.toThrow(/第26项的市政府领导/);
    await expect(core.invoke('targets.saveAssignments', { targetId: id26, assignments: variants[1]! })).rejects.toThrow(/第26项的责任单位/);
    // progress of Q3, delete, add.
    await expect(core.invoke('progress.save', { assignmentId: lines[0]!.id, quarter: 3, text: '改' })).rejects.toThrow(/第26项的三季度完成情况不能修改/);
    await expect(core.invoke('targets.delete', { id: id16 })).rejects.toThrow(/删除第16项责任目标不能修改/);
    await expect(core.invoke('targets.create', { year: 2023, serial: 40, content: '新目标' })).rejects.toThrow(/新增第40项责任目标不能修改/);
    // import: a Q4 table changing a content (shown in Q3 too) is warned of in the preview and refused.
    const q4 = await q4WithContent(core, 3, '（发布后补充）');
    const preview = await core.invoke('import.preview', { files: [{ name: 'q4-after.xlsx', data: q4.toString('base64') }] });
    expect(preview.notes.find((n) => n.code === 'quarter-locked')).toMatchObject({ message: expect.stringContaining('2023年三季度已于2023年10月20日发布并锁定') });
    await expect(core.invoke('import.apply', { files: [{ name: 'q4-after.xlsx', data: q4.toString('base64') }] })).rejects.toMatchObject({ code: 'locked' });
    // import undo and history revert of changes made before publication would change the published table.
    expect(() => undoBatch(core, importBatch.id)).toThrow(LOCKED);
    await expect(core.invoke('history.revert', { changeId: contentEdit.changeId!, to: 'before' })).rejects.toMatchObject({ code: 'locked' });

    // Allowed: what the Q3 table does not show.
    await core.invoke('progress.save', { assignmentId: lines[0]!.id, quarter: 4, text: '四季度进展' });
    await core.invoke('targets.update', { id: id16, patch: { sectionId: null } });
    const line16 = (await core.invoke('targets.get', { id: id16 })).assignments[0]!.id;
    await core.invoke('review.confirmActual', { assignmentId: line16, quarter: 3, goalIndex: 0, actual: '80家' });
    await core.invoke('review.saveNote', { targetId: id16, quarter: 3, note: '请市商务局说明' });
    // The meeting's agenda is meeting data, as the decision is: chosen and changed under the lock.
    await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'picked', targetIds: [id16, id26] } });
    await core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'lagging' } });
    const unit = t26.assignments[0]!.leadUnits[0]!;
    await core.invoke('units.addAlias', { unit, alias: `${unit}（简称）` });
    // 督办通知 and a unit's reply date are not in the table.
    const { notices } = await core.invoke('notices.issue', { year: 2023, quarter: 3 });
    await core.invoke('notices.reply', { id: notices[0]!.id, repliedAt: new Date().toISOString().slice(0, 10) });
    // The year-end assessment's rules and hand-entered values are the year's, not the quarter's table.
    const { rules } = await core.invoke('assessment.get', { year: 2023 });
    await core.invoke('assessment.saveRules', { year: 2023, rules: { ...rules, base: 90 } });
    await core.invoke('assessment.saveEntry', { year: 2023, item: 'leaders', unit, value: 85 });
    // Reordering lines changes no cell of the table's content.
    await core.invoke('targets.saveAssignments', { targetId: id26, assignments: [...lines].reverse() });
    await core.invoke('targets.saveAssignments', { targetId: id26, assignments: lines });

    expect(await q3Table(core)).toBe(published);
    expect(publicationState(core, 2023, 3)).toEqual({ publishedOn: '2023-10-20', locked: true, changedSerials: [] });
    expect(await footer(core)).toContain('&L2023年10月20日发布');
    const file = await core.invoke('export.overview', { year: 2023, quarter: 3 });
    expect(file.notice).toBeUndefined();
  });

  it('after an unlock and an edit, the export says the table changed and carries no stamp; publishing again stamps it', async () => {
    const core = await store(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    await core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '更正第16项内容' });
    // Unlocked, nothing changed yet: still the published table.
    expect(await footer(core)).toContain('&L2023年10月20日发布');
    await core.invoke('targets.update', { id: idOf(core, 16), patch: { content: '更正后的内容' } });
    const f = await footer(core);
    expect(f).not.toContain('2023年10月20日发布');
    expect(f).toContain('发布后已修改（原发布日期：2023年10月20日；有变化的序号：16）');
    const file = await core.invoke('export.overview', { year: 2023, quarter: 3 });
    expect(file.notice).toContain('发布后已修改');
    // Q4 was never published: neither stamp nor note.
    expect(await footer(core, 4)).toBe('&C第 &P 页 共 &N 页');
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-25' });
    expect(await footer(core)).toContain('&L2023年10月25日发布');
  });

  it('a lock from an older version (no fingerprint) is checked against the change log', async () => {
    const core = await store(true);
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    core.db.prepare('UPDATE quarter_locks SET table_key = NULL').run();
    expect(await footer(core)).toContain('&L2023年10月20日发布');
    // An older version let content be edited under the lock: replay that (unlock, edit, lock row put back as it was).
    await core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '模拟旧版本' });
    await core.invoke('targets.update', { id: idOf(core, 5), patch: { content: '旧版本在锁定后改的内容' } });
    await core.invoke('targets.delete', { id: idOf(core, 39) });
    core.db.prepare('UPDATE quarter_locks SET unlocked_at = NULL, unlock_reason = NULL').run();
    expect(publicationState(core, 2023, 3)).toMatchObject({ locked: true, changedSerials: [5, 39] });
    expect(await footer(core)).not.toContain('2023年10月20日发布');
  });

  it('a restore of a backup from before the publication keeps the quarter locked, is logged, and the export tells', async () => {
    const core = await store(true);
    const before = await core.invoke('backups.create', {});
    await core.invoke('progress.save', { assignmentId: (await core.invoke('targets.get', { id: idOf(core, 16) })).assignments[0]!.id, quarter: 3, text: '发布前更正的三季度完成情况' });
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    await core.invoke('backups.restore', { name: before.name });
    // The restored store is the backup's, and Q3 is still locked: the table on the website did not go away.
    expect(await core.invoke('quarters.locks', { year: 2023 })).toMatchObject([{ quarter: 3, publishedOn: '2023-10-20' }]);
    await expect(core.invoke('targets.update', { id: idOf(core, 16), patch: { content: '改' } })).rejects.toMatchObject({ code: 'locked' });
    expect(publicationState(core, 2023, 3)).toMatchObject({ changedSerials: [16] });
    expect(await footer(core)).not.toContain('2023年10月20日发布');
    const log = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'restore'").all() as { before_json: string; after_json: string }[];
    expect(log).toHaveLength(1);
    expect(JSON.parse(log[0]!.before_json).store.name).toMatch(/-restore\.sqlite$/);
    expect(JSON.parse(log[0]!.after_json)).toMatchObject({ backup: { name: before.name }, publicationsKept: [{ year: 2023, quarter: 3, publishedOn: '2023-10-20' }] });
  });
});

describe('unlocking twice', () => {
  it('says the quarter is already unlocked, not that it was never published', async () => {
    const core = await store(true);
    await expect(core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '没有发布过' })).rejects.toThrow('2023年三季度尚未发布，无需解除锁定。');
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    await core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '更正数据' });
    await expect(core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '再次解除' })).rejects.toThrow('2023年三季度已解除锁定，无需解除锁定。');
  });
});

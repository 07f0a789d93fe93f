/**
 * Every write is in the change log with its old and new value. The writing methods are derived from the
 * contract (every method not declared non-writing), so a new method fails here until it has a call below
 * and logs what it writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NON_WRITING_METHODS, WRITING_METHODS, type MethodName } from '../../shared/contract';
import { exportOverview } from '../../electron/services/export';
import { closingStores, tempDir } from '../helpers/store';

const store = closingStores();
type Core = Awaited<ReturnType<typeof store>>;

const idOf = (core: Core, serial: number) => core.db.prepare('SELECT id FROM targets WHERE serial = ?').pluck().get(serial) as number;
const lineOf = async (core: Core, serial: number) => (await core.invoke('targets.get', { id: idOf(core, serial) })).assignments[0]!;

/** The Q3 overview with one progress text changed, as the renderer sends a file. */
async function changedQ3(core: Core): Promise<{ name: string; data: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportOverview(core, { year: 2023, quarter: 3 })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('一览表')!;
  let row = 1;
  while (ws.getCell(row, 1).value !== 16) row++;
  ws.getCell(row, 5).value = '三季度新增规上服务业企业40家';
  return { name: '三季度.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

const sampleReport = fs.readFileSync(path.resolve(__dirname, '../../seeds/2023-政府工作报告.txt'), 'utf8');
const openCandidates = async (core: Core) => (await core.invoke('report.worklist', { year: 2023 })).candidates.filter((c) => c.status === 'open' && c.coveredBy.length === 0).map((c) => c.id);

/** One real call per writing method, on the seeded store (2023, Q3 reported). */
const CALLS: Record<string, (core: Core) => Promise<unknown>> = {
  'backups.restore': async (core) => core.invoke('backups.restore', { name: (await core.invoke('backups.create', {})).name }),
  'settings.update': (core) => core.invoke('settings.update', { city: '菏泽市', paperSize: 'A4' }),
  'plans.create': (core) => core.invoke('plans.create', { year: 2024 }),
  'units.addAlias': async (core) => core.invoke('units.addAlias', { unit: (await lineOf(core, 16)).leadUnits[0]!, alias: '商务局（简称）' }),
  'targets.create': (core) => core.invoke('targets.create', { year: 2023, serial: 40, content: '新增的目标' }),
  'targets.update': (core) => core.invoke('targets.update', { id: idOf(core, 5), patch: { deadline: '11月底' } }),
  'targets.delete': (core) => core.invoke('targets.delete', { id: idOf(core, 5) }),
  'targets.saveAssignments': async (core) => {
    const line = await lineOf(core, 5);
    return core.invoke('targets.saveAssignments', { targetId: idOf(core, 5), assignments: [{ id: line.id, leaders: line.leaders, leadUnits: ['市税务局'], cooperatingUnits: [] }] });
  },
  'progress.save': async (core) => core.invoke('progress.save', { assignmentId: (await lineOf(core, 5)).id, quarter: 4, text: '四季度进展' }),
  'history.revert': async (core) => {
    const t = await core.invoke('targets.update', { id: idOf(core, 5), patch: { deadline: '11月底' } });
    return core.invoke('history.revert', { changeId: t.changeId!, to: 'before' });
  },
  'import.apply': async (core) => core.invoke('import.apply', { files: [await changedQ3(core)] }),
  'import.undo': async (core) => {
    const { batch } = await core.invoke('import.apply', { files: [await changedQ3(core)] });
    return core.invoke('import.undo', { batchId: batch.id });
  },
  'export.templates': (core) => core.invoke('export.templates', { year: 2023, quarter: 3 }),
  'round.update': (core) => core.invoke('round.update', { year: 2023, quarter: 3, dueDate: '2023-09-25' }),
  'round.mark': async (core) => {
    const status = await core.invoke('round.status', { year: 2023, quarter: 3 });
    return core.invoke('round.mark', { year: 2023, quarter: 3, owner: status.owners[0]!.owner, returned: true });
  },
  'quarters.publish': (core) => core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' }),
  'quarters.unlock': async (core) => {
    await core.invoke('quarters.publish', { year: 2023, quarter: 3, publishedOn: '2023-10-20' });
    return core.invoke('quarters.unlock', { year: 2023, quarter: 3, reason: '更正数据' });
  },
  'review.saveNote': (core) => core.invoke('review.saveNote', { targetId: idOf(core, 16), quarter: 3, note: '请说明' }),
  // The meeting's agenda: one leader's targets instead of the lagging items.
  'review.saveAgenda': async (core) => core.invoke('review.saveAgenda', { year: 2023, quarter: 3, agenda: { kind: 'leader', leader: (await lineOf(core, 16)).leaders[0]! } }),
  'review.confirmActual': async (core) => core.invoke('review.confirmActual', { assignmentId: (await lineOf(core, 16)).id, quarter: 3, goalIndex: 0, actual: '80家' }),
  // work report (the sample's report is segmented as it was loaded)
  'report.import': (core) => core.invoke('report.import', { year: 2023, name: '报告.txt', text: `${sampleReport}\n新建城市公园10个。` }),
  'report.editCandidate': async (core) => core.invoke('report.editCandidate', { year: 2023, id: (await openCandidates(core))[0]!, text: '改写的候选目标' }),
  'report.rejectCandidates': async (core) => core.invoke('report.rejectCandidates', { year: 2023, ids: (await openCandidates(core)).slice(0, 2) }),
  'report.mergeCandidates': async (core) => core.invoke('report.mergeCandidates', { year: 2023, ids: (await openCandidates(core)).slice(0, 2) }),
  'report.splitCandidate': async (core) => core.invoke('report.splitCandidate', { year: 2023, id: (await openCandidates(core))[0]!, at: 4 }),
  'report.acceptCandidates': async (core) => core.invoke('report.acceptCandidates', { year: 2023, ids: (await openCandidates(core)).slice(0, 2) }),
  'report.undo': async (core) => {
    const { batchId } = await core.invoke('report.acceptCandidates', { year: 2023, ids: (await openCandidates(core)).slice(0, 2) });
    return core.invoke('report.undo', { batchId });
  },
  'report.confirmLinks': async (core) => {
    const first = (await core.invoke('report.view', { year: 2023 })).commitments[0]!;
    return core.invoke('report.confirmLinks', { year: 2023, links: [{ targetId: idOf(core, 39), start: first.start, end: first.end }] });
  },
  'report.renumber': async (core) => {
    const first = (await core.invoke('report.view', { year: 2023 })).commitments[0]!;
    await core.invoke('report.confirmLinks', { year: 2023, links: [{ targetId: idOf(core, 39), start: first.start, end: first.end }] });
    return core.invoke('report.renumber', { year: 2023 });
  },
  'report.saveKeywords': (core) => core.invoke('report.saveKeywords', { keywords: [{ keyword: '财政', unit: '市财政局' }] }),
  'plans.carryOver': (core) => core.invoke('plans.carryOver', { from: 2023, to: 2024 }),
  'app.welcomeSeen': (core) => core.invoke('app.welcomeSeen', {}),
  'sample.remove': (core) => core.invoke('sample.remove', { year: 2023 }),
  // The data folder moved: logged in the store as it goes on in its new folder, and the old copy's removal.
  'store.move': (core) => core.invoke('store.move', { targetDir: tempDir() }),
  'store.removeOld': async (core) => {
    await core.invoke('store.move', { targetDir: tempDir() });
    return core.invoke('store.removeOld', {});
  },
  // A column mapping remembered for files whose header has this shape.
  'import.rememberMapping': (core) => core.invoke('import.rememberMapping', { signature: '0123456789abcdef', mapping: { E: 'progress', H: 'ignore' } }),
  // BULLETIN (issue 19): notices issued to the lagging units, and a unit's reply.
  'notices.issue': (core) => core.invoke('notices.issue', { year: 2023, quarter: 3 }),
  'notices.reply': async (core) => {
    const { notices } = await core.invoke('notices.issue', { year: 2023, quarter: 3, unit: '市妇联' });
    return core.invoke('notices.reply', { id: notices[0]!.id, repliedAt: new Date().toISOString().slice(0, 10) });
  },
  // Year-end assessment: the rule table and a hand-entered value.
  'assessment.saveRules': async (core) => {
    const { rules } = await core.invoke('assessment.get', { year: 2023 });
    return core.invoke('assessment.saveRules', { year: 2023, rules: { ...rules, base: 90 } });
  },
  'assessment.saveEntry': async (core) => core.invoke('assessment.saveEntry', { year: 2023, item: 'leaders', unit: (await lineOf(core, 16)).leadUnits[0]!, value: 92 }),
};

/** One real call per method declared non-writing: each must leave the store as it was. */
const READS: Record<string, (core: Core) => Promise<unknown>> = {
  'app.info': (core) => core.invoke('app.info', {}),
  'backups.list': (core) => core.invoke('backups.list', {}),
  'backups.create': (core) => core.invoke('backups.create', {}),
  'settings.get': (core) => core.invoke('settings.get', {}),
  'plans.list': (core) => core.invoke('plans.list', {}),
  'overview.get': (core) => core.invoke('overview.get', { year: 2023, quarter: 3, filter: { query: '企业' } }),
  'directory.get': (core) => core.invoke('directory.get', { year: 2023 }),
  'targets.get': (core) => core.invoke('targets.get', { id: idOf(core, 16) }),
  'history.forTarget': (core) => core.invoke('history.forTarget', { targetId: idOf(core, 16) }),
  'import.preview': async (core) => core.invoke('import.preview', { files: [await changedQ3(core)] }),
  'import.batches': (core) => core.invoke('import.batches', {}),
  'export.overview': (core) => core.invoke('export.overview', { year: 2023, quarter: 3 }),
  'export.overviewPrint': (core) => core.invoke('export.overviewPrint', { year: 2023, quarter: 3, layout: 'two-block' }),
  'round.status': (core) => core.invoke('round.status', { year: 2023, quarter: 3 }),
  'round.exportMissing': (core) => core.invoke('round.exportMissing', { year: 2023, quarter: 3 }),
  'quarters.locks': (core) => core.invoke('quarters.locks', { year: 2023 }),
  'review.get': (core) => core.invoke('review.get', { year: 2023, quarter: 3 }),
  'review.export': (core) => core.invoke('review.export', { year: 2023, quarter: 3 }),
  'jobs.progress': (core) => core.invoke('jobs.progress', { jobId: 'job-12345678' }),
  'jobs.cancel': (core) => core.invoke('jobs.cancel', { jobId: 'job-12345678' }),
  'targets.list': (core) => core.invoke('targets.list', { year: 2023 }),
  'report.candidates': (core) => core.invoke('report.candidates', { year: 2023 }),
  'report.worklist': (core) => core.invoke('report.worklist', { year: 2023 }),
  'report.linkSuggestions': (core) => core.invoke('report.linkSuggestions', { year: 2023 }),
  'report.coverage': (core) => core.invoke('report.coverage', { year: 2023 }),
  'report.view': (core) => core.invoke('report.view', { year: 2023 }),
  'report.exportUncovered': (core) => core.invoke('report.exportUncovered', { year: 2023 }),
  'report.targetSource': (core) => core.invoke('report.targetSource', { id: idOf(core, 16) }),
  'report.keywords': (core) => core.invoke('report.keywords', {}),
  'app.status': (core) => core.invoke('app.status', {}),
  'returns.forTarget': (core) => core.invoke('returns.forTarget', { targetId: idOf(core, 26) }),
  'app.startState': (core) => core.invoke('app.startState', {}),
  'bulletin.draft': (core) => core.invoke('bulletin.draft', { year: 2023, quarter: 3 }),
  'bulletin.export': (core) => core.invoke('bulletin.export', { year: 2023, quarter: 3 }),
  'notices.list': (core) => core.invoke('notices.list', { year: 2023, quarter: 3 }),
  'assessment.get': (core) => core.invoke('assessment.get', { year: 2023 }),
  'assessment.export': (core) => core.invoke('assessment.export', { year: 2023 }),
};

interface LogRow {
  id: number;
  kind: string;
  entity: string;
  before_json: string | null;
  after_json: string | null;
}

describe('the change log records every write', () => {
  it('every writing method of the contract has a call here', () => {
    expect(WRITING_METHODS.length).toBeGreaterThan(15);
    expect(WRITING_METHODS.filter((m) => !CALLS[m])).toEqual([]);
  });

  it.each(WRITING_METHODS.map((m) => [m] as [MethodName]))('%s writes a log entry with the value before and after', async (method) => {
    const core = await store(true);
    const call = CALLS[method];
    expect(call, `no call for ${method}`).toBeDefined();
    const since = new Date().toISOString();
    await call!(core);
    // By time, not id: a restore brings back another store's log, and logs in it.
    const rows = core.db.prepare('SELECT id, kind, entity, before_json, after_json FROM change_log WHERE at >= ? ORDER BY id').all(since) as LogRow[];
    expect(rows.length, `${method} wrote no change-log entry`).toBeGreaterThan(0);
    for (const r of rows) {
      // Both sides recorded (JSON null for a side that did not exist), and something changed.
      expect(r.before_json, `${method}: ${r.kind} without before`).not.toBeNull();
      expect(r.after_json, `${method}: ${r.kind} without after`).not.toBeNull();
      expect(r.before_json).not.toBe(r.after_json);
    }
  });

  it.each([...NON_WRITING_METHODS].map((m) => [m] as [MethodName]))('%s, declared non-writing, changes nothing in the store', async (method) => {
    const core = await store(true);
    const call = READS[method];
    expect(call, `no call for ${method}`).toBeDefined();
    const changes = () => core.db.prepare('SELECT total_changes()').pluck().get();
    const before = changes();
    await call!(core);
    expect(changes()).toBe(before);
  });

  it('confirming an actual logs the value it replaces', async () => {
    const core = await store(true);
    const line = await lineOf(core, 16);
    for (const actual of ['80家', '85家', null]) await core.invoke('review.confirmActual', { assignmentId: line.id, quarter: 3, goalIndex: 0, actual });
    const rows = core.db.prepare("SELECT before_json, after_json FROM change_log WHERE kind = 'confirm-actual' ORDER BY id").all() as LogRow[];
    expect(rows.map((r) => [JSON.parse(r.before_json!).actual, JSON.parse(r.after_json!).actual])).toEqual([
      [null, '80家'],
      ['80家', '85家'],
      ['85家', null],
    ]);
  });

  it('an import of a year the store does not have logs the new year; a refused write logs nothing', async () => {
    const source = await store(true);
    const file = { name: '三季度.xlsx', data: (await exportOverview(source, { year: 2023, quarter: 3 })).toString('base64') };
    const core = await store();
    const { batch } = await core.invoke('import.apply', { files: [file] });
    const plan = core.db.prepare("SELECT before_json, after_json, batch_id FROM change_log WHERE entity = 'plan'").get() as LogRow & { batch_id: string };
    expect(plan).toMatchObject({ before_json: 'null', batch_id: batch.id });
    expect(JSON.parse(plan.after_json!)).toMatchObject({ year: 2023 });
    const count = () => core.db.prepare('SELECT count(*) FROM change_log').pluck().get();
    const n = count();
    await expect(core.invoke('plans.create', { year: 2023 })).rejects.toThrow(/2023年度已存在/);
    await expect(core.invoke('units.addAlias', { unit: '没有的单位', alias: '简称' })).rejects.toThrow(/找不到责任单位/);
    expect(count()).toBe(n);
  });
});

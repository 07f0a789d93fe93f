import { beforeEach, describe, expect, it } from 'vitest';
import { openCore, tempStorePath, type Invoker } from '../helpers/store';
import type { AppCore } from '../../electron/host/app';

let core: AppCore & { invoke: Invoker };
let storePath: string;

async function withPlan(): Promise<void> {
  storePath = tempStorePath();
  core = await openCore(storePath);
  await core.invoke('plans.create', { year: 2024, city: '菏泽市' });
}

function changeCount(): number {
  return (core.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
}

describe('targets', () => {
  beforeEach(withPlan);

  it('creates a target with assignments in order and logs it', async () => {
    const t = await core.invoke('targets.create', {
      year: 2024,
      serial: 1,
      content: '新增规模以上服务业企业100家以上',
      deadline: '年底',
      assignments: [
        { leaders: ['聂元科'], leadUnits: ['市发展改革委'], cooperatingUnits: ['市统计局', '市商务局'] },
        { leaders: ['张　鹏'], leadUnits: ['市财政局'], cooperatingUnits: [] },
      ],
    });
    expect(t.serial).toBe(1);
    expect(t.deadlineKind).toBe('year-end');
    expect(t.deadlineDue).toBe('2024-12-31');
    expect(t.assignments.map((a) => [a.leaders, a.leadUnits, a.cooperatingUnits])).toEqual([
      [['聂元科'], ['市发展改革委'], ['市统计局', '市商务局']],
      [['张鹏'], ['市财政局'], []],
    ]);
    const log = await core.invoke('history.forTarget', { targetId: t.id });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'create', entity: 'target', targetId: t.id, before: null });
  });

  it('gives a new target one empty line so progress can be entered', async () => {
    const t = await core.invoke('targets.create', { year: 2024, serial: 2 });
    expect(t.assignments).toHaveLength(1);
    expect(t.content).toBe('');
    expect(t.deadline).toBe('年底');
  });

  it('refuses a duplicate serial in the same year with a Chinese message at the field, and changes nothing', async () => {
    await core.invoke('targets.create', { year: 2024, serial: 5, content: 'A' });
    const b = await core.invoke('targets.create', { year: 2024, serial: 6, content: 'B' });
    const before = changeCount();
    const result = await core.call('targets.update', { id: b.id, patch: { serial: 5 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', where: { field: 'serial' } } });
    expect(!result.ok && result.error.message).toMatch(/序号 5 在2024年已被其他责任目标使用/);
    expect((await core.invoke('targets.get', { id: b.id })).serial).toBe(6);
    expect(changeCount()).toBe(before);
  });

  it.each([
    ['an empty serial', { year: 2024, serial: null }, 'serial'],
    ['a serial of 0', { year: 2024, serial: 0 }, 'serial'],
    ['a text serial', { year: 2024, serial: '十二' }, 'serial'],
    ['an empty unit name', { year: 2024, serial: 3, assignments: [{ leaders: [], leadUnits: ['  '], cooperatingUnits: [] }] }, 'assignments.0.leadUnits.0'],
    ['an unknown field', { year: 2024, serial: 3, extra: 1 }, ''],
  ])('rejects %s with a Chinese message and writes nothing', async (_label, payload, field) => {
    const before = changeCount();
    const result = await core.call('targets.create', payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-request');
    expect(result.error.message).toMatch(/[\u4e00-\u9fa5]/);
    if (field) expect(result.error.where?.field).toBe(field);
    expect(changeCount()).toBe(before);
    expect((core.db.prepare('SELECT count(*) AS n FROM targets').get() as { n: number }).n).toBe(0);
  });

  it('rejects malformed payloads on every method without changing anything', async () => {
    await core.invoke('targets.create', { year: 2024, serial: 1, content: 'x' });
    const before = changeCount();
    const bad: unknown[] = [null, 42, 'text', [], { year: 'abc' }, { id: -1 }, { id: 1.5 }, { patch: {} }];
    const workReport = ['report.import', 'report.editCandidate', 'report.rejectCandidates', 'report.mergeCandidates', 'report.splitCandidate', 'report.acceptCandidates', 'report.undo', 'report.confirmLinks', 'report.renumber', 'report.saveKeywords', 'plans.carryOver'];
    for (const method of ['targets.get', 'targets.update', 'targets.delete', 'progress.save', 'overview.get', 'targets.saveAssignments', 'plans.create', ...workReport]) {
      for (const payload of bad) {
        const result = await core.call(method, payload);
        expect(result.ok, `${method} ${JSON.stringify(payload)}`).toBe(false);
      }
    }
    expect(await core.call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(changeCount()).toBe(before);
  });

  it('updates fields, re-reads the deadline and bumps the version', async () => {
    const t = await core.invoke('targets.create', { year: 2024, serial: 1, content: '旧内容' });
    const u = await core.invoke('targets.update', { id: t.id, patch: { content: '新内容', deadline: '6月底前' } });
    expect(u).toMatchObject({ content: '新内容', deadline: '6月底前', deadlineKind: 'month', deadlineDue: '2024-06-30' });
    expect(u.version).toBeGreaterThan(t.version);
    const [last] = await core.invoke('history.forTarget', { targetId: t.id });
    expect(last).toMatchObject({ kind: 'update', before: { content: '旧内容' }, after: { content: '新内容' } });
  });

  it('replaces assignments keeping the progress of kept lines', async () => {
    const t = await core.invoke('targets.create', {
      year: 2024,
      serial: 1,
      assignments: [
        { leaders: ['甲领导'], leadUnits: ['市甲局'], cooperatingUnits: [] },
        { leaders: ['乙领导'], leadUnits: ['市乙局'], cooperatingUnits: [] },
      ],
    });
    const [first, second] = t.assignments;
    await core.invoke('progress.save', { assignmentId: second!.id, quarter: 1, text: '乙的进展', onSchedule: 'yes' });
    const u = await core.invoke('targets.saveAssignments', {
      targetId: t.id,
      assignments: [
        { id: second!.id, leaders: ['乙领导', '丙领导'], leadUnits: ['市乙局'], cooperatingUnits: ['市丙局'] },
        { leaders: ['丁领导'], leadUnits: ['市丁局'], cooperatingUnits: [] },
      ],
    });
    expect(u.assignments.map((a) => a.leaders)).toEqual([['乙领导', '丙领导'], ['丁领导']]);
    expect(u.assignments[0]!.id).toBe(second!.id);
    expect(u.assignments[0]!.progress[0]).toMatchObject({ quarter: 1, text: '乙的进展', onSchedule: 'yes' });
    expect(u.assignments.some((a) => a.id === first!.id)).toBe(false);
    // An id from another target is refused.
    const other = await core.invoke('targets.create', { year: 2024, serial: 2 });
    const r = await core.call('targets.saveAssignments', { targetId: other.id, assignments: [{ id: second!.id, leaders: [], leadUnits: [], cooperatingUnits: [] }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('keeps both of two quick edits to the same target', async () => {
    const t = await core.invoke('targets.create', { year: 2024, serial: 1 });
    const a = t.assignments[0]!.id;
    // The renderer sends text and flag as separate patches, one right after the other.
    await core.invoke('progress.save', { assignmentId: a, quarter: 2, text: '已完成招标' });
    await core.invoke('progress.save', { assignmentId: a, quarter: 2, onSchedule: 'no' });
    await core.invoke('targets.update', { id: t.id, patch: { content: '内容一' } });
    await core.invoke('targets.update', { id: t.id, patch: { deadline: '9月底前' } });
    const final = await core.invoke('targets.get', { id: t.id });
    expect(final.assignments[0]!.progress[0]).toMatchObject({ quarter: 2, text: '已完成招标', onSchedule: 'no', onScheduleText: '否' });
    expect(final).toMatchObject({ content: '内容一', deadline: '9月底前' });
    expect(await core.invoke('history.forTarget', { targetId: t.id })).toHaveLength(5);
  });

  it('removes a progress report that becomes blank', async () => {
    const t = await core.invoke('targets.create', { year: 2024, serial: 1 });
    const a = t.assignments[0]!.id;
    await core.invoke('progress.save', { assignmentId: a, quarter: 1, text: '进展', onSchedule: 'yes' });
    const cleared = await core.invoke('progress.save', { assignmentId: a, quarter: 1, text: '', onSchedule: null });
    expect(cleared.assignments[0]!.progress).toEqual([]);
  });

  it('deletes a target with its lines and progress, logging the whole target', async () => {
    const t = await core.invoke('targets.create', { year: 2024, serial: 1, content: '将被删除', assignments: [{ leaders: ['甲'], leadUnits: ['市甲局'], cooperatingUnits: [] }] });
    await core.invoke('progress.save', { assignmentId: t.assignments[0]!.id, quarter: 1, text: '进展' });
    await core.invoke('targets.delete', { id: t.id });
    expect(await core.call('targets.get', { id: t.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((core.db.prepare('SELECT count(*) AS n FROM progress_reports').get() as { n: number }).n).toBe(0);
    const [entry] = await core.invoke('history.forTarget', { targetId: t.id });
    expect(entry).toMatchObject({ kind: 'delete', before: { content: '将被删除' }, after: null });
  });

  it('resolves unit aliases when saving and filtering', async () => {
    await core.invoke('targets.create', { year: 2024, serial: 1, assignments: [{ leaders: ['甲'], leadUnits: ['市发展改革委'], cooperatingUnits: [] }] });
    await core.invoke('units.addAlias', { unit: '市发展改革委', alias: '市发改委' });
    const t = await core.invoke('targets.create', { year: 2024, serial: 2, assignments: [{ leaders: ['乙'], leadUnits: ['市发改委'], cooperatingUnits: [] }] });
    expect(t.assignments[0]!.leadUnits).toEqual(['市发展改革委']);
    const overview = await core.invoke('overview.get', { year: 2024, quarter: 1, filter: { unit: '市发改委' } });
    expect(overview.rows.map((r) => r.serial)).toEqual([1, 2]);
    expect((await core.call('units.addAlias', { unit: '市发展改革委', alias: '   ' })).ok).toBe(false);
  });

  it('keeps everything after the store is closed and reopened', async () => {
    const t = await core.invoke('targets.create', { year: 2024, serial: 7, content: '重启后仍在', assignments: [{ leaders: ['甲'], leadUnits: ['市甲局'], cooperatingUnits: ['市乙局'] }] });
    await core.invoke('progress.save', { assignmentId: t.assignments[0]!.id, quarter: 3, text: '三季度进展', onSchedule: 'basic' });
    const before = await core.invoke('targets.get', { id: t.id });
    core.close();
    core = await openCore(storePath);
    expect(await core.invoke('targets.get', { id: t.id })).toEqual(before);
  });
});

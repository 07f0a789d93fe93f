/**
 * The target history in words: each line names the field and gives its value before → after, never a vague
 * "调整了领导或责任单位".
 */
import { describe, expect, it } from 'vitest';
import type { ChangeEntry, Target } from '../../shared/contract';
import { describeChange } from '../../renderer/features/target/history';

const target = (patch: Partial<Target> = {}): Target => ({
  id: 7,
  year: 2023,
  serial: 5,
  content: '新增规上服务业企业100家以上',
  deadline: '年底',
  deadlineKind: 'year-end',
  deadlineDue: '2023-12-31',
  sectionId: null,
  sourceText: '',
  version: 1,
  updatedAt: '',
  assignments: [{ id: 11, leaders: ['张三'], leadUnits: ['市财政局'], cooperatingUnits: [], progress: [{ quarter: 3, text: '已完成33家', onSchedule: 'yes', onScheduleText: '是', updatedAt: '' }] }],
  ...patch,
});

const entry = (before: unknown, after: unknown, kind = 'update', entity = 'target'): ChangeEntry => ({ id: 1, at: '2023-10-01T00:00:00Z', actor: '李四', kind, entity, entityId: 7, targetId: 7, before, after });

describe('history lines', () => {
  it('leaders and units: field, before → after', () => {
    const before = target();
    const after = target({ assignments: [{ ...before.assignments[0]!, leaders: ['王五'], leadUnits: ['市税务局'], cooperatingUnits: ['市商务局'] }] });
    expect(describeChange(entry(before, after, 'assignments'), []).detail).toBe('市政府领导：张三 → 王五；牵头单位：市财政局 → 市税务局；配合单位：空 → 市商务局');
  });

  it('a line added or removed is named by its units', () => {
    const before = target();
    const added = target({ assignments: [...before.assignments, { id: 12, leaders: [], leadUnits: ['市教育局'], cooperatingUnits: [], progress: [] }] });
    expect(describeChange(entry(before, added), []).detail).toBe('新增分工2（市教育局）');
    expect(describeChange(entry(added, before), []).detail).toBe('删除分工2（市教育局）');
  });

  it('content, deadline, serial, section and progress give both values', () => {
    const before = target();
    const after = target({
      serial: 6,
      content: '新增规上服务业企业120家以上',
      deadline: '11月底',
      sectionId: 3,
      assignments: [{ ...before.assignments[0]!, progress: [{ quarter: 3, text: '已完成40家', onSchedule: 'no', onScheduleText: '否', updatedAt: '' }] }],
    });
    const detail = describeChange(entry(before, after), [{ id: 3, code: '一', name: '经济发展', ord: 1, targetCount: 1 }]).detail;
    expect(detail).toBe(
      '序号：5 → 6；责任目标内容：新增规上服务业企业100家以上 → 新增规上服务业企业120家以上；完成时限：年底 → 11月底；篇章：未归入篇章 → 经济发展；三季度完成情况：已完成33家 → 已完成40家；三季度是否按计划：是 → 否',
    );
  });

  it('a confirmed actual and a review note show what they replaced', () => {
    expect(describeChange(entry({ quarter: 3, goal: '100家以上', actual: '80家' }, { quarter: 3, goal: '100家以上', actual: '85家' }, 'confirm-actual', 'actual'), []).detail).toBe(
      '三季度 目标“100家以上”的实际：80家 → 85家',
    );
    expect(describeChange(entry({ quarter: 3, note: '' }, { quarter: 3, note: '请说明' }, 'review-note', 'review-note'), []).detail).toBe('三季度：空 → 请说明');
  });
});

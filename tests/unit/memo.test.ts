import { describe, expect, it } from 'vitest';
import { copyList, rememberShort } from '../../shared/memo';
import { namesOf } from '../../electron/excel/normalise';
import { namesWithRoles } from '../../electron/excel/cellRoles';
import { parseOnSchedule } from '../../shared/domain';

describe('rememberShort', () => {
  it('reads a short text once, a long one every time, and keeps no more than its limit', () => {
    const reads: string[] = [];
    const length = rememberShort((t: string) => (reads.push(t), t.length), undefined, 3);
    expect([length('甲'), length('甲'), length('乙乙')]).toEqual([1, 1, 2]);
    expect(reads).toEqual(['甲', '乙乙']);
    const long = '很'.repeat(65);
    length(long);
    length(long);
    expect(reads.filter((t) => t === long)).toHaveLength(2);
    // Full at three: the table is emptied, then '甲' is read again.
    length('丙');
    length('丁');
    length('甲');
    expect(reads.slice(-3)).toEqual(['丙', '丁', '甲']);
  });

  it('gives every caller its own copy: a change to one answer is not the next answer', () => {
    const split = rememberShort((t: string) => t.split('、'), copyList);
    split('张三、李四').push('王五');
    expect(split('张三、李四')).toEqual(['张三', '李四']);
    namesOf('市财政局、市税务局').push('市统计局');
    expect(namesOf('市财政局、市税务局')).toEqual(['市财政局', '市税务局']);
    namesWithRoles('市财政局（牵头）、市税务局')!.cooperating.push('市统计局');
    expect(namesWithRoles('市财政局（牵头）、市税务局')).toEqual({ lead: ['市财政局'], cooperating: ['市税务局'] });
    (parseOnSchedule('进度滞后') as { value: unknown }).value = 'yes';
    expect(parseOnSchedule('进度滞后').value).toBe('no');
  });
});

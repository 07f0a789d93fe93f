import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempStorePath } from '../helpers/store';
import { cli } from '../helpers/cli';

describe('cli', () => {
  it('seeds the sample data and lists it in the stable JSON shape', () => {
    const db = tempStorePath();
    const seeded = cli('seed', '--db', db);
    expect(seeded.stderr).toBe('');
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/39 项责任目标、40 条分工/);
    const listed = cli('list', '--db', db, '--year', '2023', '--json');
    expect(listed.status).toBe(0);
    const targets = JSON.parse(listed.stdout) as { serial: number; content: string; deadline: string; assignments: { leaders: string[]; leadUnits: string[]; cooperatingUnits: string[]; progress: Record<string, { text: string; onSchedule: boolean | null }> }[] }[];
    expect(targets).toHaveLength(39);
    expect(targets.map((t) => t.serial)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(Object.keys(targets[0]!)).toEqual(['serial', 'content', 'deadline', 'assignments']);
    expect(Object.keys(targets[0]!.assignments[0]!)).toEqual(['leaders', 'leadUnits', 'cooperatingUnits', 'progress']);
    const t26 = targets.find((t) => t.serial === 26)!;
    expect(t26.assignments).toHaveLength(2);
    expect(t26.assignments[1]).toMatchObject({ leaders: ['肖友华'], leadUnits: ['市自然资源和规划局'], cooperatingUnits: ['市住房城乡建设局'] });
    expect(t26.assignments[1]!.progress['3']!.onSchedule).toBe(true);
    const t3 = targets.find((t) => t.serial === 3)!;
    expect(t3.assignments[0]).toMatchObject({ leadUnits: ['市财政局'], cooperatingUnits: ['市税务局'] });
    expect(targets.find((t) => t.serial === 13)!.content).toBe('');
    expect(targets.find((t) => t.serial === 17)!.deadline).toBe('长期坚持');
    const t2 = targets.find((t) => t.serial === 2)!;
    expect(t2).toMatchObject({ content: '一般公共预算收入增长5.5%左右', deadline: '年底' });
    expect(t2.assignments[0]!.progress).toEqual({ '3': { text: '前三季度,全市一般公共预算收入完成246.5亿元,增长6.9%,完成年度预算的77.8%', onSchedule: true } });
    expect(targets.reduce((n, t) => n + t.assignments.length, 0)).toBe(40);
  });

  it('refuses to seed a store that has data', () => {
    const db = tempStorePath();
    expect(cli('seed', '--db', db).status).toBe(0);
    const again = cli('seed', '--db', db);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/已有数据/);
  });

  it.each([
    [['list'], /缺少 --db/],
    [['list', '--db', '/nonexistent/x.sqlite'], /数据文件不存在/],
    [['frobnicate', '--db', 'x'], /未知命令/],
    [['list', '--db', 'x', '--bogus'], /参数有误/],
  ])('%j fails in Chinese on stderr', (args, message) => {
    const r = cli(...args);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('says so when the year is not in the store', () => {
    const db = tempStorePath();
    cli('seed', '--db', db);
    const r = cli('list', '--db', db, '--year', '2030', '--json');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/没有2030年/);
  });

  it('refuses a file that is not a store', () => {
    const db = tempStorePath();
    fs.writeFileSync(db, 'not a database'.repeat(500));
    const r = cli('list', '--db', db);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/不是督查工作台的数据文件/);
  });
});

/**
 * Synthetic stores for the benchmark and the large-data tests: N targets built from the real work report's
 * sentences, with 1–2 lines each and progress in every quarter, written straight through the repos in one
 * transaction (generating data is not what is measured).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../electron/db/connection';
import { insertPlan } from '../electron/db/repos/plans';
import { withDeferredIndex } from '../electron/db/repos/search';
import * as repo from '../electron/db/repos/targets';
import { QUARTERS, type OnSchedule } from '../shared/domain';

const LEADERS = ['李春英', '聂元科', '王昌华', '张鹏', '肖友华', '曹临', '刘连栋', '赵明', '孙立', '周健'];
const UNITS = [
  '市发展改革委', '市财政局', '市税务局', '市教育局', '市科技局', '市工业和信息化局', '市公安局', '市民政局', '市司法局',
  '市人力资源社会保障局', '市自然资源和规划局', '市生态环境局', '市住房城乡建设局', '市交通运输局', '市水务局', '市农业农村局',
  '市商务局', '市文化和旅游局', '市卫生健康委', '市退役军人局', '市应急局', '市审计局', '市市场监管局', '市统计局', '市医保局',
  '市行政审批服务局', '市大数据局', '市地方金融监管局', '市供销社', '团市委', '市妇联', '牡丹区人民政府', '定陶区人民政府',
  '曹县人民政府', '单县人民政府', '成武县人民政府', '巨野县人民政府', '郓城县人民政府', '鄄城县人民政府', '东明县人民政府',
];

/** A small deterministic PRNG so every run builds the same store. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentences(): string[] {
  const file = path.resolve(__dirname, '../seeds/2023-政府工作报告.txt');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '持续推进重点项目建设，完成年度投资计划。';
  return text
    .split(/[。；\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 12);
}

export interface SyntheticOptions {
  targets: number;
  year?: number;
  seed?: number;
  /** How many responsible units to spread the lines over (the list above, then 示例N局…); 40 by default. */
  units?: number;
}

/** The first `count` unit names: the real ones, then made-up ones of the same shape. */
export function unitNames(count = UNITS.length): string[] {
  return Array.from({ length: count }, (_, i) => UNITS[i] ?? `市第${i + 1}示例局`);
}

export function fillSynthetic(db: Db, options: SyntheticOptions): { year: number; lines: number; reports: number } {
  const year = options.year ?? 2025;
  const random = rng(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pool = sentences();
  const units = unitNames(options.units);
  let lines = 0;
  let reports = 0;
  db.transaction(() => withDeferredIndex(db, () => {
    const planId = insertPlan(db, { year, city: '示例市' });
    for (let serial = 1; serial <= options.targets; serial++) {
      const { id } = repo.insertTarget(db, planId, year, {
        serial,
        content: `${pick(pool)}（第${serial}项）`,
        deadline: random() < 0.85 ? '年底' : random() < 0.5 ? '长期坚持' : `${1 + Math.floor(random() * 12)}月底前`,
        sectionId: null,
        sourceText: '',
      });
      const lineCount = random() < 0.4 ? 2 : 1;
      for (let ord = 1; ord <= lineCount; ord++) {
        const a = repo.insertAssignment(db, id, ord);
        const names = [pick(units), ...(random() < 0.5 ? [pick(units)] : [])];
        repo.setAssignmentNames(db, a, { leaders: [pick(LEADERS)], leadUnits: names.slice(0, 1), cooperatingUnits: names.slice(1) });
        lines++;
        for (const q of QUARTERS) {
          // About 20,000 reports for 5,000 targets (7,000 lines): some lines miss a quarter.
          if (random() < 0.28) continue;
          const r = random();
          const flag: OnSchedule | null = r < 0.8 ? 'yes' : r < 0.92 ? 'no' : r < 0.96 ? 'basic' : null;
          repo.upsertProgress(db, a, q, { text: `${pick(pool)}，${pick(pool)}`, onSchedule: flag, onScheduleText: '', source: 'synthetic' });
          reports++;
        }
      }
    }
  }))();
  return { year, lines, reports };
}

import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { parseOnSchedule, type Quarter } from '../../shared/domain';
import type { Db } from '../db/connection';
import { appendChange } from '../db/repos/changeLog';
import { insertPlan, insertSection, planByYear } from '../db/repos/plans';
import { readSettings, writeSettings } from '../db/repos/settings';
import * as repo from '../db/repos/targets';
import { readOverview, unitsOf, type ParsedOverview } from '../excel/overviewReader';
import { actorOf, type ServiceContext } from './context';
import { writeAssignments } from './targets';
import { locateInReport, parseWorkReport } from './workReport';

export const SAMPLE_OVERVIEW = '2023-三季度-一览表.xlsx';
export const SAMPLE_REPORT = '2023-政府工作报告.txt';

/** The project's seeds/ folder: beside the sources in development, inside the app bundle when packaged. */
export function seedsDir(): string {
  const candidates = [process.env.DUCHA_SEEDS_DIR, path.resolve(__dirname, '../../seeds'), path.resolve(process.cwd(), 'seeds')];
  for (const dir of candidates) {
    if (dir && fs.existsSync(path.join(dir, SAMPLE_OVERVIEW))) return dir;
  }
  throw new AppError('io', '找不到示例数据文件夹 seeds/。');
}

/**
 * Writes a parsed overview as a new year: plan, the report's sections, targets with their lines (the first
 * unit of a line leads, the rest cooperate) and the quarter's progress. One transaction: all or nothing.
 * The data is kept as the file has it; quirks such as an empty content are the importer's warnings, not fixed here.
 */
export function writeNewPlan(
  ctx: ServiceContext,
  parsed: ParsedOverview,
  options: { year: number; quarter: Quarter; reportTitle?: string; reportText?: string; batchId: string },
): void {
  ctx.db.transaction(() => {
    if (planByYear(ctx.db, options.year)) throw new AppError('conflict', `${options.year}年度已有数据，示例数据未载入。`);
    const city = parsed.city ?? readSettings(ctx.db).city;
    const planId = insertPlan(ctx.db, { year: options.year, city, reportTitle: options.reportTitle ?? '', reportText: options.reportText ?? '' });
    const sections = options.reportText ? parseWorkReport(options.reportText) : [];
    const sectionIds = new Map(sections.map((s, i) => [s.code, insertSection(ctx.db, planId, { ord: i + 1, code: s.code, name: s.name, sourceText: s.text })]));
    const actor = actorOf(ctx);
    for (const t of parsed.targets) {
      const located = locateInReport(t.content, sections);
      const id = repo.insertTarget(ctx.db, planId, options.year, {
        serial: t.serial,
        content: t.content,
        deadline: t.deadline,
        sectionId: located ? (sectionIds.get(located.code) ?? null) : null,
        sourceText: located?.sentence ?? '',
      });
      const lines = t.lines.map((l) => ({ leaders: l.leaders, ...unitsOf(l) }));
      writeAssignments(ctx, { id, assignments: [] }, lines);
      const assignmentIds = repo.loadTarget(ctx.db, id)!.assignments.map((a) => a.id);
      t.lines.forEach((l, i) => {
        const reading = parseOnSchedule(l.onScheduleText);
        if (l.progressText === '' && reading.value === null && l.onScheduleText === '') return;
        repo.upsertProgress(ctx.db, assignmentIds[i]!, options.quarter, {
          text: l.progressText,
          onSchedule: reading.value,
          onScheduleText: l.onScheduleText,
          source: parsed.file,
        });
      });
      appendChange(ctx.db, actor, { kind: 'import', entity: 'target', entityId: id, targetId: id, before: null, after: repo.loadTarget(ctx.db, id), batchId: options.batchId });
    }
    if (!readSettings(ctx.db).city && city) writeSettings(ctx.db, { city });
  })();
}

/** Loads the sample data set: the 2023 Q3 overview of the seed city, with its work report. */
export async function loadSampleData(db: Db): Promise<void> {
  const dir = seedsDir();
  const parsed = await readOverview(path.join(dir, SAMPLE_OVERVIEW));
  const reportText = fs.readFileSync(path.join(dir, SAMPLE_REPORT), 'utf8');
  const ctx: ServiceContext = { db, storePath: db.name };
  writeNewPlan(ctx, parsed, {
    year: parsed.year ?? 2023,
    quarter: parsed.quarter ?? 3,
    reportTitle: '政府工作报告',
    reportText,
    batchId: `seed-${Date.now()}`,
  });
}

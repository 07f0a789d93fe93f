/**
 * The sample data set: the 2023 work report (its sections) and the published Q3 2023 overview, loaded
 * through the importer like any other file, so its data-quality warnings are in the import history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { insertPlan, insertSection, markSamplePlan, planByYear } from '../db/repos/plans';
import { appendChange } from '../db/repos/changeLog';
import { readSettings, writeSettings } from '../db/repos/settings';
import { readWorkbookFile } from '../excel/sniff';
import type { ServiceContext } from './context';
import { applyImport, parseWorkbooks } from './import';
import { segmentReport } from './report';
import { parseWorkReport } from './workReport';

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

/** A year with its work report: the plan and the report's sections, which imported targets are placed in. */
export function createPlanFromReport(db: Db, year: number, city: string, reportText: string): number {
  return db.transaction(() => {
    const planId = insertPlan(db, { year, city, reportTitle: '政府工作报告', reportText });
    appendChange(db, readSettings(db).userName, { kind: 'create', entity: 'plan', entityId: planId, targetId: null, before: null, after: { year, city, reportTitle: '政府工作报告' } });
    parseWorkReport(reportText).forEach((s, i) => insertSection(db, planId, { ord: i + 1, code: s.code, name: s.name, sourceText: s.text }));
    return planId;
  })();
}

export async function loadSampleData(db: Db): Promise<void> {
  const dir = seedsDir();
  const file = readWorkbookFile(path.join(dir, SAMPLE_OVERVIEW));
  const [parsed] = await parseWorkbooks([file]);
  const year = parsed!.year ?? 2023;
  const city = parsed!.city ?? '';
  if (planByYear(db, year)) throw new AppError('conflict', `${year}年度已有数据，示例数据未载入。`);
  const ctx: ServiceContext = { db, storePath: db.name };
  const reportText = fs.readFileSync(path.join(dir, SAMPLE_REPORT), 'utf8');
  // Marked with its creation: shown as 示例数据 wherever it appears, and removable in one step. Its report
  // is segmented as it arrives, as an imported one is, so the report screen only reads.
  db.transaction(() => {
    markSamplePlan(db, createPlanFromReport(db, year, city, reportText));
    segmentReport(ctx, planByYear(db, year)!, SAMPLE_REPORT, null);
  })();
  writeSettings(db, { city });
  await applyImport(ctx, [file], { year, quarter: parsed!.quarter ?? 3 });
}

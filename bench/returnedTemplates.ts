/**
 * Returned collection templates as units send them back: the round's templates by unit, each line filled
 * with a text naming the unit and the line, for the benchmark and the order-independence test.
 */
import ExcelJS from 'exceljs';
import type { Quarter } from '../shared/domain';
import { TEMPLATE_COLUMNS, TEMPLATE_SHEET } from '../electron/excel/templateWriter';
import type { ServiceContext } from '../electron/services/context';
import type { WorkbookBytes } from '../electron/services/import';
import { exportTemplates } from '../electron/services/templates';

export const returnedText = (unit: string, assignmentId: number) => `${unit}报送：分工${assignmentId}本季度按计划推进，已完成年度任务的百分之九十`;

/** The first `count` templates (by unit) of the round, every line filled by its unit. */
export async function returnedTemplates(ctx: ServiceContext, year: number, quarter: Quarter, count = Infinity): Promise<WorkbookBytes[]> {
  const files = (await exportTemplates(ctx, { year, quarter, by: 'unit' })).slice(0, count);
  const out: WorkbookBytes[] = [];
  for (const f of files) {
    const unit = f.fileName.split('_')[0]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(f.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
    for (let r = 4; r <= ws.rowCount; r++) {
      const id = ws.getCell(r, TEMPLATE_COLUMNS.assignmentId).value;
      if (typeof id !== 'number') continue;
      ws.getCell(r, TEMPLATE_COLUMNS.progress).value = returnedText(unit, id);
      ws.getCell(r, TEMPLATE_COLUMNS.onSchedule).value = '是';
    }
    out.push({ name: f.fileName, bytes: Buffer.from(await wb.xlsx.writeBuffer()) });
  }
  return out;
}

/**
 * Writes a synthetic overview workbook in the official 7-column layout (targets with several lines get
 * serial, content and deadline merged vertically), for the import benchmark and the large-file checks.
 */
import ExcelJS from 'exceljs';
import { rng } from './synthetic';
import fs from 'node:fs';
import path from 'node:path';

const LEADERS = ['李春英', '聂元科', '王昌华', '张鹏', '肖友华', '曹临'];
const UNITS = ['市发展改革委', '市财政局', '市教育局', '市科技局', '市商务局', '市应急局', '市统计局', '团市委', '市妇联', '曹县人民政府'];

/** `merges: false` writes a target's second line with empty serial, content and deadline instead of merging them. */
export async function writeOverviewFile(file: string, targets: number, seed = 3, options: { merges?: boolean } = {}): Promise<{ lines: number }> {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const report = fs.readFileSync(path.resolve(__dirname, '../seeds/2023-政府工作报告.txt'), 'utf8').split(/[。；\n]/).filter((s) => s.trim().length > 12);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('一览表');
  ws.addRow(['示例市人民政府2025年经济社会发展责任目标三季度工作推进情况一览表']);
  ws.addRow(['序号', '市政府领导', '责任目标内容', '完成时限', '三季度完成情况', '是否按计划完成进度', '责任单位']);
  let lines = 0;
  for (let serial = 1; serial <= targets; serial++) {
    const count = random() < 0.4 ? 2 : 1;
    const first = ws.rowCount + 1;
    for (let i = 0; i < count; i++) {
      const row: (string | number | null)[] = [serial, pick(LEADERS), `${pick(report).trim()}（第${serial}项）`, '年底', `${pick(report).trim()}，${pick(report).trim()}`, random() < 0.85 ? '是' : '否', `${pick(UNITS)} ${pick(UNITS)}`];
      // Merged cells keep their value in the master only; an unmerged continuation line leaves them empty.
      if (i > 0 && options.merges === false) row[0] = row[2] = row[3] = null;
      ws.addRow(row);
      lines++;
    }
    if (count > 1 && options.merges !== false) {
      ws.mergeCells(first, 1, first + count - 1, 1);
      ws.mergeCells(first, 3, first + count - 1, 3);
      ws.mergeCells(first, 4, first + count - 1, 4);
    }
  }
  await wb.xlsx.writeFile(file);
  return { lines };
}

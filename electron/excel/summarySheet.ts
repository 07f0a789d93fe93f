/**
 * The summary sheet (汇总) of an overview export: how many targets and lines are on schedule, behind or
 * unreported, then the same per leader and per unit, for the cover page of a meeting's papers. It counts
 * what the export shows, so a filtered export summarises its own rows.
 */
import type ExcelJS from 'exceljs';
import type { Assignment, Target } from '../../shared/contract';
import type { Quarter } from '../../shared/domain';
import { BODY_FONT, BORDER, HEADER_FONT, PARAGRAPH_FONT } from './styles';

export const SUMMARY_SHEET = '汇总';

type Status = 'yes' | 'basic' | 'no' | 'blank';
const STATUSES: Status[] = ['yes', 'basic', 'no', 'blank'];
const STATUS_NAMES: Record<Status, string> = { yes: '是', basic: '基本', no: '否', blank: '未填报' };

function lineStatus(a: Assignment, quarter: Quarter): Status {
  return a.progress.find((p) => p.quarter === quarter)?.onSchedule ?? 'blank';
}

/** A target is behind if any line is; unreported if any line is blank; else 基本 if any line says so. */
export function targetStatus(t: Target, quarter: Quarter): Status {
  const lines = t.assignments.map((a) => lineStatus(a, quarter));
  if (lines.length === 0) return 'blank';
  for (const s of ['no', 'blank', 'basic'] as const) if (lines.includes(s)) return s;
  return 'yes';
}

interface Tally {
  targets: Set<number>;
  lead: number;
  lines: number;
  byStatus: Record<Status, number>;
}

const emptyTally = (): Tally => ({ targets: new Set(), lead: 0, lines: 0, byStatus: { yes: 0, basic: 0, no: 0, blank: 0 } });

export interface SummaryCounts {
  targets: Record<Status, number>;
  lines: Record<Status, number>;
  leaders: Map<string, Tally>;
  units: Map<string, Tally>;
}

export function summarize(targets: Target[], quarter: Quarter): SummaryCounts {
  const counts: SummaryCounts = { targets: { yes: 0, basic: 0, no: 0, blank: 0 }, lines: { yes: 0, basic: 0, no: 0, blank: 0 }, leaders: new Map(), units: new Map() };
  const tally = (map: Map<string, Tally>, name: string) => {
    let t = map.get(name);
    if (!t) map.set(name, (t = emptyTally()));
    return t;
  };
  for (const t of targets) {
    counts.targets[targetStatus(t, quarter)]++;
    for (const a of t.assignments) {
      const s = lineStatus(a, quarter);
      counts.lines[s]++;
      const owners: [string, Map<string, Tally>, boolean][] = [
        ...a.leaders.map((l): [string, Map<string, Tally>, boolean] => [l, counts.leaders, false]),
        ...a.leadUnits.map((u): [string, Map<string, Tally>, boolean] => [u, counts.units, true]),
        ...a.cooperatingUnits.map((u): [string, Map<string, Tally>, boolean] => [u, counts.units, false]),
      ];
      for (const [name, map, lead] of owners) {
        const x = tally(map, name);
        x.targets.add(t.id);
        x.lines++;
        if (lead) x.lead++;
        x.byStatus[s]++;
      }
    }
  }
  return counts;
}

export function writeSummarySheet(wb: ExcelJS.Workbook, title: string, targets: Target[], quarter: Quarter, paperSize: ExcelJS.PaperSize): void {
  const counts = summarize(targets, quarter);
  const ws = wb.addWorksheet(SUMMARY_SHEET);
  ws.columns = [{ width: 26 }, { width: 12 }, { width: 12 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }];
  let row = 1;
  const text = (r: number, c: number, value: string | number, font: Partial<ExcelJS.Font>, horizontal: 'left' | 'center' = 'center', border = true) => {
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.font = font;
    cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
    if (border) cell.border = BORDER;
  };
  text(row, 1, title, { ...HEADER_FONT, size: 16 }, 'center', false);
  ws.mergeCells(row, 1, row, 7);
  ws.getRow(row).height = 48;
  row += 2;

  const heading = (label: string) => {
    text(row, 1, label, PARAGRAPH_FONT, 'left', false);
    ws.mergeCells(row, 1, row, 7);
    ws.getRow(row).height = 22;
    row++;
  };
  const table = (header: string[], rows: (string | number)[][]) => {
    header.forEach((h, i) => text(row, i + 1, h, HEADER_FONT));
    ws.getRow(row).height = 22;
    row++;
    for (const values of rows) {
      values.forEach((v, i) => text(row, i + 1, v, BODY_FONT, i === 0 ? 'left' : 'center'));
      ws.getRow(row).height = 20;
      row++;
    }
    row++;
  };

  heading('一、按是否按计划完成进度');
  table(
    ['是否按计划完成进度', '责任目标（项）', '分工（条）'],
    [
      ...STATUSES.map((s) => [STATUS_NAMES[s], counts.targets[s], counts.lines[s]]),
      ['合计', targets.length, STATUSES.reduce((n, s) => n + counts.lines[s], 0)],
    ],
  );
  const statusColumns = STATUSES.map((s) => `${STATUS_NAMES[s]}（条）`);
  heading('二、按市政府领导');
  table(
    ['市政府领导', '责任目标（项）', '分工（条）', ...statusColumns],
    [...counts.leaders].map(([name, t]) => [name, t.targets.size, t.lines, ...STATUSES.map((s) => t.byStatus[s])]),
  );
  heading('三、按责任单位');
  table(
    ['责任单位', '牵头（条）', '参与（条）', ...statusColumns],
    [...counts.units].map(([name, t]) => [name, t.lead, t.lines, ...STATUSES.map((s) => t.byStatus[s])]),
  );
  ws.pageSetup = { paperSize, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true };
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
}

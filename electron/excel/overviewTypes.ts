/** What the overview reader returns: plain data with the cell each value came from, no database ids. */
import type { ColumnRole } from './headers';
import type { Quarter } from '../../shared/domain';
import type { TemplateMeta } from './templateMeta';
import type { ColumnSource } from './columnTypes';

/** A cell: row 1-based as Excel shows it, column a letter ('E'). */
export interface CellRef {
  file: string;
  sheet: string;
  row: number;
  column: string;
}

/** One line of a target (an assignment, 分工): who is responsible and what they reported this quarter. */
export interface ParsedLine {
  leaders: string[];
  /** In order: the first is the lead unit unless the file has separate lead/cooperating columns. */
  units: string[];
  /** Set when the file (or a 牵头单位：…配合单位：… clause) tells the cooperating units apart. */
  cooperatingUnits: string[] | null;
  progressText: string;
  onScheduleText: string;
  assignmentId: number | null;
  ref: CellRef;
}

export type TargetColumn = 'serial' | 'content' | 'deadline' | 'progress' | 'onSchedule' | 'leaders' | 'units';

export interface ParsedTarget {
  serial: number;
  content: string;
  deadline: string;
  targetId: number | null;
  lines: ParsedLine[];
  ref: CellRef;
  /** Where the target's cells are, for messages: role → column letter. */
  columns: Partial<Record<TargetColumn, string>>;
}

/** What the reader did or met, in Chinese for the user, with its place. */
export interface ReadNote {
  severity: 'info' | 'warning' | 'error';
  message: string;
  where: Partial<CellRef>;
}

/** How a sheet's columns were read, for the preview to show and the user to correct. */
export interface SheetColumns {
  sheet: string;
  headerRow: number;
  /** The header's shape: a column mapping the user keeps is remembered for it. */
  signature: string;
  /** Each column's role and why: its header, its values (content), or the user's choice. */
  columns: { column: string; header: string; role: ColumnRole | null; source: ColumnSource | null; hasValues?: boolean }[];
}

export interface ParsedOverview {
  file: string;
  sheets: SheetColumns[];
  title: string;
  city: string | null;
  year: number | null;
  quarter: Quarter | null;
  targets: ParsedTarget[];
  notes: ReadNote[];
  /** A collection template's hidden record (when it was generated, for whom, what each line held); null for other files. */
  template?: TemplateMeta | null;
  /** Whom the file says it is from outside a template's title: a Word return's title or signature (readers/docx.ts). */
  owner?: string | null;
  /** Read from a Word return (.docx) rather than a sheet. */
  fromWord?: boolean;
}

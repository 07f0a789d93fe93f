import type { Note } from '../../../shared/contract';
import type { CellRef } from '../../excel/overviewReader';

/** The data-quality and reading notes an import can raise, by code, with the Chinese text users see. */
export type NoteCode =
  | 'empty-content'
  | 'content-equals-progress'
  | 'duplicate-progress'
  | 'unchanged-progress'
  | 'on-schedule-missing'
  | 'on-schedule-mapped'
  | 'on-schedule-unknown'
  | 'deadline-unreadable'
  | 'content-conflict'
  | 'duplicate-serial'
  | 'cell-too-long'
  | 'serial-mismatch'
  | 'unknown-id'
  | 'duplicate-line'
  | 'kept-existing'
  | 'cell-misfit'
  | 'fixed-column-conflict'
  | 'kept-newer'
  | 'three-way-conflict'
  | 'return-conflict'
  | 'same-return'
  | 'field-empty'
  | 'quarter-mismatch'
  | 'read';

export function note(severity: Note['severity'], code: NoteCode, message: string, where: Partial<CellRef>): Note {
  const w: Note['where'] = {};
  if (where.file !== undefined) w.file = where.file;
  if (where.sheet !== undefined) w.sheet = where.sheet;
  if (where.row !== undefined) w.row = where.row;
  if (where.column !== undefined) w.column = where.column;
  return { severity, code, message, where: w };
}

/**
 * Import notes about a file as a whole that must be seen before its rows: the preview shows them at its top,
 * the CLI writes them to stderr (in text and --json mode alike), and a file of another quarter than the
 * import's is confirmed before it is applied.
 */
import type { Note } from './contract';

/** A field the store needs came out empty on most lines while a column with values was ignored. */
export const FIELD_EMPTY = 'field-empty';
/** The file's title or progress header names another quarter than the one it is imported into. */
export const QUARTER_MISMATCH = 'quarter-mismatch';

const TOP = new Set([FIELD_EMPTY, QUARTER_MISMATCH]);

export function isTopNote(n: Pick<Note, 'code'>): boolean {
  return TOP.has(n.code);
}

/**
 * What `import --json` says about the columns, and the notes the CLI writes to stderr: never a silent column.
 * A script that imports a ledger whose leaders column was not recognised sees it in the mapping (each
 * column's letter, header, what it was taken as and why) and on stderr, whatever it does with stdout.
 */
import { COLUMN_ROLE_NAMES, type ImportPreview, type Note } from '../../shared/contract';
import { isTopNote } from '../../shared/importNotes';
import { noteText } from './format';

/** Why a column was taken as its role, in the words of the JSON: its header, its values, a remembered correction, the user. */
const WHY = { header: 'header', content: 'values', remembered: 'remembered', user: 'user' } as const;

export interface MappedColumn {
  column: string;
  header: string;
  /** The role it was read as (a contract role name), or null when it was not read. */
  takenAs: string | null;
  /** The role as the preview names it, in Chinese. */
  takenAsName: string | null;
  why: (typeof WHY)[keyof typeof WHY] | null;
}

/** Per file and sheet: every column read or ignored, and the ignored ones listed apart. */
export function columnMapping(preview: ImportPreview) {
  return preview.files.map((f) => ({
    file: f.name,
    sheets: f.sheets.map((s) => {
      const columns: MappedColumn[] = s.columns.map((c) => ({
        column: c.column,
        header: c.header,
        takenAs: c.role,
        takenAsName: c.role === null ? null : COLUMN_ROLE_NAMES[c.role],
        why: c.source === null ? null : WHY[c.source],
      }));
      return {
        sheet: s.sheet,
        headerRow: s.headerRow,
        signature: s.signature,
        columns,
        // Not read: by nobody's choice (未识别), or set aside by a correction (why: user / remembered).
        ignored: columns.filter((c) => c.takenAs === null),
      };
    }),
  }));
}

export function topNotes(preview: ImportPreview): Note[] {
  return preview.notes.filter(isTopNote);
}

/** The notes to read before the rows, on stderr: stdout stays the import's own output (pure JSON with --json). */
export function warnOnStderr(preview: ImportPreview): void {
  for (const n of topNotes(preview)) process.stderr.write(`${noteText(n).trimStart()}\n`);
}

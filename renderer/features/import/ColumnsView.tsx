/** The mapping panel: how each column was read and why, with a choice to correct it. */
import { COLUMN_ROLE_NAMES, type ColumnRole, type ImportPreview } from '../../../shared/contract';

// A previous quarter's progress column is recognised so that it is not mistaken for this quarter's.
const ROLE_LABELS: Record<ColumnRole, string> = { ...COLUMN_ROLE_NAMES, previousProgress: '上季度完成情况（不导入）' };

export type SheetColumns = ImportPreview['files'][number]['sheets'][number];
type ColumnRead = SheetColumns['columns'][number];
export type OnMapping = (file: string, sheet: SheetColumns, column: string, role: ColumnRole | 'ignore') => void;
const SOURCE_LABELS: Record<NonNullable<ColumnRead['source']>, string> = { header: '依据表头', content: '依据内容', remembered: '按已记住的更正', user: '用户指定，已记住' };

/** One line saying what a column was taken to be and why. */
export function columnReading(c: ColumnRead): string {
  if (c.role === null) return c.source === 'user' || c.source === 'remembered' ? `不导入（${SOURCE_LABELS[c.source]}）` : '未识别，已忽略';
  return `${ROLE_LABELS[c.role]}（${SOURCE_LABELS[c.source ?? 'header']}）`;
}

/** How each column was read, with a choice to correct it: the preview is made again with the correction. */
export function ColumnsView({ files, onMapping }: { files: ImportPreview['files']; onMapping: OnMapping }) {
  return (
    // Open when a column was left out or read by its values: the user should see it before importing.
    <details className="columns-view" data-testid="import-columns" open={files.some((f) => f.sheets.some((s) => s.columns.some((c) => c.role === null || c.source === 'content'))) || undefined}>
      <summary>列的对应关系（读错了可在此更正，更正会记住，同样表头的文件按此读取）</summary>
      {files.map((f) =>
        f.sheets.map((s) => (
          <div key={`${f.name}/${s.sheet}`} className="columns-sheet">
            <div className="muted">
              {f.name} › {s.sheet} › 表头在第{s.headerRow}行
            </div>
            <div className="columns-grid">
              {s.columns.map((c) => (
                <label key={c.column} className={c.role === null ? 'unread' : ''}>
                  <span>
                    {c.column}列“{c.header || '（无列名）'}”
                  </span>
                  <span className="column-reading muted" data-testid="column-reading">
                    {columnReading(c)}
                  </span>
                  <select aria-label={`${f.name} ${c.column}列`} value={c.role ?? 'ignore'} onChange={(e) => onMapping(f.name, s, c.column, e.target.value as ColumnRole | 'ignore')}>
                    <option value="ignore">不导入</option>
                    {(Object.keys(ROLE_LABELS) as ColumnRole[]).map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </div>
        )),
      )}
    </details>
  );
}


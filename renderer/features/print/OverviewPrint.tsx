/**
 * PRINT (issue 19): the 一览表 as it prints, with the page setup of the official .xlsx: A3 or A4 landscape,
 * the title and paragraph, the header repeated on every page, a target's lines never split over two pages,
 * 第 n 页 共 N 页 at the foot (print.css). The table is the export's (export.overviewPrint, the same filters,
 * layout and paper); 打印 prints it through the browser's dialog or, in the desktop window, the system's.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { OverviewPrint } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { canSavePdf, printPage, savePdf, usePrintable } from '../../app/print';
import { FocusLock } from '../../components/FocusLock';
import { printGroups } from './printRows';
import './print.css';

/** The .xlsx's column widths (electron/excel/overviewWriter.ts OVERVIEW_COLUMN_WIDTHS), as shares of a block. */
const WIDTHS = [6, 13, 32, 9.5, 50, 10, 18];
const BLOCK_WIDTH = WIDTHS.reduce((a, b) => a + b, 0);

export interface PrintScope {
  leader?: string;
  unit?: string;
  behindOnly?: boolean;
}

interface Props {
  year: number;
  quarter: Quarter;
  scope: PrintScope;
  /** The export dialog's choice; the settings' when absent. */
  layout?: OverviewPrint['layout'];
  paperSize?: OverviewPrint['paperSize'];
  onClose: () => void;
}

export function OverviewPrintView({ year, quarter, scope, layout: initialLayout, paperSize: initialPaper, onClose }: Props) {
  const [layout, setLayout] = useState(initialLayout);
  const [paper, setPaper] = useState(initialPaper);
  const [table, setTable] = useState<OverviewPrint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { leader, unit, behindOnly } = scope;
  useEffect(() => {
    setError(null);
    api['export.overviewPrint']({ year, quarter, ...(leader ? { leader } : {}), ...(unit ? { unit } : {}), ...(behindOnly ? { behindOnly } : {}), ...(layout ? { layout } : {}), ...(paper ? { paperSize: paper } : {}) }).then(
      (t) => {
        setTable(t);
        setLayout(t.layout);
        setPaper(t.paperSize);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, [year, quarter, leader, unit, behindOnly, layout, paper]);
  const setup = { paper: table?.paperSize ?? paper ?? 'A3', landscape: true };
  usePrintable(setup);
  const groups = useMemo(() => (table ? printGroups(table.blocks) : []), [table]);
  const printButton = useRef<HTMLButtonElement>(null);
  const loaded = table !== null;
  useEffect(() => {
    // 打印 is disabled until the table is there: the focus goes to it then, so Enter prints.
    if (loaded) printButton.current?.focus();
  }, [loaded]);
  const act = (work: () => Promise<unknown>) => {
    setError(null);
    setMessage(null);
    work().catch((err: unknown) => setError(errorMessage(err)));
  };

  // Outside the app's tree (a portal into <body>), so that the print leaves the whole app out and the
  // table's pages flow, as the 督查通报 does.
  return createPortal(
    <FocusLock onEscape={onClose}>
      <div className="print-view" tabIndex={-1} role="dialog" aria-modal="true" aria-label="打印一览表" data-testid="print-view">
        <div className="print-toolbar">
          <h2>打印一览表</h2>
          <fieldset>
            <legend>版式</legend>
            <label>
              <input type="radio" name="print-layout" checked={layout === 'single'} onChange={() => setLayout('single')} /> 单栏
            </label>
            <label>
              <input type="radio" name="print-layout" data-testid="print-two-block" checked={layout === 'two-block'} onChange={() => setLayout('two-block')} /> 双栏并排
            </label>
          </fieldset>
          <fieldset>
            <legend>纸张（横向）</legend>
            <label>
              <input type="radio" name="print-paper" data-testid="print-a3" checked={paper === 'A3'} onChange={() => setPaper('A3')} /> A3
            </label>
            <label>
              <input type="radio" name="print-paper" data-testid="print-a4" checked={paper === 'A4'} onChange={() => setPaper('A4')} /> A4
            </label>
          </fieldset>
          <span className="spacer" />
          {table && <span className="muted">共 {table.targets} 项目标</span>}
          <button type="button" ref={printButton} data-testid="print-run" disabled={!table} onClick={() => act(() => printPage(setup))}>
            打印
          </button>
          {canSavePdf && (
            <button
              type="button"
              className="secondary"
              data-testid="print-pdf"
              disabled={!table}
              onClick={() => act(async () => {
                const saved = await savePdf(setup, table!.fileName);
                if (saved) setMessage(`已保存为PDF：${saved}`);
              })}
            >
              保存为PDF
            </button>
          )}
          <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </div>
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        {message && (
          <p className="banner" role="status">
            {message}
          </p>
        )}
        {/* Focusable, so the keyboard scrolls a page larger than the window. */}
        <div className="print-stage" tabIndex={0} aria-label="打印预览">
          {table && (
            <article className={`print-sheet paper-${table.paperSize} layout-${table.layout}`} data-testid="print-sheet">
              <h1 className="print-title">{table.title}</h1>
              {table.paragraph && <p className="print-paragraph">{table.paragraph}</p>}
              <table className="print-table">
                <colgroup>
                  {table.blocks.flatMap((_, b) => WIDTHS.map((w, i) => <col key={`${b}-${i}`} style={{ width: `${(w / BLOCK_WIDTH / table.blocks.length) * 100}%` }} />))}
                </colgroup>
                <thead>
                  <tr>
                    {table.blocks.flatMap((_, b) =>
                      table.headers.map((h, i) => (
                        <th key={`${b}-${i}`} scope="col">
                          {h}
                        </th>
                      )),
                    )}
                  </tr>
                </thead>
                {groups.map((g) => (
                  <tbody key={g.serials.join('-')} data-serials={g.serials.join(' ')}>
                    {g.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((c, i) => (
                          <td key={i} className={`c-${c.column}`} rowSpan={c.rowSpan}>
                            {c.text}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
              {table.footNote && <p className="print-foot-note">{table.footNote}</p>}
            </article>
          )}
        </div>
      </div>
    </FocusLock>,
    document.body,
  );
}

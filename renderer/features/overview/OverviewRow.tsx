import { memo, type MouseEvent } from 'react';
import type { OverviewRow as Row } from '../../../shared/contract';
import type { OnSchedule } from '../../../shared/domain';
import { Hits } from '../../components/Hits';
import { OnScheduleCell, ProgressCell, type CellAddress, type CellFailure, type Direction } from './cells';

export interface RowActions {
  open(targetId: number): void;
  saveText(row: Row, lineId: number, text: string): Promise<void>;
  saveFlag(row: Row, lineId: number, value: OnSchedule | null): Promise<void>;
  navigate(from: CellAddress, dir: Direction): void;
  /** A key pressed on the serial of row `index`; true when it moved the focus. */
  serialKey(index: number, key: string): boolean;
  /** The quarter is published and locked: progress is shown, not edited. */
  readOnly: boolean;
}

/** Failed saves of one row, keyed `${lineId}:p` (progress) and `${lineId}:s` (on schedule). */
export type RowFailures = ReadonlyMap<string, CellFailure>;

interface Props {
  row: Row;
  index: number;
  failures: RowFailures | undefined;
  actions: RowActions;
  /** The target open in the panel beside the table. */
  selected: boolean;
  /** The search's terms, marked where they occur in the content and the progress. */
  terms: readonly string[];
  /** Last quarter's progress in a column after this quarter's (read only, for reference). */
  withPrevious: boolean;
}

function Names({ names }: { names: string[] }) {
  if (names.length === 0) return <span className="placeholder">—</span>;
  return (
    <>
      {names.map((n) => (
        <div key={n}>{n}</div>
      ))}
    </>
  );
}

/** Lead units first, then cooperating ones; the lead is marked only when there is someone to lead. */
function Units({ lead, cooperating }: { lead: string[]; cooperating: string[] }) {
  if (lead.length === 0 && cooperating.length === 0) return <span className="placeholder">—</span>;
  const marked = cooperating.length > 0;
  return (
    <>
      {lead.map((u) => (
        <div key={`l-${u}`} className={marked ? 'unit lead' : 'unit'}>
          {u}
          {marked && <span className="tag">牵头</span>}
        </div>
      ))}
      {cooperating.map((u) => (
        <div key={`c-${u}`} className="unit cooperating" title="配合单位">
          {u}
        </div>
      ))}
    </>
  );
}

/** A click on the content opens the target, unless the user was selecting text to copy. */
function openUnlessSelecting(e: MouseEvent, open: () => void) {
  const selection = window.getSelection();
  if (selection && !selection.isCollapsed && e.currentTarget.contains(selection.anchorNode)) return;
  open();
}

/**
 * One target of the overview: serial, content and deadline once, spanning its lines; each line (分工) with
 * its leaders, progress, on-schedule flag and units, as the official table prints a target with several lines.
 */
export const OverviewRow = memo(function OverviewRow({ row, index, failures, actions, selected, terms, withPrevious }: Props) {
  // Columns after this quarter's progress move one to the right when last quarter's is shown.
  const shift = withPrevious ? 1 : 0;
  const span = Math.max(1, row.lines.length);
  const whole = { gridRow: `1 / span ${span}` };
  const open = () => actions.open(row.id);
  return (
    <div className={selected ? 'target-row selected' : 'target-row'} role="row" aria-rowindex={index + 2} aria-selected={selected} data-testid="overview-row" data-serial={row.serial} style={{ gridTemplateRows: `repeat(${span}, auto)` }}>
      <div className="cell serial" role="gridcell" style={{ ...whole, gridColumn: 1 }}>
        <div className="sticky">
          <button
            type="button"
            className="link"
            data-serial-button={index}
            onClick={open}
            onKeyDown={(e) => {
              if (!e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && actions.serialKey(index, e.key)) e.preventDefault();
            }}
            title="打开责任目标（回车）；↑ ↓ 上下一项"
            aria-label={`打开第${row.serial}项责任目标`}
          >
            {row.serial}
          </button>
        </div>
      </div>
      <div className="cell content" role="gridcell" style={{ ...whole, gridColumn: 3 }} onClick={(e) => openUnlessSelecting(e, open)}>
        <div className="sticky">{row.content === '' ? <span className="placeholder">（内容为空）</span> : <Hits text={row.content} terms={terms} />}</div>
      </div>
      <div className="cell deadline" role="gridcell" style={{ ...whole, gridColumn: 4 }}>
        <div className="sticky">{row.deadline === '' ? <span className="placeholder">—</span> : row.deadline}</div>
      </div>
      {row.lines.length === 0 && (
        <>
          <div className="cell leaders" role="gridcell" style={{ gridRow: 1, gridColumn: 2 }} />
          <div className="cell no-lines" role="gridcell" style={{ gridRow: 1, gridColumn: `5 / span ${3 + shift}` }}>
            <span className="placeholder">（尚未分工：打开目标添加分工后即可填报）</span>
          </div>
        </>
      )}
      {row.lines.map((line, i) => {
        const at = { gridRow: i + 1 };
        const cls = `${i > 0 ? ' continued' : ''}${line.matches ? '' : ' dimmed'}`;
        return (
          <div key={line.id} className="line" data-testid="line" data-assignment-id={line.id} data-matches={line.matches} style={{ display: 'contents' }}>
            <div className={`cell leaders${cls}`} role="gridcell" style={{ ...at, gridColumn: 2 }}>
              <div className="sticky">
                <Names names={line.leaders} />
              </div>
            </div>
            <div className={`slot${cls}`} style={{ ...at, gridColumn: 5 }}>
              <ProgressCell
                address={{ row: index, line: i, col: 'p' }}
                text={line.progress?.text ?? ''}
                terms={terms}
                failure={failures?.get(`${line.id}:p`)}
                readOnly={actions.readOnly}
                onSave={(text) => actions.saveText(row, line.id, text)}
                onNavigate={actions.navigate}
              />
            </div>
            {withPrevious && (
              <div className={`cell previous${cls}`} role="gridcell" data-testid="previous-cell" style={{ ...at, gridColumn: 6 }}>
                <div className="sticky">{line.previous?.text ? <Hits text={line.previous.text} terms={terms} /> : <span className="placeholder">（未填报）</span>}</div>
              </div>
            )}
            <div className={`slot${cls}`} style={{ ...at, gridColumn: 6 + shift }}>
              <OnScheduleCell
                address={{ row: index, line: i, col: 's' }}
                value={line.progress?.onSchedule ?? null}
                wording={line.progress?.onScheduleText ?? ''}
                failure={failures?.get(`${line.id}:s`)}
                readOnly={actions.readOnly}
                onSave={(value) => actions.saveFlag(row, line.id, value)}
                onNavigate={actions.navigate}
              />
            </div>
            <div className={`cell units${cls}`} role="gridcell" style={{ ...at, gridColumn: 7 + shift }}>
              <div className="sticky">
                <Units lead={line.leadUnits} cooperating={line.cooperatingUnits} />
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
});

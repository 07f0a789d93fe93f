import { memo } from 'react';
import type { OverviewRow as Row } from '../../../shared/contract';
import type { OnSchedule } from '../../../shared/domain';
import { OnScheduleCell, ProgressCell, type CellAddress, type Direction } from './cells';

export interface RowActions {
  open(targetId: number): void;
  saveText(row: Row, lineId: number, text: string): void;
  saveFlag(row: Row, lineId: number, value: OnSchedule | null): void;
  navigate(from: CellAddress, dir: Direction): void;
}

interface Props {
  row: Row;
  index: number;
  errors: ReadonlyMap<number, string> | undefined;
  actions: RowActions;
}

function Units({ lead, cooperating }: { lead: string[]; cooperating: string[] }) {
  if (lead.length === 0 && cooperating.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {lead.map((u) => (
        <span key={u} className={`unit${cooperating.length > 0 ? ' lead' : ''}`} title={cooperating.length > 0 ? '牵头单位' : undefined}>
          {u}
        </span>
      ))}
      {cooperating.map((u) => (
        <span key={u} className="unit" title="配合单位">
          {u}
        </span>
      ))}
    </>
  );
}

/**
 * One target of the overview: serial, content and deadline once, spanning its lines; each line (分工) with
 * its leaders, progress, on-schedule flag and units, as the official table prints a target with several lines.
 */
export const OverviewRow = memo(function OverviewRow({ row, index, errors, actions }: Props) {
  const span = Math.max(1, row.lines.length);
  const whole = { gridRow: `1 / span ${span}` };
  return (
    <div className="target-row" role="row" data-testid="overview-row" data-serial={row.serial} style={{ gridTemplateRows: `repeat(${span}, auto)` }}>
      <div className="cell serial" role="gridcell" style={{ ...whole, gridColumn: 1 }}>
        <button type="button" className="link" onClick={() => actions.open(row.id)} title="打开责任目标">
          {row.serial}
        </button>
      </div>
      <div className="cell content" role="gridcell" style={{ ...whole, gridColumn: 3 }} onDoubleClick={() => actions.open(row.id)}>
        {row.content === '' ? <span className="muted">（内容为空）</span> : row.content}
      </div>
      <div className="cell deadline" role="gridcell" style={{ ...whole, gridColumn: 4 }}>
        {row.deadline}
      </div>
      {row.lines.map((line, i) => {
        const at = { gridRow: i + 1 };
        const dim = line.matches ? '' : ' dimmed';
        return (
          <div key={line.id} className={`line${dim}`} data-testid="line" data-assignment-id={line.id} style={{ display: 'contents' }}>
            <div className={`cell leaders${dim}`} role="gridcell" style={{ ...at, gridColumn: 2 }}>
              {line.leaders.length === 0 ? <span className="muted">—</span> : line.leaders.map((l) => <div key={l}>{l}</div>)}
            </div>
            <div className={dim} style={{ ...at, gridColumn: 5, display: 'grid' }}>
              <ProgressCell
                address={{ row: index, line: i, col: 'p' }}
                text={line.progress?.text ?? ''}
                error={errors?.get(line.id) ?? null}
                onSave={(text) => actions.saveText(row, line.id, text)}
                onNavigate={actions.navigate}
              />
            </div>
            <div className={dim} style={{ ...at, gridColumn: 6, display: 'grid' }}>
              <OnScheduleCell
                address={{ row: index, line: i, col: 's' }}
                value={line.progress?.onSchedule ?? null}
                wording={line.progress?.onScheduleText ?? ''}
                onSave={(value) => actions.saveFlag(row, line.id, value)}
                onNavigate={actions.navigate}
              />
            </div>
            <div className={`cell units${dim}`} role="gridcell" style={{ ...at, gridColumn: 7 }}>
              <Units lead={line.leadUnits} cooperating={line.cooperatingUnits} />
            </div>
          </div>
        );
      })}
    </div>
  );
});

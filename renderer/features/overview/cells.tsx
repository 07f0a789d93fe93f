/**
 * The two cells a user types into on the overview: a quarter's progress text and its on-schedule flag.
 * Tab / Shift+Tab move along a line and on to the next one; Enter moves down; Alt+Enter breaks a line;
 * Escape takes the edit back. Edits save themselves: on leaving the cell, and after a pause in typing.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OnSchedule } from '../../../shared/domain';
import { ON_SCHEDULE_OPTIONS } from '../../app/format';

export type Direction = 'next' | 'prev' | 'down' | 'up';
export type CellColumn = 'p' | 's';

export interface CellAddress {
  row: number;
  line: number;
  col: CellColumn;
}

export function cellKey(a: CellAddress): string {
  return `${a.row}:${a.line}:${a.col}`;
}

const IDLE_SAVE_MS = 800;

interface ProgressCellProps {
  address: CellAddress;
  text: string;
  error: string | null;
  onSave: (text: string) => void;
  onNavigate: (from: CellAddress, dir: Direction) => void;
}

export const ProgressCell = memo(function ProgressCell({ address, text, error, onSave, onNavigate }: ProgressCellProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const saved = useRef(text);
  const timer = useRef<number | undefined>(undefined);
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!editing) {
      setDraft(text);
      saved.current = text;
    }
  }, [text, editing]);

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [draft, editing]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const commit = (value: string) => {
    window.clearTimeout(timer.current);
    if (value !== saved.current) {
      saved.current = value;
      onSave(value);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Tab') {
      e.preventDefault();
      commit(draft);
      setEditing(false);
      onNavigate(address, e.shiftKey ? 'prev' : 'next');
    } else if (e.key === 'Enter' && e.altKey) {
      e.preventDefault();
      const el = e.currentTarget;
      const next = `${draft.slice(0, el.selectionStart)}\n${draft.slice(el.selectionEnd)}`;
      const caret = el.selectionStart + 1;
      setDraft(next);
      requestAnimationFrame(() => el.setSelectionRange(caret, caret));
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      commit(draft);
      setEditing(false);
      onNavigate(address, 'down');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      window.clearTimeout(timer.current);
      setDraft(saved.current);
      setEditing(false);
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-cell="${cellKey(address)}"]`)?.focus());
    }
  };

  return (
    <div className={`cell progress${error ? ' has-error' : ''}`} role="gridcell" data-testid="progress-cell">
      {editing ? (
        <textarea
          ref={area}
          className="cell-editor"
          aria-label="完成情况"
          value={draft}
          autoFocus
          onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
          onChange={(e) => {
            const value = e.target.value;
            setDraft(value);
            window.clearTimeout(timer.current);
            timer.current = window.setTimeout(() => commit(value), IDLE_SAVE_MS);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            commit(draft);
            setEditing(false);
          }}
        />
      ) : (
        <div className="cell-display" tabIndex={0} data-cell={cellKey(address)} onFocus={() => setEditing(true)}>
          {draft === '' ? <span className="muted">（未填报）</span> : draft}
        </div>
      )}
      {error && <div className="cell-error" role="alert">{error}</div>}
    </div>
  );
});

interface OnScheduleCellProps {
  address: CellAddress;
  value: OnSchedule | null;
  /** The wording as reported when it was not 是/否/基本 (达序推进…), shown under the flag. */
  wording: string;
  onSave: (value: OnSchedule | null) => void;
  onNavigate: (from: CellAddress, dir: Direction) => void;
}

export const OnScheduleCell = memo(function OnScheduleCell({ address, value, wording, onSave, onNavigate }: OnScheduleCellProps) {
  const label = ON_SCHEDULE_OPTIONS.find((o) => o.value === (value ?? ''))!.label;
  const showWording = wording !== '' && wording !== label;
  return (
    <div className={`cell on-schedule flag-${value ?? 'blank'}`} role="gridcell" data-testid="on-schedule-cell">
      <select
        aria-label="是否按计划完成进度"
        data-cell={cellKey(address)}
        value={value ?? ''}
        onChange={(e) => onSave(e.target.value === '' ? null : (e.target.value as OnSchedule))}
        onKeyDown={(e) => {
          if (e.key === 'Tab') {
            e.preventDefault();
            onNavigate(address, e.shiftKey ? 'prev' : 'next');
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onNavigate(address, 'down');
          }
        }}
      >
        {ON_SCHEDULE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {showWording && <div className="wording" title="报送原文">{wording}</div>}
    </div>
  );
});

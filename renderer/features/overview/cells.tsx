/**
 * The two cells a user types into on the overview: a quarter's progress text and its on-schedule flag.
 * Tab / Shift+Tab move along a line and on to the next one; Enter / Shift+Enter move down / up; Alt+Enter
 * breaks a line; Escape takes the edit back. Edits save themselves: on leaving the cell, and after a pause
 * in typing. While a save is on its way the cell shows what the user typed, and when it fails it keeps
 * showing it (the failure lives in the overview's state, so it survives the row being scrolled away).
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OnSchedule } from '../../../shared/domain';
import { ON_SCHEDULE_OPTIONS } from '../../app/format';

export type Direction = 'next' | 'prev' | 'down' | 'up';
export type CellColumn = 'p' | 's';

/** Where a cell is on screen: the row's index in the current result, the line within it, the column. */
export interface CellAddress {
  row: number;
  line: number;
  col: CellColumn;
}

export function cellKey(a: CellAddress): string {
  return `${a.row}:${a.line}:${a.col}`;
}

/** A save that did not go through, with the value the user wanted, shown until it is saved. */
export interface CellFailure {
  message: string;
  text?: string;
  onSchedule?: OnSchedule | null;
}

export const IDLE_SAVE_MS = 800;
/** The service refuses longer progress texts (contract: textSchema). */
const MAX_TEXT = 20_000;

export function focusCell(address: CellAddress): boolean {
  const el = document.querySelector<HTMLElement>(`[data-cell="${cellKey(address)}"]`);
  el?.focus();
  return el !== null;
}

interface ProgressCellProps {
  address: CellAddress;
  text: string;
  failure: CellFailure | undefined;
  readOnly: boolean;
  /** Resolves once the save is through (or has failed and been recorded as a failure). */
  onSave: (text: string) => Promise<void>;
  onNavigate: (from: CellAddress, dir: Direction) => void;
}

export const ProgressCell = memo(function ProgressCell({ address, text, failure, readOnly, onSave, onNavigate }: ProgressCellProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  // The value of the latest save still on its way; shown instead of the stored text until it lands.
  const [pending, setPending] = useState<string | null>(null);
  const shown = pending ?? failure?.text ?? text;

  const live = useRef({ draft, shown, editing, failed: failure !== undefined, onSave });
  live.current = { draft, shown, editing, failed: failure !== undefined, onSave };
  const sequence = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const original = useRef(text);
  const area = useRef<HTMLTextAreaElement>(null);

  const send = (value: string) => {
    const mine = ++sequence.current;
    setPending(value);
    live.current.shown = value;
    void live.current.onSave(value).finally(() => {
      if (sequence.current === mine) setPending(null);
    });
  };

  /** Sends the value unless it is what is already stored; a failed cell is always sent again (a retry). */
  const commit = (value: string) => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (value !== live.current.shown || live.current.failed) send(value);
  };

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 4}px`;
  }, [draft, editing]);

  // A row scrolled out of the virtual window unmounts without a blur: keep what was typed.
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      const { editing: wasEditing, draft: last, shown: stored } = live.current;
      if (wasEditing && last !== stored) void live.current.onSave(last);
    },
    [],
  );

  const scheduleIdleSave = (value: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => commit(value), IDLE_SAVE_MS);
  };

  const leave = (dir: Direction) => {
    commit(draft);
    setEditing(false);
    onNavigate(address, dir);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Tab') {
      e.preventDefault();
      leave(e.shiftKey ? 'prev' : 'next');
    } else if (e.key === 'Enter' && e.altKey) {
      // Alt+Enter breaks the line, as in Excel and WPS.
      e.preventDefault();
      const el = e.currentTarget;
      const start = el.selectionStart;
      const next = `${draft.slice(0, start)}\n${draft.slice(el.selectionEnd)}`;
      setDraft(next);
      scheduleIdleSave(next);
      requestAnimationFrame(() => el.setSelectionRange(start + 1, start + 1));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      leave(e.shiftKey ? 'up' : 'down');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      window.clearTimeout(timer.current);
      // An idle save may already have sent part of the edit: put the text of before the edit back.
      if (live.current.shown !== original.current) send(original.current);
      setDraft(original.current);
      setEditing(false);
      requestAnimationFrame(() => focusCell(address));
    }
  };

  return (
    <div className={`cell progress${failure ? ' has-error' : ''}${pending !== null ? ' is-pending' : ''}`} role="gridcell" data-testid="progress-cell">
      {editing ? (
        <textarea
          ref={area}
          className="cell-editor"
          aria-label="完成情况"
          aria-invalid={failure ? true : undefined}
          value={draft}
          autoFocus
          spellCheck={false}
          maxLength={MAX_TEXT}
          onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
          onChange={(e) => {
            setDraft(e.target.value);
            scheduleIdleSave(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            commit(draft);
            setEditing(false);
          }}
        />
      ) : (
        <div
          className="cell-display"
          tabIndex={0}
          data-cell={cellKey(address)}
          aria-label={`完成情况：${shown === '' ? '未填报' : shown}`}
          aria-readonly={readOnly || undefined}
          title={readOnly ? '本季度已发布并锁定' : undefined}
          onFocus={() => {
            if (readOnly) return;
            original.current = shown;
            setDraft(shown);
            setEditing(true);
          }}
        >
          {shown === '' ? <span className="placeholder">（未填报）</span> : shown}
        </div>
      )}
      {failure && <CellFailure message={failure.message} />}
    </div>
  );
});

interface OnScheduleCellProps {
  address: CellAddress;
  value: OnSchedule | null;
  /** The wording as reported when it was not 是/否/基本 (达序推进…), shown under the flag. */
  wording: string;
  failure: CellFailure | undefined;
  readOnly: boolean;
  onSave: (value: OnSchedule | null) => Promise<void>;
  onNavigate: (from: CellAddress, dir: Direction) => void;
}

// Quick keys for the flag while the select has focus: digits follow the order of the options.
const FLAG_KEYS: Record<string, OnSchedule | null> = { '1': 'yes', '2': 'no', '3': 'basic', '0': null, y: 'yes', n: 'no', b: 'basic', Delete: null, Backspace: null };

export const OnScheduleCell = memo(function OnScheduleCell({ address, value, wording, failure, readOnly, onSave, onNavigate }: OnScheduleCellProps) {
  const [pending, setPending] = useState<{ value: OnSchedule | null } | null>(null);
  const sequence = useRef(0);
  const shown = pending ? pending.value : failure && failure.onSchedule !== undefined ? failure.onSchedule : value;
  const label = ON_SCHEDULE_OPTIONS.find((o) => o.value === (shown ?? ''))!.label;
  const showWording = wording !== '' && wording !== label && pending === null && !failure;

  const save = (next: OnSchedule | null) => {
    if (next === shown && !failure) return;
    const mine = ++sequence.current;
    setPending({ value: next });
    void onSave(next).finally(() => {
      if (sequence.current === mine) setPending(null);
    });
  };

  return (
    <div className={`cell on-schedule flag-${shown ?? 'blank'}${failure ? ' has-error' : ''}`} role="gridcell" data-testid="on-schedule-cell">
      <select
        aria-label="是否按计划完成进度"
        title="是否按计划完成进度（快捷键：1 是，2 否，3 基本，0 清空）"
        aria-invalid={failure ? true : undefined}
        data-cell={cellKey(address)}
        disabled={readOnly}
        value={shown ?? ''}
        onChange={(e) => save(e.target.value === '' ? null : (e.target.value as OnSchedule))}
        onKeyDown={(e) => {
          if (e.key === 'Tab') {
            e.preventDefault();
            onNavigate(address, e.shiftKey ? 'prev' : 'next');
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onNavigate(address, e.shiftKey ? 'up' : 'down');
          } else if (!e.altKey && !e.ctrlKey && !e.metaKey && Object.prototype.hasOwnProperty.call(FLAG_KEYS, e.key)) {
            e.preventDefault();
            save(FLAG_KEYS[e.key]!);
          }
        }}
      >
        {ON_SCHEDULE_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {showWording && (
        <div className="wording" title="报送原文">
          {wording}
        </div>
      )}
      {failure && <CellFailure message={failure.message} />}
    </div>
  );
});

function CellFailure({ message }: { message: string }) {
  return (
    <div className="cell-error" role="alert">
      保存失败：{message}
    </div>
  );
}

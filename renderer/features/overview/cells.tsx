/**
 * The two cells a user types into on the overview: a quarter's progress text and its on-schedule flag.
 * As in Excel and WPS: a cell reached by the keyboard or a click is selected, and typing replaces its text;
 * F2 or a double-click edits it, appending; ↑ ↓ move between lines while the cell is only selected;
 * Tab / Shift+Tab move along a line and on to the next one; Enter / Shift+Enter move down / up; Alt+Enter
 * breaks a line; Escape ends the edit with the old text back and nothing saved. An edit saves when the
 * cell is left. While a save is on its way the cell shows what the user typed, and when it fails it keeps
 * showing it (the failure lives in the overview's state, so it survives the row being scrolled away).
 *
 * The selected cell is already the textarea, with its whole text selected: typing, an input method's
 * composition (how Chinese is typed) included, then replaces it, which a key handler on a plain element
 * could not do.
 */
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OnSchedule } from '../../../shared/domain';
import { ON_SCHEDULE_OPTIONS } from '../../app/format';
import { Hits } from '../../components/Hits';
import { undoOwner } from '../../components/undoKeys';

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

/** The service refuses longer progress texts (contract: textSchema). */
const MAX_TEXT = 20_000;

/** Where a key moves from a selected cell: ↓ ↑, Enter (Shift: up) and Tab (Shift: back), as in Excel; null for other keys. */
function keyDirection(e: { key: string; shiftKey: boolean }): Direction | null {
  if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) return 'down';
  if (e.key === 'ArrowUp' || e.key === 'Enter') return 'up';
  if (e.key === 'Tab') return e.shiftKey ? 'prev' : 'next';
  return null;
}

export function focusCell(address: CellAddress): boolean {
  const el = document.querySelector<HTMLElement>(`[data-cell="${cellKey(address)}"]`);
  el?.focus();
  return el !== null;
}

/** The serial button of the row at `index` in the current result (it opens the target). */
export function focusSerial(index: number): boolean {
  const el = document.querySelector<HTMLElement>(`[data-serial-button="${index}"]`);
  el?.focus();
  return el !== null;
}

interface ProgressCellProps {
  address: CellAddress;
  text: string;
  /** Search terms to mark in the text shown. */
  terms: readonly string[];
  failure: CellFailure | undefined;
  readOnly: boolean;
  /** Resolves once the save is through (or has failed and been recorded as a failure). */
  onSave: (text: string) => Promise<void>;
  onNavigate: (from: CellAddress, dir: Direction) => void;
}

export const ProgressCell = memo(function ProgressCell({ address, text, terms, failure, readOnly, onSave, onNavigate }: ProgressCellProps) {
  const [editing, setEditing] = useState(false);
  // 'selected': the cell is focused, typing replaces; 'edit': the caret is in the text (F2, double-click, typed).
  const mode = useRef<'selected' | 'edit'>('selected');
  const [selectedLook, setSelectedLook] = useState(true);
  const [draft, setDraft] = useState(text);
  // The value of the latest save still on its way; shown instead of the stored text until it lands.
  const [pending, setPending] = useState<string | null>(null);
  const shown = pending ?? failure?.text ?? text;

  const live = useRef({ draft, shown, editing, failed: failure !== undefined, onSave });
  live.current = { draft, shown, editing, failed: failure !== undefined, onSave };
  const sequence = useRef(0);
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
    if (value !== live.current.shown || live.current.failed) send(value);
  };

  // A selected cell with nothing typed follows the stored text (Ctrl+Z from the window changes it under
  // the selection); leaving it would otherwise save the text from before the undo again.
  useEffect(() => {
    if (!live.current.editing || mode.current !== 'selected' || live.current.draft !== original.current) return;
    original.current = shown;
    setDraft(shown);
  }, [shown]);

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 4}px`;
  }, [draft, editing]);

  // A row scrolled out of the virtual window unmounts without a blur: keep what was typed.
  useEffect(
    () => () => {
      const { editing: wasEditing, draft: last, shown: stored } = live.current;
      if (wasEditing && last !== stored) void live.current.onSave(last);
    },
    [],
  );

  const caretToEnd = (el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length);
  const startEditing = (el: HTMLTextAreaElement) => {
    mode.current = 'edit';
    setSelectedLook(false);
    caretToEnd(el);
  };
  const select = (el: HTMLTextAreaElement) => {
    mode.current = 'selected';
    setSelectedLook(true);
    el.select();
  };

  const leave = (dir: Direction) => {
    commit(draft);
    setEditing(false);
    onNavigate(address, dir);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    const selectedOnly = mode.current === 'selected';
    if (e.key === 'F2') {
      e.preventDefault();
      startEditing(e.currentTarget);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && selectedOnly && !e.shiftKey) {
      e.preventDefault();
      leave(e.key === 'ArrowDown' ? 'down' : 'up');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      leave(e.shiftKey ? 'prev' : 'next');
    } else if (e.key === 'Enter' && e.altKey) {
      // Alt+Enter breaks the line, as in Excel and WPS.
      e.preventDefault();
      const el = e.currentTarget;
      const start = el.selectionStart;
      const next = `${draft.slice(0, start)}\n${draft.slice(el.selectionEnd)}`;
      mode.current = 'edit';
      setSelectedLook(false);
      setDraft(next);
      requestAnimationFrame(() => el.setSelectionRange(start + 1, start + 1));
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      leave(e.shiftKey ? 'up' : 'down');
    } else if (e.key === 'Escape') {
      // Nothing was sent while typing, so there is nothing to take back: the old text, no save, no undo step.
      // A cell only selected lets Esc through (it closes the panel beside the table).
      if (selectedOnly && draft === original.current) return;
      e.preventDefault();
      // The old text goes back into the textarea at once, selected, so that what is typed next replaces
      // it even before React renders again.
      const el = e.currentTarget;
      el.value = original.current;
      setDraft(original.current);
      select(el);
    }
  };

  return (
    <div className={`cell progress${failure ? ' has-error' : ''}${pending !== null ? ' is-pending' : ''}`} role="gridcell" data-testid="progress-cell">
      {editing ? (
        <textarea
          ref={area}
          className={`cell-editor${selectedLook ? ' selected' : ''}`}
          aria-label="完成情况"
          aria-invalid={failure ? true : undefined}
          {...undoOwner(!(selectedLook && draft === original.current))}
          value={draft}
          autoFocus
          spellCheck={false}
          maxLength={MAX_TEXT}
          onFocus={(e) => (mode.current === 'edit' ? caretToEnd(e.currentTarget) : select(e.currentTarget))}
          onDoubleClick={(e) => startEditing(e.currentTarget)}
          onMouseUp={(e) => {
            // A click into a cell already being edited places the caret, as in Excel's edit mode.
            if (mode.current === 'selected' && e.currentTarget.selectionStart !== e.currentTarget.selectionEnd) return;
            mode.current = 'edit';
            setSelectedLook(false);
          }}
          onChange={(e) => {
            mode.current = 'edit';
            setSelectedLook(false);
            setDraft(e.target.value);
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
          // Focused without its editor: a locked quarter's cell, or one just reached whose editor is not
          // drawn yet (held ↓ on a busy PC). The keys move on as from the editor; Tab in a locked quarter
          // goes its own way, past the locked 是否按计划 select.
          onKeyDown={(e) => {
            const dir = keyDirection(e);
            if (dir === null || (readOnly && (dir === 'next' || dir === 'prev'))) return;
            e.preventDefault();
            onNavigate(address, dir);
          }}
          onFocus={() => {
            if (readOnly) return;
            original.current = shown;
            mode.current = 'selected';
            setSelectedLook(true);
            setDraft(shown);
            setEditing(true);
          }}
        >
          {shown === '' ? <span className="placeholder">（未填报）</span> : <Hits text={shown} terms={terms} />}
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

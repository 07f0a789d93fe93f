/**
 * Undo / redo of this window's edits (Ctrl+Z, Ctrl+Y). Each entry names change-log entries; undo asks the
 * service to put the target back as it was before them, and refuses (in Chinese) when the target was changed
 * since by someone or something else. Quick saves of the same kind on the same target (a cell saving as it is
 * typed) are one entry, so one Ctrl+Z takes back the whole edit.
 */
import { useSyncExternalStore } from 'react';
import type { MethodName, Target } from '../../shared/contract';

interface Entry {
  first: number;
  last: number;
  targetId: number;
  method: MethodName;
  label: string;
  at: number;
}

const LABELS: Partial<Record<MethodName, string>> = {
  'progress.save': '填报进展',
  'targets.update': '修改目标',
  'targets.create': '新增目标',
  'targets.saveAssignments': '调整分工',
  'targets.delete': '删除目标',
};
/** Saves closer together than this, of one kind on one target, undo as one. */
const COALESCE_MS = 4000;
const LIMIT = 100;

let undoStack: Entry[] = [];
let redoStack: Entry[] = [];
let snapshot = { canUndo: false, canRedo: false, undoLabel: '', redoLabel: '' };
const listeners = new Set<() => void>();

function emit(): void {
  snapshot = { canUndo: undoStack.length > 0, canRedo: redoStack.length > 0, undoLabel: undoStack.at(-1)?.label ?? '', redoLabel: redoStack.at(-1)?.label ?? '' };
  for (const l of listeners) l();
}

export function recordChange(method: MethodName, changeId: number, result: { id: number; serial?: number }): void {
  const label = `${LABELS[method] ?? '修改'}${result.serial !== undefined ? `（第${result.serial}项）` : ''}`;
  const top = undoStack.at(-1);
  const now = Date.now();
  if (top && top.method === method && top.targetId === result.id && method !== 'targets.delete' && now - top.at < COALESCE_MS) {
    top.last = changeId;
    top.at = now;
  } else {
    undoStack.push({ first: changeId, last: changeId, targetId: result.id, method, label, at: now });
    if (undoStack.length > LIMIT) undoStack = undoStack.slice(-LIMIT);
  }
  redoStack = [];
  emit();
}

type Revert = (input: { changeId: number; to: 'before' | 'after'; strict: boolean; through: number }) => Promise<{ target: Target | null }>;

/** Undoes the latest entry; resolves to what was undone, or rejects with the service's message (the entry is dropped). */
export async function undo(revert: Revert): Promise<{ label: string; target: Target | null; targetId: number } | null> {
  const entry = undoStack.pop();
  if (!entry) return null;
  emit();
  const { target } = await revert({ changeId: entry.first, to: 'before', strict: true, through: entry.last });
  redoStack.push(entry);
  emit();
  return { label: entry.label, target, targetId: entry.targetId };
}

export async function redo(revert: Revert): Promise<{ label: string; target: Target | null; targetId: number } | null> {
  const entry = redoStack.pop();
  if (!entry) return null;
  emit();
  const { target } = await revert({ changeId: entry.last, to: 'after', strict: true, through: entry.first });
  undoStack.push({ ...entry, at: 0 });
  emit();
  return { label: entry.label, target, targetId: entry.targetId };
}

export function useUndoState(): typeof snapshot {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => snapshot,
  );
}

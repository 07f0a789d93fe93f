/**
 * Saves leave the renderer in order, one target at a time: two quick edits to the same target (text, then
 * the 是/否 flag; or two lines of one target) are sent one after the other, so neither is lost. The state
 * (saving / saved at / failed) is what the top bar shows.
 */
import { useSyncExternalStore } from 'react';
import { errorMessage } from '../api';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string };

const queues = new Map<number, Promise<unknown>>();
/** Targets whose latest save failed: the bar keeps saying so until a save of that target succeeds. */
const failed = new Map<number, string>();
let pending = 0;
let lastSaved: Date | null = null;
let state: SaveState = { kind: 'idle' };
const listeners = new Set<() => void>();

function set(next: SaveState): void {
  state = next;
  for (const l of listeners) l();
}

export function enqueueSave<T>(targetId: number, run: () => Promise<T>): Promise<T> {
  pending++;
  set({ kind: 'saving' });
  const previous = queues.get(targetId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  queues.set(targetId, next);
  const settle = (failure: unknown) => {
    pending--;
    if (queues.get(targetId) === next) queues.delete(targetId);
    if (failure !== undefined) failed.set(targetId, errorMessage(failure));
    else {
      failed.delete(targetId);
      lastSaved = new Date();
    }
    showOutcome();
  };
  // Both branches handled here; the caller handles its own copy of the outcome.
  next.then(
    () => settle(undefined),
    (err: unknown) => settle(err ?? new Error('保存失败')),
  );
  return next;
}

function showOutcome(): void {
  const latestFailure = [...failed.values()].at(-1);
  if (latestFailure !== undefined) set({ kind: 'failed', message: latestFailure });
  else if (pending === 0) set(lastSaved ? { kind: 'saved', at: lastSaved } : { kind: 'idle' });
}

/**
 * The user is correcting the field whose save failed (its message under the field goes): the bar stops
 * saying 保存失败 too. Were the field put back to the stored value, nothing would be saved, and the bar would
 * keep the failure of an edit that no longer exists.
 */
export function abandonFailedSave(targetId: number): void {
  if (!failed.delete(targetId)) return;
  showOutcome();
}

export function hasPendingSaves(): boolean {
  return pending > 0;
}

/** Resolves once every save sent so far has landed or failed (saves queued meanwhile are waited for too). */
export async function whenSaved(): Promise<void> {
  while (queues.size > 0) await Promise.allSettled([...queues.values()]);
}

export function useSaveState(): SaveState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

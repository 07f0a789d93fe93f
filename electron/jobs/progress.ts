/**
 * Progress and cancellation for long work (import now; export and backup later). The caller names the job
 * with an id of its choosing; while the work runs, any host can ask how far it is or cancel it through the
 * same API. Work checks its signal between steps and never in the middle of a transaction, so a cancelled
 * job has written nothing.
 */
import { AppError } from '../../shared/errors';

export interface Progress {
  done: number;
  total: number;
  label: string;
}

export interface JobHandle {
  signal: AbortSignal;
  report(progress: Progress): void;
}

interface Entry {
  controller: AbortController;
  progress: Progress;
  finished: boolean;
}

const jobs = new Map<string, Entry>();
const KEEP_FINISHED_MS = 60_000;

/** Runs work registered under `id` (if given), so that its progress can be read and it can be cancelled. */
export async function runJob<T>(id: string | undefined, work: (job: JobHandle) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const entry: Entry = { controller, progress: { done: 0, total: 0, label: '准备中' }, finished: false };
  if (id !== undefined) {
    if (jobs.has(id) && !jobs.get(id)!.finished) throw new AppError('conflict', '同一任务已在进行中。');
    jobs.set(id, entry);
  }
  try {
    return await work({ signal: controller.signal, report: (p) => (entry.progress = p) });
  } finally {
    entry.finished = true;
    if (id !== undefined) setTimeout(() => jobs.get(id) === entry && jobs.delete(id), KEEP_FINISHED_MS).unref();
  }
}

/** How many jobs are running (a restore waits for none). */
export function activeJobs(): number {
  return [...jobs.values()].filter((e) => !e.finished).length;
}

export function jobProgress(id: string): (Progress & { finished: boolean }) | null {
  const entry = jobs.get(id);
  return entry ? { ...entry.progress, finished: entry.finished } : null;
}

export function cancelJob(id: string): boolean {
  const entry = jobs.get(id);
  if (!entry || entry.finished) return false;
  entry.controller.abort();
  return true;
}

/** Between two steps: stop here if the user cancelled, and let the host answer progress requests. */
export async function checkpoint(signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new AppError('cancelled', '已取消，未做任何改动。');
}

export const NO_JOB: JobHandle = { signal: new AbortController().signal, report: () => undefined };

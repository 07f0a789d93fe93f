/**
 * Ctrl+C (SIGINT) as a user and a script expect it: one Chinese line, exit code 130, nothing half-written.
 * A service call is one transaction, or a job that checks for cancellation between its steps and never
 * inside its transaction. So a writing job (an import) is cancelled the way the app's 取消 does, through
 * `jobs.cancel`; any other write in progress is let finish, since it is all or nothing; no call starts
 * after the interrupt; and with no write in progress (reading, previewing) the process ends at once. A
 * second Ctrl+C ends it at once.
 */
import { AppError } from '../../shared/errors';

export const INTERRUPTED_EXIT = 130;
export const INTERRUPTED_MESSAGE = '已中断（Ctrl+C），未做任何改动。';
/** When the work had already finished as the interrupt came: its result is printed above this line. */
export const TOO_LATE_MESSAGE = '收到 Ctrl+C 时操作已在进行，已完整完成（结果见上）。';

let interrupted = false;
/** A write that finished after the interrupt: the command then runs to its end and says it was too late. */
let wroteAfterInterrupt = false;
const running = new Set<{ cancel?: () => Promise<unknown>; writes: boolean }>();

/** An id for one command's job, so that Ctrl+C can cancel it (jobs.cancel). */
export function newJobId(): string {
  return `cli-${process.pid}-${Date.now().toString(36)}`;
}

export function wasInterrupted(): boolean {
  return interrupted;
}

/** The error a command ends with when the interrupt stopped it: a cancelled job, or a step refused after it. */
export function isInterruption(err: unknown): boolean {
  return interrupted && err instanceof AppError && err.code === 'cancelled';
}

/**
 * Runs one service call (or host step such as a restore) as a unit the interrupt waits for. `cancel` asks
 * the service to stop it early (a job's `jobs.cancel`); `writes` says it changes the store, so that a
 * command whose write finished after the interrupt is not reported as 未做任何改动.
 */
export async function step<T>(work: () => Promise<T>, options: { cancel?: () => Promise<unknown>; writes: boolean }): Promise<T> {
  if (interrupted && !wroteAfterInterrupt) throw new AppError('cancelled', INTERRUPTED_MESSAGE);
  const entry = { cancel: options.cancel, writes: options.writes };
  running.add(entry);
  try {
    const result = await work();
    if (interrupted && options.writes) wroteAfterInterrupt = true;
    return result;
  } finally {
    running.delete(entry);
  }
}

const cleanups = new Set<() => void>();

/**
 * Something to undo if Ctrl+C ends the process before the command's own `finally` can (a dry run's copy of
 * the store in the temp folder). Returns the way to forget it once the command has cleaned up itself.
 */
export function atInterrupt(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

/** The SIGINT handler; `exit` ends the process with the given code after the message is written. */
export function onInterrupt(exit: (code: number) => void): void {
  const writing = [...running].filter((s) => s.writes);
  if (interrupted || writing.length === 0) {
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // The process ends anyway; what could not be removed is in the temp folder.
      }
    }
    process.stderr.write(`${INTERRUPTED_MESSAGE}\n`);
    exit(INTERRUPTED_EXIT);
    return;
  }
  interrupted = true;
  for (const { cancel } of writing) void cancel?.().catch(() => undefined);
}

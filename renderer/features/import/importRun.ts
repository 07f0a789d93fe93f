/** How the import screen runs its calls: files added to a preview, and a long call with the service's progress. */
import type { ImportFile } from '../../../shared/contract';
import { api } from '../../api';

const POLL_MS = 300;

/**
 * The files of a preview with more added. The same file dropped again is taken once; a different file of the
 * same name (two units' 报送模板.xlsx, or a unit's corrected return) is kept beside it, and the preview shows
 * where they differ as conflicts, rather than one silently taking the other's place.
 */
export function withAdded(files: ImportFile[], added: ImportFile[]): ImportFile[] {
  const held = new Set(files.map((f) => `${f.name}\u0000${f.data}`));
  return [...files, ...added.filter((f) => !held.has(`${f.name}\u0000${f.data}`))];
}

/** Runs a long call under a job id, reporting the service's progress until it answers. */
export async function withProgress<T>(jobId: string, call: () => Promise<T>, onProgress: (p: { done: number; total: number; label: string }) => void): Promise<T> {
  let running = true;
  const poll = async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      const p = await api['jobs.progress']({ jobId }).catch(() => null);
      if (running && p && !p.finished) onProgress(p);
    }
  };
  void poll();
  try {
    return await call();
  } finally {
    running = false;
  }
}

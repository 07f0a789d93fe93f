import { useCallback, useState } from 'react';
import { errorMessage } from '../api';

/** One call at a time with its error shown: the 季度调度 screen and the report screen's tabs work this way. */
export function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(<T,>(work: Promise<T>, after: (value: T) => void) => {
    setBusy(true);
    setError(null);
    work.then(
      (v) => {
        after(v);
        setBusy(false);
      },
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  }, []);
  return { busy, error, run, setError };
}

/** Timing helpers for the benchmark: percentiles over repeated runs, measured with hrtime. */
export function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export interface Stat {
  p50: number;
  p95: number;
}

export function measure(runs: number, fn: (i: number) => unknown, warmup = 3): Stat {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(time(() => fn(i)));
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export const ms = (n: number) => `${n.toFixed(2)} ms`;

/**
 * Starts a 5 ms ticker; `stop()` returns the longest the event loop stood still meanwhile (how long a
 * request would have waited). It waits one more tick first, so that a stall at the very end is seen.
 */
export function stallMeter(): { stop(): Promise<number> } {
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 20));
      clearInterval(ticker);
      return stall;
    },
  };
}

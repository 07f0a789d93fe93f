/**
 * Command-line entry for batch work and scripts: one more host over the same core and `dispatch()` as the
 * Electron and browser hosts (the commands are in electron/cli/). Errors go to stderr in Chinese with a
 * non-zero exit code. Built to dist/cli/cli.js, which bin/duchagongzuotai.js (`npx duchagongzuotai`,
 * `npm run cli`) runs.
 */
import { describeError } from './cli/errors';
import { INTERRUPTED_EXIT, INTERRUPTED_MESSAGE, TOO_LATE_MESSAGE, isInterruption, onInterrupt, wasInterrupted } from './cli/interrupt';
import { runCli } from './cli/run';

export { runCli };

/** Resolves once everything written to `stream` has been handed to the OS: piped output arrives whole. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write('', () => resolve());
  });
}

/** Ctrl+C: see cli/interrupt.ts. */
export function interrupt(): void {
  onInterrupt((exitCode) => process.exit(exitCode));
}

/** Runs one command as a process: prints, sets the exit code and exits once the output is out. */
export async function main(argv: string[]): Promise<void> {
  // The service's own diagnostics ("[service] … failed: <stack>") are for developers; the user reads the
  // Chinese message below. DUCHA_DEBUG=1 shows them.
  if (!process.env.DUCHA_DEBUG) {
    const original = console.error;
    console.error = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && /^\[[\w-]+\]/.test(args[0])) return;
      original(...args);
    };
  }
  // A reader that stops early (`| head`) closes the pipe: not an error of the command.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  // The launcher (bin/duchagongzuotai.js) has its listener calling `interrupt` already; run directly, add one.
  if (process.listenerCount('SIGINT') === 0) process.on('SIGINT', interrupt);
  let code: number;
  try {
    code = await runCli(argv);
    if (wasInterrupted()) process.stderr.write(`${TOO_LATE_MESSAGE}\n`);
  } catch (err) {
    if (isInterruption(err)) {
      process.stderr.write(`${INTERRUPTED_MESSAGE}\n`);
      code = INTERRUPTED_EXIT;
    } else {
      process.stderr.write(`${await describeError(err)}\n`);
      code = 1;
    }
  }
  process.exitCode = code;
  // Not process.exit() straight away: it would cut a piped stdout at the pipe's 64 KiB buffer. Exit once the
  // output is out, in case a handle (a timer, a worker) would keep the process alive.
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}

if (require.main === module) void main(process.argv.slice(2));

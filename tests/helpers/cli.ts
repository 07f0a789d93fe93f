import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/**
 * Runs the CLI as a user would: the package's bin (`npx duchagongzuotai`, `npm run cli` run exactly this),
 * which runs the built bundle and rebuilds it first when a source is newer.
 */
export function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/duchagongzuotai.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

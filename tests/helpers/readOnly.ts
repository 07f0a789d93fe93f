/**
 * A folder nobody may write to, for real: tests run as root on the CI machines, where permission bits stop
 * nothing. As root the folder and its files are made immutable (`chattr +i`, honoured by the kernel for root
 * too); otherwise the permission bits do. Either way the helper proves the refusal by trying to write, and
 * throws when it cannot make the folder read-only, so a test never passes on a folder that was writable.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function entries(dir: string): string[] {
  return [dir, ...fs.readdirSync(dir).map((n) => path.join(dir, n))];
}

/** Makes `dir` and the files in it read-only; returns the undo (needed before a temp folder can be removed). */
export function makeReadOnly(dir: string): () => void {
  const targets = entries(dir);
  if (isRoot) {
    try {
      execFileSync('chattr', ['+i', ...targets], { stdio: 'pipe' });
    } catch (err) {
      throw new Error(`无法把 ${dir} 设为只读（chattr +i 失败，文件系统不支持？）：${(err as { stderr?: Buffer }).stderr?.toString() ?? String(err)}`);
    }
  } else {
    for (const t of targets) fs.chmodSync(t, fs.statSync(t).isDirectory() ? 0o555 : 0o444);
  }
  const undo = (): void => {
    if (isRoot) execFileSync('chattr', ['-i', ...targets.filter((t) => fs.existsSync(t))], { stdio: 'pipe' });
    else for (const t of targets) if (fs.existsSync(t)) fs.chmodSync(t, fs.statSync(t).isDirectory() ? 0o755 : 0o644);
  };
  const probe = path.join(dir, '.probe');
  let refused = false;
  try {
    fs.writeFileSync(probe, 'x');
    fs.rmSync(probe);
  } catch {
    refused = true;
  }
  if (!refused) {
    undo();
    throw new Error(`${dir} 仍可写入：这台机器上无法制造只读文件夹`);
  }
  return undo;
}

/**
 * The CLI as scripts run it: a process per command. Its start (`--help`) and a `list --json` of the bench
 * store piped into a JSON parser, each against the same run through `tsx` (the CLI before it was built).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildCli } from '../scripts/build-cli.mjs';
import { measure, type Stat } from './stats';

const root = path.resolve(__dirname, '..');
const BUILT = [path.join(root, 'bin/duchagongzuotai.js')];
const TSX = ['--import', 'tsx', path.join(root, 'electron/cli.ts')];
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const PARSER = `${quote(process.execPath)} -e ${quote("let s='';process.stdin.on('data',(d)=>s+=d).on('end',()=>{if(!Array.isArray(JSON.parse(s)))process.exit(1)})")}`;

function run(args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`CLI failed: ${args.join(' ')}`);
}

function piped(args: string[]): void {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${[process.execPath, ...args].map(quote).join(' ')} | ${PARSER}`], { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`piped CLI failed: ${args.join(' ')}`);
}

export async function measureCli(storePath: string): Promise<{ start: Stat; startTsx: Stat; list: Stat; listTsx: Stat }> {
  await buildCli();
  const help = ['--help'];
  const list = ['list', '--db', storePath, '--json'];
  return {
    start: measure(10, () => run([...BUILT, ...help]), 1),
    startTsx: measure(5, () => run([...TSX, ...help]), 1),
    list: measure(5, () => piped([...BUILT, ...list]), 1),
    listTsx: measure(3, () => piped([...TSX, ...list]), 1),
  };
}

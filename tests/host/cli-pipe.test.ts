/**
 * `list --json | jq .` on a large store: the whole output arrives through a real pipe. process.exit() before
 * stdout drained used to cut it at the pipe's 64 KiB, inside a character.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillSynthetic } from '../../bench/synthetic';
import { openCore, tempStorePath } from '../helpers/store';

const root = path.resolve(__dirname, '../..');
const TARGETS = 5000;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The CLI's stdout piped into a second process that parses it, as a script would. */
function pipedIntoParser(...args: string[]): { status: number; parsed: string; stderr: string } {
  const cli = [process.execPath, path.join(root, 'bin/duchagongzuotai.js'), ...args].map(quote).join(' ');
  const parser = `${quote(process.execPath)} -e ${quote(
    "let s='';process.stdin.setEncoding('utf8');process.stdin.on('data',(d)=>s+=d);process.stdin.on('end',()=>{const v=JSON.parse(s);console.log(JSON.stringify({bytes:Buffer.byteLength(s),count:v.length,last:v[v.length-1].serial}))})",
  )}`;
  // pipefail: the CLI's own exit status, not only the parser's.
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${cli} | ${parser}`], { cwd: root, encoding: 'utf8' });
  return { status: r.status ?? -1, parsed: r.stdout, stderr: r.stderr };
}

describe('cli output through a pipe', () => {
  it(`list --json of ${TARGETS} targets arrives whole into a JSON parser`, async () => {
    const db = tempStorePath();
    const core = await openCore(db);
    const { year } = fillSynthetic(core.db, { targets: TARGETS });
    core.close();
    const r = pipedIntoParser('list', '--db', db, '--year', String(year), '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = JSON.parse(r.parsed) as { bytes: number; count: number; last: number };
    expect(got.count).toBe(TARGETS);
    expect(got.last).toBe(TARGETS);
    // Far beyond the 64 KiB a pipe holds: the case that used to be cut.
    expect(got.bytes).toBeGreaterThan(1_000_000);
  });
});

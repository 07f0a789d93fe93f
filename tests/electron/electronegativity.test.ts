/**
 * The Electronegativity gate (scripts/electronegativity.mjs, run on dist/ by `npm test`): it must fail on
 * an insecure main process, so that a green gate on ours means something.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

describe('electronegativity gate', () => {
  it('fails on HIGH findings (contextIsolation off, no navigation limits)', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ['scripts/electronegativity.mjs', 'tests/electron/fixtures/insecure'], { cwd: root, encoding: 'utf8' });
    expect(r.status, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(1);
    expect(r.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(r.stdout).toMatch(/\d+ finding\(s\), [1-9]\d* HIGH/);
  });
});
